import { z } from 'zod'

/** Order statuses (docs/providers/aymakan.md "The rule: update only while on hold") and the labels the API shows. */
export const ORDER_STATUSES = [
  'new_order',
  'pending',
  'on_hold',
  'hub_assigned',
  'in_picking',
  'picked',
  'consolidated',
  'ready_to_pack',
  'in_packing',
  'ready_to_ship',
  'shipped',
  'packed',
  'cancelled',
  'delivered',
] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

const label = (s: OrderStatus) =>
  s
    .split('_')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ')
const LABELS = new Map(ORDER_STATUSES.map((s) => [s, label(s)]))

/** `on_hold` → `On Hold`. */
export const statusLabel = (s: OrderStatus): string => LABELS.get(s) ?? label(s)

export const PAYMENT_METHODS = ['prepaid', 'postpaid'] as const

const json = z.record(z.string(), z.unknown())

/**
 * An order as stored: the documented success example's keys (status and
 * payment_method as codes, rendered as labels), plus what the request carries
 * that the response does not show (note, is_cash_on_delivery, require_shipping).
 */
export const orderRecord = z.object({
  order_id: z.string().min(1),
  status: z.enum(ORDER_STATUSES),
  hub_code: z.string(),
  customer: json,
  seller_name: z.string(),
  order_alias: z.string(),
  order_items: z.array(json),
  billing_address: json,
  shipping_address: json,
  reason: z.string(),
  cancelled_reason: z.string(),
  sub_status: z.string(),
  transactions: z.array(json),
  slot: json,
  order_created_at: z.string(),
  invoice: json,
  shipment: json,
  delivery_type: z.string(),
  payment_method: z.enum(PAYMENT_METHODS),
  shipment_created_at: z.string(),
  order_shipped_at: z.string(),
  order_delivered_at: z.string(),
  note: z.string().nullable(),
  is_cash_on_delivery: z.boolean().nullable(),
  require_shipping: z.boolean().nullable(),
  /** Insertion sequence, for the list's stable order. */
  seq: z.number().int(),
})
export type OrderRecord = z.output<typeof orderRecord>

/**
 * A scenario's order: the same body as the create request (order_id,
 * order_items, payment_method, shipping_address, …) plus its status, and
 * optionally hub_code and transactions. Missing parts are seeded.
 */
const scenarioOrder = z
  .object({
    order_id: z.string().min(1),
    status: z.enum(ORDER_STATUSES),
    hub_code: z.string().optional(),
    payment_method: z.enum(PAYMENT_METHODS).optional(),
    order_items: z.array(json.and(z.object({ sku_code: z.string() }))).optional(),
    shipping_address: json.optional(),
    billing_address: json.optional(),
    invoice: json.optional(),
    customer: json.optional(),
    shipment: json.optional(),
    order_created_at: z.string().optional(),
    note: z.string().nullable().optional(),
    is_cash_on_delivery: z.boolean().nullable().optional(),
    require_shipping: z.boolean().nullable().optional(),
    delivery_type: z.string().optional(),
    transactions: z.array(json).optional(),
  })
  .strict()

/** The `providers.aymakan` section of a scenario file. */
export const aymakanSection = z
  .object({
    apiKeys: z
      .array(z.string().regex(/^\S+$/))
      .default([])
      .describe('Keys accepted in `api-key`, `Authorization` or `Authorization: Bearer`.'),
    sellerName: z.string().default('Mock Store'),
    hubs: z
      .array(z.string().min(1))
      .min(1)
      .default(['mockHub'])
      .describe('Hub codes a create may name; the first is the default.'),
    skus: z
      .array(z.object({ sku_code: z.string().min(1), name: z.string().optional() }).strict())
      .default([])
      .describe('The SKU catalogue order items are checked against.'),
    orders: z.array(scenarioOrder).default([]),
    generate: z
      .object({ orders: z.number().int().min(0).max(100_000).default(0) })
      .strict()
      .default({ orders: 0 }),
  })
  .strict()
  .superRefine((section, ctx) => {
    const skus = new Set(section.skus.map((s) => s.sku_code))
    const ids = new Set<string>()
    section.orders.forEach((o, i) => {
      if (ids.has(o.order_id))
        ctx.addIssue({ code: 'custom', path: ['orders', i, 'order_id'], message: `duplicate order_id ${o.order_id}` })
      ids.add(o.order_id)
      o.order_items?.forEach((it, k) => {
        if (!skus.has(it.sku_code))
          ctx.addIssue({
            code: 'custom',
            path: ['orders', i, 'order_items', k, 'sku_code'],
            message: `SKU ${it.sku_code} is not in skus`,
          })
      })
    })
    if (section.generate.orders > 0 && section.skus.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['generate', 'orders'],
        message: 'generated orders need at least one SKU in skus',
      })
    }
  })
export type AymakanSection = z.output<typeof aymakanSection>
