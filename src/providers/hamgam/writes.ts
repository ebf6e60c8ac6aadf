import type { WriteScope } from '../../core/context.js'
import { perObject } from '../../core/memo.js'
import { ChangePlan, type Evaluation, type FieldErrors, type PlanTable, runRules } from '../../core/rules.js'
import { formatDrfDateTime } from '../../frameworks/drf/datetime-format.js'
import {
  booleanField,
  charField,
  type Field,
  integerField,
  notAMapping,
  primaryKeyField,
  validate,
} from '../../frameworks/drf/fields.js'
import type { QueryDict } from '../../frameworks/drf/querydict.js'
import type { WriteResult } from '../../frameworks/drf/views.js'
import { type HamgamWrite, hamgamRules, OPERATION } from './rules.js'
import type { ItemRecord, OrderRecord, PaymentRecord } from './schemas.js'
import type { HamgamDb } from './seed.js'
import { serializeOrder, serializePayment } from './serialize.js'

/** Hamgam's write operations: the serializer's validation, the rules, the commit, the response body. */

export type WriteContext = WriteScope<HamgamDb>

type Mapping = Record<string, unknown> | QueryDict

const run = (
  ctx: WriteContext,
  operation: string,
  write: HamgamWrite,
  plan: ChangePlan,
  fieldErrors: FieldErrors,
  apply?: () => void,
): Evaluation => runRules(hamgamRules, operation, write, plan, ctx, { fieldErrors, ...(apply && { apply }) })

/** A refused precondition answers `{"detail": "…"}` (an APIException in the view); field errors answer as a dict. */
function rejected(errors: FieldErrors): WriteResult {
  const detail = errors.detail
  return {
    status: 400,
    body: Array.isArray(detail) && Object.keys(errors).length === 1 ? { detail: detail[0] } : errors,
  }
}

const itemFields = perObject(
  (db: HamgamDb): Record<string, Field<unknown>> => ({
    product: primaryKeyField((pk) => db.products.has(pk), { required: true }),
    unit_price: integerField({ required: true }),
    unit_discount: integerField(),
    quantity: integerField({ required: true }),
    notes: charField({ allowBlank: true }),
  }),
)

/**
 * A DRF partial update (serializer(partial=True).save()): validate the sent
 * fields, run the operation's rules, write the values and what the rules
 * derived at once, answer.
 */
function partialUpdate<R extends object>(
  ctx: WriteContext,
  operation: string,
  target: { table: PlanTable<R>; record: R; fields: Record<string, Field<unknown>> },
  write: Omit<HamgamWrite, 'db' | 'now' | 'values'>,
  data: unknown,
  answer: () => unknown,
): WriteResult {
  const invalid = notAMapping(data)
  if (invalid) return { status: 400, body: invalid }
  const { values, errors } = validate(target.fields, data as Mapping, { partial: true, ctx: ctx.db.drf })
  const plan = new ChangePlan()
  plan.touch(target.table, target.record)
  const result = run(ctx, operation, { db: ctx.db, now: ctx.now, values, ...write }, plan, errors, () =>
    plan.set(target.table, target.record, values as Partial<R>),
  )
  if (!result.ok) return rejected(result.errors)
  plan.commit()
  ctx.committed()
  return { status: 200, body: answer() }
}

/** PATCH /api/orders/{id}/items/{item_id}: partial update; answers the whole order. */
export function updateItem(ctx: WriteContext, order: OrderRecord, item: ItemRecord, data: unknown): WriteResult {
  const target = { table: ctx.db.items, record: item, fields: itemFields(ctx.db) }
  return partialUpdate(ctx, OPERATION.itemUpdate, target, { order, item }, data, () => serializeOrder(ctx.db, order))
}

/** DELETE /api/orders/{id}/items/{item_id}: removes the item; answers the whole order. */
export function deleteItem(ctx: WriteContext, order: OrderRecord, item: ItemRecord): WriteResult {
  const plan = new ChangePlan()
  const result = run(ctx, OPERATION.itemDelete, { db: ctx.db, now: ctx.now, values: {}, order, item }, plan, {})
  if (!result.ok) return rejected(result.errors)
  plan.commit()
  ctx.db.items.delete(item.id)
  ctx.committed()
  return { status: 200, body: serializeOrder(ctx.db, order) }
}

export const paymentFields = perObject(
  (db: HamgamDb): Record<string, Field<unknown>> => ({
    payment_method: primaryKeyField((pk) => db.paymentMethods.has(pk), { required: true }),
    amount: integerField({ required: true }),
    approved: booleanField(),
    transaction_id: charField({ allowNull: true, allowBlank: true, maxLength: 255 }),
    notes: charField({ allowBlank: true }),
  }),
)

/** POST /api/orders/{order_id}/payments → 201 with the payment. */
export async function createPayment(ctx: WriteContext, order: OrderRecord, data: unknown): Promise<WriteResult> {
  const invalid = notAMapping(data)
  if (invalid) return { status: 400, body: invalid }
  // A create: every declared field in order, required ones "This field is required." in their place.
  const { values, errors } = validate(paymentFields(ctx.db), data as Mapping, { partial: false, ctx: ctx.db.drf })
  const plan = new ChangePlan()
  const result = run(ctx, OPERATION.paymentCreate, { db: ctx.db, now: ctx.now, values, order }, plan, errors)
  if (!result.ok) return rejected(result.errors)
  const stamp = formatDrfDateTime(ctx.now)
  const payment: PaymentRecord = {
    id: ctx.db.payments.nextKey(),
    order: order.id,
    payment_method: values.payment_method as number,
    amount: values.amount as number,
    approved: (values.approved as boolean | undefined) ?? false,
    transaction_id: (values.transaction_id as string | null | undefined) ?? null,
    notes: (values.notes as string | undefined) ?? '',
    created_at: stamp,
    updated_at: stamp,
  }
  const created = ctx.db.payments.insert(payment) // reserves the key synchronously
  plan.commit()
  ctx.committed()
  return { status: 201, body: serializePayment(await created) }
}

/** PATCH /api/orders/{id}/payments/{payment_id} */
export function updatePayment(
  ctx: WriteContext,
  order: OrderRecord,
  payment: PaymentRecord,
  data: unknown,
): WriteResult {
  const target = { table: ctx.db.payments, record: payment, fields: paymentFields(ctx.db) }
  return partialUpdate(ctx, OPERATION.paymentUpdate, target, { order, payment }, data, () => serializePayment(payment))
}
