import type { Instant } from '../../core/clock.js'
import type { ChangePlan, FieldErrors, Rule } from '../../core/rules.js'
import { formatDrfDateTime } from '../../frameworks/drf/datetime-format.js'
import { MSG } from '../../frameworks/drf/fields.js'
import { type ItemRecord, LOCKED_STATUSES, type OrderRecord, type PaymentRecord } from './schemas.js'
import { type HamgamDb, productSnapshot } from './seed.js'

/**
 * Hamgam's rules. Update Order Item documents the endpoint and its fields but no
 * validation beyond types: every rule here is the mock's assumption
 * (docs/providers/hamgam.md "Validation"), worded as DRF would word it.
 */

const ASSUMED = (basis: string) => ({ kind: 'assumption', basis }) as const

export interface HamgamWrite {
  readonly db: HamgamDb
  readonly now: Instant
  readonly values: Readonly<Record<string, unknown>>
  readonly order: OrderRecord
  readonly item?: ItemRecord
  readonly payment?: PaymentRecord
}

export const OPERATION = {
  itemUpdate: 'hamgam.item.update',
  itemDelete: 'hamgam.item.delete',
  paymentCreate: 'hamgam.payment.create',
  paymentUpdate: 'hamgam.payment.update',
} as const

const ITEM_WRITES = [OPERATION.itemUpdate, OPERATION.itemDelete]

/** A minimum on an integer field: DRF's min_value validator (a field-stage check). */
function atLeast(
  id: string,
  field: string,
  min: number,
  operations: readonly string[],
  summary: string,
): Rule<HamgamWrite> {
  return {
    id,
    provider: 'hamgam',
    summary,
    source: ASSUMED('docs/providers/hamgam.md "Validation"; DRF MinValueValidator wording'),
    operations,
    stage: 'field',
    check(ctx) {
      const v = ctx.values[field]
      return typeof v === 'number' && v < min ? { [field]: [MSG.minValue(min)] } : undefined
    },
  }
}

/** The value a field will have after this write: the payload's, else the record's. */
const resulting = <R extends object, F extends keyof R>(ctx: HamgamWrite, record: R, field: F): R[F] =>
  (Object.hasOwn(ctx.values, field) ? ctx.values[field as string] : record[field]) as R[F]

export const hamgamRules: Rule<HamgamWrite>[] = [
  {
    id: 'hamgam.order.locked-statuses',
    provider: 'hamgam',
    summary: `Items of an order in status ${LOCKED_STATUSES.join(', ')} cannot be changed or deleted: 400 {"detail": …}.`,
    source: ASSUMED('docs/providers/hamgam.md "Validation"'),
    operations: ITEM_WRITES,
    stage: 'precondition',
    check(ctx) {
      const status = ctx.order.status
      if (!(LOCKED_STATUSES as readonly string[]).includes(status)) return undefined
      return { detail: [`The items of an order in status "${status}" can no longer be changed.`] }
    },
  },
  atLeast('hamgam.item.quantity.min-1', 'quantity', 1, [OPERATION.itemUpdate], 'quantity is at least 1.'),
  atLeast(
    'hamgam.item.unit-price.non-negative',
    'unit_price',
    0,
    [OPERATION.itemUpdate],
    'unit_price is not negative.',
  ),
  atLeast(
    'hamgam.item.unit-discount.non-negative',
    'unit_discount',
    0,
    [OPERATION.itemUpdate],
    'unit_discount is not negative.',
  ),
  atLeast(
    'hamgam.payment.amount.positive',
    'amount',
    1,
    [OPERATION.paymentCreate, OPERATION.paymentUpdate],
    'A payment amount is at least 1.',
  ),
  {
    id: 'hamgam.item.unit-discount.not-above-price',
    provider: 'hamgam',
    summary: 'The resulting unit_discount is at most the resulting unit_price.',
    source: ASSUMED('docs/providers/hamgam.md "Validation"'),
    operations: [OPERATION.itemUpdate],
    check(ctx): FieldErrors | undefined {
      if (!ctx.item) return undefined
      const price = resulting(ctx, ctx.item, 'unit_price')
      const discount = resulting(ctx, ctx.item, 'unit_discount')
      return discount > price
        ? { unit_discount: [`Ensure this value is less than or equal to the unit price (${price}).`] }
        : undefined
    },
  },
  {
    id: 'hamgam.item.product.snapshot',
    provider: 'hamgam',
    summary: "Changing an item's product refreshes product_name and takes a new product_data snapshot.",
    source: ASSUMED('docs/providers/hamgam.md "Validation"; Update Order Item calls product_data a snapshot'),
    operations: [OPERATION.itemUpdate],
    derive(ctx, plan) {
      const item = ctx.item
      const product = ctx.values.product
      if (!item || typeof product !== 'number' || product === item.product) return false
      const p = ctx.db.products.get(product)!
      plan.set(ctx.db.items, item, { product_name: p.name, product_data: productSnapshot(p) })
      return true
    },
  },
  // Last: it stamps every record the write saves.
  {
    id: 'hamgam.updated-at.auto',
    provider: 'hamgam',
    summary:
      'Every write sets updated_at to now on each record it saves; an item or payment write also saves its order (its totals changed).',
    source: ASSUMED("Django auto_now; the order being saved with its items is the mock's choice"),
    operations: [OPERATION.itemUpdate, OPERATION.itemDelete, OPERATION.paymentCreate, OPERATION.paymentUpdate],
    derive(ctx, plan: ChangePlan) {
      plan.touch(ctx.db.orders, ctx.order)
      const stamp = formatDrfDateTime(ctx.now)
      plan.setOnEverySaved({ updated_at: stamp })
      return true
    },
  },
]
