import type { Instant } from '../../core/clock.js'
import type { ChangePlan, FieldErrors, Rule } from '../../core/rules.js'
import { formatDrfDateTime } from '../../frameworks/drf/datetime-format.js'
import type { OrderItemRecord, OrderRecord } from './schemas.js'
import type { OmnitronDb } from './seed.js'

/**
 * Omnitron's business rules: the "Key Points" of Update Order Item, one named
 * rule each (docs/providers/omnitron.md "Key Points: the business rules").
 * The documents give no error texts for rules 1–5; the messages here are
 * DRF-style field errors chosen by the mock (source: assumption for the text).
 */

const UPDATE_ORDER_PAGE = 'https://apidocs.akinon.com/omnitron/integration/order/update-order-and-order-item'
const KEY_POINTS = { kind: 'doc', document: UPDATE_ORDER_PAGE, section: 'Update Order Item — Key Points' } as const

/** What every Omnitron rule sees: the session's records, the validated payload, the clock. */
export interface OmnitronWrite {
  readonly db: OmnitronDb
  readonly now: Instant
  /** Field values that passed validation (null where null was sent), by payload key. */
  readonly values: Readonly<Record<string, unknown>>
  /** The order being written (order update), or the order of the item being written. */
  readonly order?: OrderRecord
  /** The item being written (item update, one bulk entry). */
  readonly item?: OrderItemRecord
  /** In a bulk: the order of its first entry, which every entry must belong to. */
  readonly bulkOrder?: number
}

export const OPERATION = {
  orderUpdate: 'omnitron.order.update',
  itemUpdate: 'omnitron.order_item.update',
  bulkUpdate: 'omnitron.order_item.bulk_status_update',
} as const

const ITEM_WRITES = [OPERATION.itemUpdate, OPERATION.bulkUpdate]

const has = (ctx: OmnitronWrite, field: string) => Object.hasOwn(ctx.values, field)

export const FORBIDDEN_ATTRIBUTE_KEYS = [
  'split_from_order_item_pk',
  'old_order_item_omnitron_id',
  'old_order_item_id',
  'old_product_sku',
  'old_price',
  'new_product_sku',
  'new_price',
] as const

/** The item fields that rule 9 copies to the item's order. */
export const PROPAGATED_FIELDS = [
  'invoice_number',
  'invoice_date',
  'e_archive_url',
  'tracking_number',
  'shipping_company',
  'status',
  'defined_tracking_url',
] as const satisfies readonly (keyof OrderItemRecord & keyof OrderRecord)[]

const LOCKED_WHEN_FINAL = ['tracking_number', 'defined_tracking_url', 'defined_shipping_company'] as const
const FINAL_STATUSES: Record<string, string> = { '100': 'cancelled', '600': 'refunded' }
const AFTER_WAITING_FOR_PAYMENT_FORBIDDEN = ['waiting', 'confirmation_waiting', 'confirmed', 'approved', 'rejected']

function nextCancelStatusError(
  ctx: OmnitronWrite,
  current: string,
  forbidden: readonly string[],
): FieldErrors | undefined {
  if (ctx.item?.cancel_status !== current) return undefined
  const sent = ctx.values.cancel_status
  if (!has(ctx, 'cancel_status') || sent === null) {
    return { cancel_status: [`A non-null cancel_status is required while the current cancel_status is ${current}.`] }
  }
  if (forbidden.includes(sent as string)) {
    return { cancel_status: [`cancel_status cannot change from ${current} to ${sent as string}.`] }
  }
  return undefined
}

/** Sets a date field to now when the payload's status asks for it and the item has none (rules 6 and 7). */
function autoDate(
  ctx: OmnitronWrite,
  plan: ChangePlan,
  status: string,
  field: 'shipped_date' | 'delivered_date',
): boolean {
  const item = ctx.item
  // An explicit value in the payload wins over the automatic one.
  if (!item || ctx.values.status !== status || item[field] !== null || has(ctx, field)) return false
  plan.setField(ctx.db.orderItems, item, field, stampOf(ctx.now))
  return true
}

/** "now" as Django renders it, once per request (a bulk stamps a hundred records with it). */
const stamps = new WeakMap<Instant, string>()
function stampOf(now: Instant): string {
  let stamp = stamps.get(now)
  if (stamp === undefined) stamps.set(now, (stamp = formatDrfDateTime(now)))
  return stamp
}

export const ONE_ORDER_AT_A_TIME = 'You can only update one order at a time.'

/**
 * A bulk entry of another order than the first entry's is refused (the
 * documented message; the entry's own fields are not looked at). The bulk
 * reports it as a bare list: `{"message": ["You can only …"], "args": {…}}`.
 */
export const oneOrderAtATime: Rule<OmnitronWrite> = {
  id: 'omnitron.bulk.one-order-at-a-time',
  provider: 'omnitron',
  summary: "Every entry of a bulk status update must belong to the first entry's order.",
  source: { kind: 'doc', document: UPDATE_ORDER_PAGE, section: 'Bulk Status Update' },
  operations: [OPERATION.bulkUpdate],
  stage: 'precondition',
  check: (ctx) =>
    ctx.item && ctx.bulkOrder !== undefined && ctx.item.order !== ctx.bulkOrder
      ? { non_field_errors: [ONE_ORDER_AT_A_TIME] }
      : undefined,
}

export const omnitronRules: Rule<OmnitronWrite>[] = [
  oneOrderAtATime,
  // ------------------------------------------------------------ checks
  {
    id: 'omnitron.item.status.no-cancel-or-refund',
    provider: 'omnitron',
    summary: 'A payload status of 100 (cancelled) or 600 (refunded) is rejected; nothing changes.',
    source: KEY_POINTS,
    operations: ITEM_WRITES,
    check(ctx) {
      const status = ctx.values.status as string | undefined
      if (status === undefined || !Object.hasOwn(FINAL_STATUSES, status)) return undefined
      return {
        status: [`The status cannot be changed to ${status} (${FINAL_STATUSES[status]}) through this endpoint.`],
      }
    },
  },
  {
    id: 'omnitron.item.attributes.forbidden-keys',
    provider: 'omnitron',
    summary: `attributes and attributes_kwargs must not contain ${FORBIDDEN_ATTRIBUTE_KEYS.join(', ')}.`,
    source: KEY_POINTS,
    operations: ITEM_WRITES,
    check(ctx) {
      let errors: FieldErrors | undefined
      for (const field of ['attributes', 'attributes_kwargs'] as const) {
        const value = ctx.values[field]
        if (value === null || typeof value !== 'object') continue
        const found = FORBIDDEN_ATTRIBUTE_KEYS.filter((k) => Object.hasOwn(value, k))
        if (found.length > 0) (errors ??= {})[field] = found.map((k) => `The key "${k}" is not allowed in ${field}.`)
      }
      return errors
    },
  },
  {
    id: 'omnitron.item.cancel-status.approved-needs-next',
    provider: 'omnitron',
    summary:
      "While the item's cancel_status is approved, a write must carry a non-null cancel_status other than confirmed.",
    source: KEY_POINTS,
    operations: ITEM_WRITES,
    check: (ctx) => nextCancelStatusError(ctx, 'approved', ['confirmed']),
  },
  {
    id: 'omnitron.item.cancel-status.waiting-for-payment-needs-next',
    provider: 'omnitron',
    summary:
      "While the item's cancel_status is waiting_for_payment, a write must carry a non-null cancel_status other than waiting, confirmation_waiting, confirmed, approved and rejected.",
    source: KEY_POINTS,
    operations: ITEM_WRITES,
    check: (ctx) => nextCancelStatusError(ctx, 'waiting_for_payment', AFTER_WAITING_FOR_PAYMENT_FORBIDDEN),
  },
  {
    id: 'omnitron.item.final-status.locks-tracking',
    provider: 'omnitron',
    summary:
      "While the item's status is 100 or 600, tracking_number, defined_tracking_url and defined_shipping_company cannot be sent.",
    source: KEY_POINTS,
    operations: ITEM_WRITES,
    check(ctx) {
      const status = ctx.item?.status
      if (status === undefined || !Object.hasOwn(FINAL_STATUSES, status)) return undefined
      const errors: FieldErrors = {}
      for (const field of LOCKED_WHEN_FINAL) {
        if (has(ctx, field))
          errors[field] = [
            `This field cannot be updated while the order item status is ${status} (${FINAL_STATUSES[status]}).`,
          ]
      }
      return errors
    },
  },
  {
    id: 'omnitron.item.final-status-is-final',
    provider: 'omnitron',
    summary:
      'Opt-in (scenario providers.omnitron.settings.transitions: strict): an item in status 100 (cancelled) or 600 (refunded) cannot be moved to another status.',
    source: {
      kind: 'assumption',
      basis:
        'The documents refuse 100 and 600 as payload statuses but say nothing about leaving them; off unless a scenario asks for the stricter reading.',
    },
    operations: ITEM_WRITES,
    check(ctx) {
      if (ctx.db.transitions !== 'strict') return undefined
      const current = ctx.item?.status
      if (current === undefined || !Object.hasOwn(FINAL_STATUSES, current)) return undefined
      const sent = ctx.values.status
      if (!has(ctx, 'status') || sent === current) return undefined
      return {
        status: [
          `The status cannot change from ${current} (${FINAL_STATUSES[current]}): it is final (transition policy strict).`,
        ],
      }
    },
  },
  // ------------------------------------------------------- derivations
  {
    id: 'omnitron.order.only-is-send-applied',
    provider: 'omnitron',
    summary:
      'PATCH /api/v1/orders/{pk}/ applies is_send only; a valid status is accepted but not applied, other fields are ignored.',
    source: { kind: 'doc', document: UPDATE_ORDER_PAGE, section: 'Update Order' },
    operations: [OPERATION.orderUpdate],
    derive(ctx, plan) {
      if (!ctx.order || !has(ctx, 'is_send')) return false
      plan.setField(ctx.db.orders, ctx.order, 'is_send', ctx.values.is_send as boolean)
      return true
    },
  },
  {
    id: 'omnitron.item.shipped-date.auto',
    provider: 'omnitron',
    summary:
      "Payload status 500 and the item's shipped_date is null: shipped_date becomes now (unless the payload sets it).",
    source: KEY_POINTS,
    operations: ITEM_WRITES,
    derive: (ctx, plan) => autoDate(ctx, plan, '500', 'shipped_date'),
  },
  {
    id: 'omnitron.item.delivered-date.auto',
    provider: 'omnitron',
    summary:
      "Payload status 550 and the item's delivered_date is null: delivered_date becomes now (unless the payload sets it).",
    source: KEY_POINTS,
    operations: ITEM_WRITES,
    derive: (ctx, plan) => autoDate(ctx, plan, '550', 'delivered_date'),
  },
  {
    id: 'omnitron.item.invoice-or-tracking.promotes-approved',
    provider: 'omnitron',
    summary:
      'An invoice_number or tracking_number in the payload moves an item in status 400 to 450, whatever status the payload says.',
    source: KEY_POINTS,
    operations: ITEM_WRITES,
    derive(ctx, plan) {
      const item = ctx.item
      if (item?.status !== '400') return false
      const sent = (f: 'invoice_number' | 'tracking_number') => has(ctx, f) && ctx.values[f] !== null
      if (!sent('invoice_number') && !sent('tracking_number')) return false
      plan.setField(ctx.db.orderItems, item, 'status', '450')
      return true
    },
  },
  {
    id: 'omnitron.item.propagates-to-order',
    provider: 'omnitron',
    summary: `${PROPAGATED_FIELDS.join(', ')} sent for an item are written to its order too (the item's resulting value); a pay-on-delivery order that already has a tracking number keeps it.`,
    source: KEY_POINTS,
    operations: ITEM_WRITES,
    derive(ctx, plan) {
      const { item, order } = ctx
      if (!item || !order) return false
      let changed = false
      for (const field of PROPAGATED_FIELDS) {
        if (!has(ctx, field)) continue
        if (
          field === 'tracking_number' &&
          order.payment_type === 'pay_on_delivery' &&
          plan.value(order, 'tracking_number')
        )
          continue
        plan.setField(ctx.db.orders, order, field, plan.value(item, field) as OrderRecord[typeof field])
        changed = true
      }
      return changed
    },
  },
  // Last: it stamps every record the write saves, including those derived above.
  {
    id: 'omnitron.modified-date.auto',
    provider: 'omnitron',
    summary:
      'Every successful write sets modified_date to now on each record it saves (Django auto_now), even when no other field changed.',
    source: KEY_POINTS,
    operations: [OPERATION.orderUpdate, ...ITEM_WRITES],
    derive(ctx, plan) {
      // The records this write saves: its item or order, and the order an item write propagated to.
      const stamp = stampOf(ctx.now)
      let saved = false
      if (ctx.item && plan.has(ctx.item)) {
        plan.setField(ctx.db.orderItems, ctx.item, 'modified_date', stamp)
        saved = true
      }
      if (ctx.order && plan.has(ctx.order)) {
        plan.setField(ctx.db.orders, ctx.order, 'modified_date', stamp)
        saved = true
      }
      return saved
    },
  },
]
