import { formatIso } from '../../core/clock.js'
import type { WriteScope } from '../../core/context.js'
import { perObject } from '../../core/memo.js'
import { ChangePlan, runRules } from '../../core/rules.js'
import type { Input } from '../../frameworks/laravel/http.js'
import { type LaravelRule, type RuleSet, validate } from '../../frameworks/laravel/validator.js'
import { type BuildContext, contentsFrom, newOrder, objectId } from './build.js'
import { type AymakanWrite, aymakanRules, OPERATION } from './rules.js'
import { type OrderRecord, PAYMENT_METHODS } from './schemas.js'
import type { AymakanDb } from './seed.js'
import { envelope, serializeOrder } from './serialize.js'

/** Aymakan's writes: Laravel validation (422), the rules (400), the change, the envelope. */

export type WriteContext = WriteScope<AymakanDb>

const OPTIONAL_STRING: readonly LaravelRule[] = ['nullable', 'string']
const OPTIONAL_NUMBER: readonly LaravelRule[] = ['nullable', 'numeric']
const OPTIONAL_BOOLEAN: readonly LaravelRule[] = ['nullable', 'boolean']
const ADDRESS_STRINGS = [
  'country',
  'country_code',
  'state',
  'state_code',
  'first_name',
  'last_name',
  'phone',
  'zip',
  'address2',
]

function address(prefix: string, required: boolean): RuleSet {
  const rules: Record<string, readonly LaravelRule[]> = {
    [prefix]: required ? ['required', 'array'] : ['nullable', 'array'],
    [`${prefix}.address1`]: required ? ['required', 'string'] : OPTIONAL_STRING,
    [`${prefix}.city`]: required ? ['required', 'string'] : OPTIONAL_STRING,
  }
  for (const f of ADDRESS_STRINGS) rules[`${prefix}.${f}`] = OPTIONAL_STRING
  rules[`${prefix}.latitude`] = OPTIONAL_NUMBER
  rules[`${prefix}.longitude`] = OPTIONAL_NUMBER
  return rules
}

/** The request tables of Update Order (docs/providers/aymakan.md) as Laravel rules (required where they say Yes). */
function buildOrderRules(db: AymakanDb, mode: 'create' | 'update'): RuleSet {
  // Lookups, as Laravel's `exists` rule: "The selected order_items.0.sku_code is invalid." (the
  // documented message: a key expanded from a wildcard keeps its raw name).
  const skuExists: LaravelRule = { exists: (v) => typeof v === 'string' && db.skus.has(v) }
  return {
    order_id: [
      'required',
      'string',
      ...(mode === 'update' ? [{ exists: (v: unknown) => db.orders.has(v) } as LaravelRule] : []),
    ],
    ...(mode === 'create' && {
      hub_code: ['required', 'string', { exists: (v: unknown) => db.hubs.includes(v as string) } as LaravelRule],
    }),
    order_items: ['required', 'array'],
    'order_items.*.sku_code': ['required', 'string', skuExists],
    'order_items.*.name': OPTIONAL_STRING,
    'order_items.*.display_price': OPTIONAL_NUMBER,
    'order_items.*.selling_price': OPTIONAL_NUMBER,
    'order_items.*.is_substituted': OPTIONAL_BOOLEAN,
    'order_items.*.quantity': ['nullable', 'integer'],
    'order_items.*.tax_percent': OPTIONAL_NUMBER,
    'order_items.*.tax': OPTIONAL_NUMBER,
    'order_items.*.unit_price': OPTIONAL_NUMBER,
    'order_items.*.subtotal': OPTIONAL_NUMBER,
    'order_items.*.total': OPTIONAL_NUMBER,
    'order_items.*.discount': OPTIONAL_NUMBER,
    'order_items.*.tax_inclusive': OPTIONAL_BOOLEAN,
    payment_method: ['required', { in: PAYMENT_METHODS }],
    ...address('shipping_address', true),
    ...address('billing_address', false),
    order_created_at: ['nullable', 'date'],
    invoice: ['nullable', 'array'],
    'invoice.currency': OPTIONAL_STRING,
    ...Object.fromEntries(
      [
        'subtotal',
        'shipping_price',
        'shipping_refund',
        'tax',
        'discount',
        'total',
        'total_paid',
        'total_due',
        'total_refunded',
        'tax_percent',
        'shipping_tax',
      ].map((f) => [`invoice.${f}`, OPTIONAL_NUMBER]),
    ),
    'invoice.payment_method': OPTIONAL_STRING,
    ...Object.fromEntries(
      [
        'sub_total_tax_inclusive',
        'sub_total_discount_inclusive',
        'shipping_tax_inclusive',
        'shipping_discount_inclusive',
      ].map((f) => [`invoice.${f}`, OPTIONAL_BOOLEAN]),
    ),
    customer: ['nullable', 'array'],
    ...Object.fromEntries(
      ['first_name', 'last_name', 'mobile', 'mobile_code', 'gender'].map((f) => [`customer.${f}`, OPTIONAL_STRING]),
    ),
    'customer.email': ['nullable', 'email'],
    'customer.avatar': ['nullable', 'url'],
    shipment: ['nullable', 'array'],
    ...Object.fromEntries(
      ['shipping_partner_name', 'shipping_partner_tag', 'awb_number', 'awb_label', 'tracking_link'].map((f) => [
        `shipment.${f}`,
        OPTIONAL_STRING,
      ]),
    ),
    is_cash_on_delivery: OPTIONAL_BOOLEAN,
    require_shipping: OPTIONAL_BOOLEAN,
    note: OPTIONAL_STRING,
    meta_data: ['nullable', 'array'],
  }
}

/**
 * One table per session's catalogue and mode, built on first use: the lookups read the
 * catalogue when they run, and the validator compiles a table once.
 */
const rulesOf = perObject((db: AymakanDb) => ({
  create: buildOrderRules(db, 'create'),
  update: buildOrderRules(db, 'update'),
}))
const orderRules = (db: AymakanDb, mode: 'create' | 'update'): RuleSet => rulesOf(db)[mode]

const validationError = (errors: Record<string, string>) =>
  envelope(422, false, 'Validation Error', null, null, { validation_errors: errors })

function buildContext(ctx: WriteContext, orderId: string): BuildContext {
  return {
    objectId: () => objectId(ctx.now.seconds, orderId, ++ctx.db.objectCounter),
    // Only a write that sets no order_created_at needs it.
    get now() {
      return formatIso(ctx.now).replace(/\.\d{3}Z$/, 'Z')
    },
  }
}

function refusedByRules(ctx: WriteContext, operation: string, write: AymakanWrite): Response | undefined {
  const result = runRules(aymakanRules, operation, write, new ChangePlan(), ctx)
  if (result.ok) return undefined
  const message = Object.values(result.errors).flat()[0] as string
  return envelope(400, false, message)
}

/** POST /api/v1/orders */
export async function createOrder(ctx: WriteContext, input: Input): Promise<Response> {
  const errors = validate(input, orderRules(ctx.db, 'create'))
  if (Object.keys(errors).length > 0) return validationError(errors)
  const refused = refusedByRules(ctx, OPERATION.create, { db: ctx.db, input })
  if (refused) return refused
  const record = newOrder(input, buildContext(ctx, String(input.order_id)), {
    status: 'on_hold',
    hubCode: String(input.hub_code),
    sellerName: ctx.db.sellerName,
    seq: ctx.db.seq++,
  })
  const inserted = ctx.db.orders.insert(record) // reserves the order_id synchronously
  ctx.committed()
  await inserted
  return envelope(200, true, 'Order saved successfully', serializeOrder(record))
}

/** PUT /api/v1/orders and PUT /api/v1/orders/{order_id}: order_id in the body is required either way. */
export function updateOrder(ctx: WriteContext, input: Input, pathId?: string): Response {
  const errors = validate(input, orderRules(ctx.db, 'update'))
  if (pathId !== undefined && typeof input.order_id === 'string' && input.order_id !== pathId && !errors.order_id) {
    errors.order_id = 'The order id field must match the order id in the URL.'
  }
  if (Object.keys(errors).length > 0) return validationError(errors)
  const order = ctx.db.orders.get(input.order_id) as OrderRecord
  const refused = refusedByRules(ctx, OPERATION.update, { db: ctx.db, input, order })
  if (refused) return refused
  ctx.db.orders.patch(order, contentsFrom(input, buildContext(ctx, order.order_id), order))
  ctx.committed()
  return envelope(200, true, 'Order saved successfully', serializeOrder(order))
}
