import { z } from 'zod'

/** Order statuses (docs/providers/hamgam.md "Validation"). */
export const ORDER_STATUSES = [
  'new',
  'hold',
  'failed',
  'cancelled',
  'processing',
  'shipped',
  'completed',
  'refunded',
] as const
/** Statuses whose items can no longer change (docs/providers/hamgam.md "Validation"; an assumption). */
export const LOCKED_STATUSES = ['shipped', 'completed', 'cancelled', 'refunded'] as const

/** The permission code a staff user needs for order items (docs/providers/hamgam.md; an assumption). */
export const ORDER_ITEM_PERMISSION = 2222

const id = z.number().int().positive()
const money = z.number().int().describe('An integer amount in the smallest currency unit.')
const dateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z$/,
    'a UTC datetime as DRF renders it, e.g. 2025-01-24T08:45:18.831693Z',
  )
const json = z.record(z.string(), z.unknown())

export const productRecord = z.object({
  id,
  name: z.string(),
  sku: z.string(),
  price: money,
})
export type ProductRecord = z.output<typeof productRecord>

export const customerRecord = z.object({ id, username: z.string(), first_name: z.string(), last_name: z.string() })
export const paymentMethodRecord = z.object({ id, name: z.string(), image: json.nullable() })
export const shippingMethodRecord = z.object({ id, name: z.string(), price: money })
export const placeRecord = z.object({ id, active: z.boolean(), name: z.string(), code: z.string() })
export const cityRecord = z.object({ id, active: z.boolean(), name: z.string() })

/** An order as stored: raw fields only; the computed fields are derived when it is rendered. */
export const orderRecord = z.object({
  id,
  key: z.string(),
  status: z.enum(ORDER_STATUSES),
  customer: id.nullable(),
  payment_method: id.nullable(),
  shipping_method: id.nullable(),
  shipping_cost: money,
  notes: z.string(),
  extra: json,
  created_at: dateTime,
  updated_at: dateTime,
  billing_country: id.nullable(),
  billing_state: id.nullable(),
  billing_city: id.nullable(),
  billing_address: z.string(),
  billing_postal_code: z.string(),
  billing_national_code: z.string(),
  billing_mobile_number: z.string(),
  billing_first_name: z.string(),
  billing_last_name: z.string(),
})
export type OrderRecord = z.output<typeof orderRecord>

export const itemRecord = z.object({
  id,
  order: id,
  product: id,
  product_name: z.string(),
  product_data: json.describe('Snapshot of the product when the item was created or its product changed.'),
  unit_price: money,
  unit_discount: money,
  quantity: z.number().int().min(1),
  notes: z.string(),
  created_at: dateTime,
  updated_at: dateTime,
})
export type ItemRecord = z.output<typeof itemRecord>

export const paymentRecord = z.object({
  id,
  order: id,
  payment_method: id,
  amount: money,
  approved: z.boolean(),
  transaction_id: z.string().nullable(),
  notes: z.string(),
  created_at: dateTime,
  updated_at: dateTime,
})
export type PaymentRecord = z.output<typeof paymentRecord>

const user = z
  .object({
    username: z.string().min(1),
    token: z.string().regex(/^\S+$/, 'a token has no white space').describe('Sent as "Authorization: Token <token>".'),
    role: z.enum(['admin', 'staff', 'customer']),
    permissions: z
      .array(z.number().int())
      .default([])
      .describe(`Permission codes of a staff user (${ORDER_ITEM_PERMISSION}: order items).`),
  })
  .strict()
export type HamgamUser = z.output<typeof user>

// zod's required() takes a mask typed from the concrete shape; over a generic
// ZodObject that type is not expressible, so the masks below are cast (zod's types force it).
const partial = <S extends z.ZodObject>(schema: S) =>
  schema
    .partial()
    .required({ id: true } as never)
    .strict()

/** The `providers.hamgam` section of a scenario file. */
export const hamgamSection = z
  .object({
    users: z.array(user).default([]),
    products: z
      .array(productRecord.strict())
      .default([])
      .describe("The product catalogue; an item's product must be one of these."),
    customers: z.array(customerRecord.strict()).default([]),
    paymentMethods: z.array(paymentMethodRecord.strict()).default([]),
    shippingMethods: z.array(shippingMethodRecord.strict()).default([]),
    countries: z.array(placeRecord.strict()).default([]),
    states: z.array(placeRecord.strict()).default([]),
    cities: z.array(cityRecord.strict()).default([]),
    orders: z.array(partial(orderRecord)).default([]),
    items: z.array(partial(itemRecord).required({ order: true, product: true } as never)).default([]),
    payments: z.array(partial(paymentRecord).required({ order: true } as never)).default([]),
    generate: z
      .object({
        orders: z.number().int().min(0).max(100_000).default(0),
        itemsPerOrder: z.number().int().min(0).max(100).default(2),
      })
      .strict()
      .default({ orders: 0, itemsPerOrder: 2 }),
  })
  .strict()
  .superRefine((section, ctx) => {
    const orders = new Set(section.orders.map((o) => o.id))
    const products = new Set(section.products.map((p) => p.id))
    const methods = new Set(section.paymentMethods.map((m) => m.id))
    section.items.forEach((it, i) => {
      const item = it as { order: number; product: number }
      if (!orders.has(item.order))
        ctx.addIssue({ code: 'custom', path: ['items', i, 'order'], message: `order ${item.order} is not in orders` })
      if (!products.has(item.product))
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'product'],
          message: `product ${item.product} is not in products`,
        })
    })
    section.payments.forEach((p, i) => {
      const payment = p as { order: number; payment_method?: number }
      if (!orders.has(payment.order))
        ctx.addIssue({
          code: 'custom',
          path: ['payments', i, 'order'],
          message: `order ${payment.order} is not in orders`,
        })
      if (payment.payment_method !== undefined && !methods.has(payment.payment_method)) {
        ctx.addIssue({
          code: 'custom',
          path: ['payments', i, 'payment_method'],
          message: `payment method ${payment.payment_method} is not in paymentMethods`,
        })
      }
    })
    if (section.generate.orders > 0 && section.products.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['generate', 'orders'],
        message: 'generated orders need at least one product in products',
      })
    }
  })
export type HamgamSection = z.output<typeof hamgamSection>
