import { z } from 'zod'
import { drfSettingsSchema } from '../../frameworks/drf/settings.js'

/** Order status codes (docs/providers/omnitron.md "Order status codes"). */
export const ORDER_STATUSES = [
  '50',
  '100',
  '200',
  '300',
  '350',
  '400',
  '450',
  '500',
  '510',
  '520',
  '540',
  '544',
  '545',
  '546',
  '547',
  '550',
  '600',
] as const

export const CANCEL_STATUSES = [
  'waiting',
  'confirmation_waiting',
  'confirmed',
  'approved',
  'rejected',
  'waiting_for_payment',
] as const

/** Omnitron's real list is hard-coded and not public; this default is replaceable per scenario. */
export const DEFAULT_SHIPPING_COMPANIES = [
  'yurtici',
  'aras',
  'mng',
  'ptt',
  'surat',
  'ups',
  'dhl',
  'fedex',
  'tnt',
  'hepsijet',
  'sendeo',
  'kolay_gelsin',
  'cdek',
  'bringo_express',
  'horoz',
  'other',
  // carriers named in the documented examples, so those requests succeed verbatim
  'FastExpress',
] as const

/** Payment types; `pay_on_delivery` matters to the order-propagation rule. Not part of the order's JSON. */
export const PAYMENT_TYPES = [
  'credit_card',
  'funds_transfer',
  'pay_on_delivery',
  'loyalty_money',
  'stored_card',
  'masterpass',
  'other',
] as const

const money = z.string().regex(/^-?\d+\.\d{2}$/, 'a decimal string with two places, e.g. "109.99"')
const rate = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal string, e.g. "0.18"')
const dateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z$/,
    'a UTC datetime as Django renders it, e.g. 2025-01-24T08:45:18.831693Z',
  )
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD')
const id = z.number().int().positive()
const json = z.record(z.string(), z.unknown())

/** An order exactly as stored: the documented Update Order response keys, plus `payment_type`. */
export const orderRecord = z.object({
  pk: id,
  number: z.string(),
  channel: z.number().int(),
  status: z.enum(ORDER_STATUSES),
  date_placed: dateTime,
  customer: id.nullable(),
  shipping_address: id.nullable(),
  billing_address: id.nullable(),
  currency: z.string(),
  amount: money,
  shipping_amount: money,
  shipping_tax_rate: rate.nullable(),
  extra_field: json,
  payment_option: id.nullable(),
  payment_option_slug: z.string().nullable(),
  bin_number: z.string().nullable(),
  installment: id.nullable(),
  installment_count: z.number().int(),
  delivery_type: z.string().nullable(),
  installment_interest_amount: money,
  cargo_company: id.nullable(),
  invoice_number: z.string().nullable(),
  invoice_date: dateTime.nullable(),
  e_archive_url: z.string().nullable(),
  refund_amount: money,
  discount_refund_amount: money,
  shipping_refund_amount: money,
  discount_amount: money,
  is_send: z.boolean(),
  net_shipping_amount: money,
  shipping_interest_amount: money,
  tracking_number: z.string().nullable(),
  carrier_shipping_code: z.string().nullable(),
  remote_addr: z.string().nullable(),
  fundstransfertransaction_set: z.array(z.unknown()),
  has_gift_box: z.boolean(),
  gift_box_note: z.string().nullable(),
  external_status: z.number().int().nullable(),
  client_type: z.string().nullable(),
  language_code: z.string().nullable(),
  notes: z.string().nullable(),
  delivery_range: z.object({ lower: dateTime, upper: dateTime }).nullable(),
  shipping_option_slug: z.string().nullable(),
  segment: z.string().nullable(),
  modified_date: dateTime,
  checkout_provider_id: id.nullable(),
  created_date: dateTime,
  cancellation_info: json,
  shipping_company: z.string().nullable(),
  cancel_status: z.enum(CANCEL_STATUSES).nullable(),
  defined_tracking_url: z.string().nullable(),
  installment_free: z.boolean(),
  payment_type: z
    .enum(PAYMENT_TYPES)
    .describe('Not in the JSON: "pay_on_delivery" keeps an order\'s tracking number (rule 9).'),
})
export type OrderRecord = z.output<typeof orderRecord>

/** An order item as stored: the Update Order Item response keys, plus `product_sku` (bulk response). */
export const orderItemRecord = z.object({
  pk: id,
  order: id,
  product: id,
  product_sku: z.string(),
  status: z.enum(ORDER_STATUSES),
  price_currency: z.string(),
  price: money,
  tax_rate: rate,
  extra_field: json,
  price_list: id.nullable(),
  stock_list: id.nullable(),
  invoice_number: z.string().nullable(),
  invoice_date: dateTime.nullable(),
  e_archive_url: z.string().nullable(),
  tracking_number: z.string().nullable(),
  carrier_shipping_code: z.string().nullable(),
  shipping_company: z.string().nullable(),
  shipment_code: z.string().nullable(),
  external_status: z.number().int().nullable(),
  discount_amount: money,
  retail_price: money.nullable(),
  attributes: z.record(z.string(), z.union([z.string(), z.boolean()])),
  attributes_kwargs: z.record(z.string(), json),
  image: z.string().nullable(),
  parent: id.nullable(),
  shipped_date: dateTime.nullable(),
  delivered_date: dateTime.nullable(),
  estimated_delivery_date: date.nullable(),
  modified_date: dateTime,
  created_date: dateTime,
  defined_tracking_url: z.string().nullable(),
  defined_shipping_company: z.string().nullable(),
  cancel_status: z.enum(CANCEL_STATUSES).nullable(),
  installment_interest_amount: money,
  is_tradable: z.boolean(),
  datasource: id.nullable(),
  localized_attributes: json,
  localized_attributes_kwargs: json,
  cancellation_reconciliation: z.unknown().nullable(),
  reconciliation: z.unknown().nullable(),
  forced_refund: z.boolean(),
  original_stock: z.number().int(),
  shipping_option_group: id.nullable(),
})
export type OrderItemRecord = z.output<typeof orderItemRecord>

const user = z
  .object({
    username: z.string().min(1),
    password: z.string().min(1),
    token: z
      .string()
      .regex(/^\S+$/, 'a token has no white space')
      .describe('Sent as "Authorization: Token <token>"; returned by the login endpoint.'),
  })
  .strict()

/** How strictly item status transitions are checked (the documents are silent beyond the final statuses). */
export const TRANSITION_POLICIES = ['documented', 'strict'] as const
export type TransitionPolicy = (typeof TRANSITION_POLICIES)[number]

/**
 * The `providers.omnitron` section of a scenario file. Records list only the
 * fields that matter to the scenario; every other field gets a seeded default.
 */
export const omnitronSection = z
  .object({
    drf: drfSettingsSchema,
    users: z.array(user).default([]).describe('Who may log in (POST /api/v1/auth/login/) and which tokens are valid.'),
    shippingCompanies: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Allowed shipping_company values (replaces the default list).'),
    dataSources: z.array(id).default([]).describe('Existing data source pks (order item data_source).'),
    shippingOptionGroups: z
      .array(id)
      .default([])
      .describe('Existing shipping option group pks (order item shipping_option_group).'),
    orders: z.array(orderRecord.partial().required({ pk: true }).strict()).default([]),
    orderItems: z.array(orderItemRecord.partial().required({ pk: true, order: true }).strict()).default([]),
    settings: z
      .object({
        transitions: z
          .enum(TRANSITION_POLICIES)
          .default('documented')
          .describe(
            'Status transitions of order items. documented (default): only what the documents say (a payload cannot set 100 or 600); ' +
              'strict: also, an item in a final status (100 cancelled, 600 refunded) cannot be moved to another status ' +
              '(rule omnitron.item.final-status-is-final).',
          ),
      })
      .strict()
      .default({ transitions: 'documented' }),
    generate: z
      .object({
        orders: z.number().int().min(0).max(1_000_000).default(0).describe('How many extra orders to generate.'),
        itemsPerOrder: z.number().int().min(0).max(100).default(2).describe('Items of each generated order.'),
      })
      .strict()
      .default({ orders: 0, itemsPerOrder: 2 }),
  })
  .strict()
  .superRefine((section, ctx) => {
    const orderPks = new Set<number>()
    section.orders.forEach((o, i) => {
      if (orderPks.has(o.pk))
        ctx.addIssue({ code: 'custom', path: ['orders', i, 'pk'], message: `duplicate order pk ${o.pk}` })
      orderPks.add(o.pk)
    })
    // A fixture's shipping_company must be one a request could set (the scenario's list, or the default one).
    const companies: readonly string[] = section.shippingCompanies ?? DEFAULT_SHIPPING_COMPANIES
    for (const list of ['orders', 'orderItems'] as const) {
      section[list].forEach((record, i) => {
        const company = record.shipping_company
        if (company == null || companies.includes(company)) return
        ctx.addIssue({
          code: 'custom',
          path: [list, i, 'shipping_company'],
          message: `"${company}" is not one of the scenario's shippingCompanies (${companies.join(', ')})`,
        })
      })
    }
    const itemPks = new Set(section.orderItems.map((it) => it.pk))
    const seen = new Set<number>()
    section.orderItems.forEach((it, i) => {
      if (seen.has(it.pk))
        ctx.addIssue({ code: 'custom', path: ['orderItems', i, 'pk'], message: `duplicate order item pk ${it.pk}` })
      seen.add(it.pk)
      if (!orderPks.has(it.order))
        ctx.addIssue({
          code: 'custom',
          path: ['orderItems', i, 'order'],
          message: `order ${it.order} is not in orders`,
        })
      if (it.parent != null && !itemPks.has(it.parent)) {
        ctx.addIssue({
          code: 'custom',
          path: ['orderItems', i, 'parent'],
          message: `order item ${it.parent} is not in orderItems`,
        })
      }
    })
  })
export type OmnitronSection = z.output<typeof omnitronSection>
