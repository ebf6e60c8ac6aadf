import type { Instant } from '../../core/clock.js'
import type { WriteScope } from '../../core/context.js'
import { perObject } from '../../core/memo.js'
import { ChangePlan, type FieldErrors, refuses, runRules } from '../../core/rules.js'
import { formatDrfDateTime } from '../../frameworks/drf/datetime-format.js'
import {
  booleanField,
  charField,
  choiceField,
  dateField,
  dateTimeField,
  define,
  dictField,
  type Field,
  MSG,
  notAMapping,
  primaryKeyField,
  validate,
  validatePartial,
} from '../../frameworks/drf/fields.js'
import { pythonStr, pythonTypeName } from '../../frameworks/drf/python.js'
import { parseHtmlList, QueryDict } from '../../frameworks/drf/querydict.js'
import { isPlainObject } from '../../frameworks/drf/request.js'
import type { WriteResult } from '../../frameworks/drf/views.js'
import { type OmnitronWrite, ONE_ORDER_AT_A_TIME, OPERATION, omnitronRules, oneOrderAtATime } from './rules.js'
import { CANCEL_STATUSES, ORDER_STATUSES, type OrderItemRecord, type OrderRecord } from './schemas.js'
import type { OmnitronDb } from './seed.js'
import { serializeBulkItem, serializeOrder, serializeOrderItem } from './serialize.js'

/**
 * Omnitron's write operations: validation (the serializer), the rules, the
 * commit, the response body. Route handlers only parse HTTP and call these.
 */

/** Omnitron's own message for a value outside an enum (docs/providers/omnitron.md "Errors"). */
export const NO_MATCHING_TYPE = 'No matching type.'

export type WriteContext = WriteScope<OmnitronDb>

/** Request data as a serializer takes it: a JSON value or form data. */
type Data = unknown
type Mapping = Record<string, unknown> | QueryDict
/** Whether an errors object has a key (no key list made: a bulk asks a hundred times). */
const hasErrors = (errors: object) => {
  for (const _ in errors) return true
  return false
}

const run = (ctx: WriteContext, operation: string, write: OmnitronWrite, plan: ChangePlan, apply?: () => void) =>
  runRules(omnitronRules, operation, write, plan, ctx, apply && { apply })

// ------------------------------------------------------------------ order

const orderFields = { status: choiceField(ORDER_STATUSES, NO_MATCHING_TYPE), is_send: booleanField() }

/** PATCH /api/v1/orders/{pk}/ */
export function updateOrder(ctx: WriteContext, order: OrderRecord, data: Data): WriteResult {
  const invalid = notAMapping(data)
  if (invalid) return { status: 400, body: invalid }
  const { values, errors } = validatePartial(orderFields, data as Mapping, ctx.db.drf)
  if (hasErrors(errors)) return { status: 400, body: errors }
  const plan = new ChangePlan()
  plan.touch(ctx.db.orders, order) // Django's save() writes even when nothing changed
  const result = run(ctx, OPERATION.orderUpdate, { db: ctx.db, now: ctx.now, values, order }, plan)
  if (!result.ok) return { status: 400, body: result.errors }
  plan.commit()
  ctx.committed()
  return { status: 200, body: serializeOrder(order) }
}

// ------------------------------------------------------------- order item

const nullableString = () => charField({ allowNull: true, maxLength: 255 })

const stringOrBoolean = (v: unknown) =>
  typeof v === 'string' || typeof v === 'boolean' ? undefined : 'Must be a string or a boolean.'
const nestedObject = (v: unknown) => (isPlainObject(v) ? undefined : MSG.dict(pythonTypeName(v)))

/** The Update Order Item parameters (docs/providers/omnitron.md) as DRF fields, in the documented order. */
const itemFields = perObject(
  (db: OmnitronDb): Record<string, Field<unknown>> => ({
    status: choiceField(ORDER_STATUSES, NO_MATCHING_TYPE),
    extra_field: dictField(),
    attributes: dictField(stringOrBoolean),
    attributes_kwargs: dictField(nestedObject),
    cancel_status: choiceField(CANCEL_STATUSES, NO_MATCHING_TYPE, { allowNull: true }),
    tracking_number: nullableString(),
    defined_tracking_url: nullableString(),
    invoice_number: nullableString(),
    invoice_date: dateTimeField({ allowNull: true }),
    e_archive_url: nullableString(),
    carrier_shipping_code: nullableString(),
    shipping_company: choiceField(() => db.shippingCompanies, NO_MATCHING_TYPE, { allowNull: true }),
    parent: primaryKeyField((pk) => db.orderItems.has(pk), { allowNull: true }),
    shipped_date: dateTimeField({ allowNull: true }),
    delivered_date: dateTimeField({ allowNull: true }),
    estimated_delivery_date: dateField({ allowNull: true }),
    defined_shipping_company: nullableString(),
    data_source: primaryKeyField((pk) => db.dataSources.has(pk), { allowNull: true }),
    shipping_option_group: primaryKeyField((pk) => db.shippingOptionGroups.has(pk), { allowNull: true }),
  }),
)

/** The bulk endpoint's entry parameters: a subset of the item's. */
export const BULK_FIELDS = [
  'status',
  'invoice_number',
  'invoice_date',
  'e_archive_url',
  'tracking_number',
  'shipping_company',
] as const

/** The bulk entry's fields: the item's own, so both validate alike. */
const bulkFields = perObject((db: OmnitronDb) => {
  const fields = itemFields(db)
  return Object.fromEntries(BULK_FIELDS.map((f) => [f, fields[f]!]))
})

/**
 * The serializer's save(): validated values onto the item. extra_field merges
 * at the top level (Update Order Item: "does not update or delete fields which are not
 * included"); attributes and attributes_kwargs replace the whole object.
 */
function applyItemValues(
  db: OmnitronDb,
  plan: ChangePlan,
  item: OrderItemRecord,
  values: Record<string, unknown>,
): void {
  // Keys are validated field names (the spec's, never request data); user keys only appear inside
  // extra_field, merged with define.
  const items = db.orderItems
  for (const key in values) {
    const value = values[key]
    if (key === 'extra_field') {
      const merged: Record<string, unknown> = { ...plan.value(item, 'extra_field') }
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) define(merged, k, v)
      plan.setField(items, item, 'extra_field', merged)
    } else if (key === 'data_source') {
      plan.setField(items, item, 'datasource', value as OrderItemRecord['datasource'])
    } else if (value !== null && typeof value === 'object' && 'seconds' in value && 'micros' in value) {
      plan.setField(items, item, key as keyof OrderItemRecord & string, formatDrfDateTime(value as Instant) as never)
    } else {
      plan.setField(items, item, key as keyof OrderItemRecord & string, value as never)
    }
  }
}

function itemWrite(ctx: WriteContext, item: OrderItemRecord, values: Record<string, unknown>): OmnitronWrite {
  // One object literal, the same shape every time (a bulk builds a hundred); `order` is undefined for an orphan item.
  return { db: ctx.db, now: ctx.now, values, item, order: ctx.db.orders.get(item.order) }
}

/** PATCH /api/v1/order_items/{pk}/ */
export function updateItem(ctx: WriteContext, item: OrderItemRecord, data: Data): WriteResult {
  const invalid = notAMapping(data)
  if (invalid) return { status: 400, body: invalid }
  const { values, errors } = validatePartial(itemFields(ctx.db), data as Mapping, ctx.db.drf)
  if (hasErrors(errors)) return { status: 400, body: errors }
  const plan = new ChangePlan()
  plan.touch(ctx.db.orderItems, item)
  const result = run(ctx, OPERATION.itemUpdate, itemWrite(ctx, item, values), plan, () =>
    applyItemValues(ctx.db, plan, item, values),
  )
  if (!result.ok) return { status: 400, body: result.errors }
  plan.commit()
  ctx.committed()
  return { status: 200, body: serializeOrderItem(item) }
}

// --------------------------------------------------------------- bulk

/** A failing entry's `args`: its id as str() shows it (made only for an entry that fails). */
const argsOf = (rawId: unknown) => ({ orderitem_id: pythonStr(rawId) })

interface BulkError {
  message: FieldErrors | string[]
  args: { orderitem_id?: string }
}

/**
 * PATCH /api/i1/order_items/bulk_status_update/: every entry validated and
 * run through the same rules as a single item; all entries must belong to the
 * first entry's order; atomic — any error and nothing is written, and the 400
 * lists every failing entry in the documented format.
 */
export function bulkStatusUpdate(ctx: WriteContext, data: Data): WriteResult {
  const invalid = notAMapping(data)
  if (invalid) return { status: 400, body: [{ message: invalid, args: {} }] }
  // From a form, a list is `orderitem_set[0]id=…` entries (DRF's parse_html_list).
  const entries =
    data instanceof QueryDict ? parseHtmlList(data, 'orderitem_set') : (data as Record<string, unknown>).orderitem_set
  if (entries === undefined) return { status: 400, body: [{ message: { orderitem_set: [MSG.required] }, args: {} }] }
  if (!Array.isArray(entries)) {
    return {
      status: 400,
      body: [
        {
          message: { orderitem_set: [`Expected a list of items but got type "${pythonTypeName(entries)}".`] },
          args: {},
        },
      ],
    }
  }
  if (entries.length === 0)
    return { status: 400, body: [{ message: { orderitem_set: ['This list may not be empty.'] }, args: {} }] }

  const spec = bulkFields(ctx.db)
  const options = { partial: true, ctx: ctx.db.drf } // one for every entry
  const idField = primaryKeyField((pk) => ctx.db.orderItems.has(pk))
  const plan = new ChangePlan()
  const errors: BulkError[] = []
  const updated: OrderItemRecord[] = []
  let orderPk: number | undefined

  for (const entry of entries as unknown[]) {
    if (!(entry instanceof QueryDict || isPlainObject(entry))) {
      errors.push({ message: { non_field_errors: [MSG.notDict(pythonTypeName(entry))] }, args: {} })
      continue
    }
    const rawId = entry instanceof QueryDict ? entry.get('id') : (entry as Record<string, unknown>).id
    if (rawId === undefined) {
      errors.push({ message: { id: [MSG.required] }, args: argsOf(rawId) })
      continue
    }
    const id = idField.run(rawId, ctx.db.drf)
    if (!id.ok) {
      errors.push({ message: { id: id.errors as string[] }, args: argsOf(rawId) })
      continue
    }
    const item = ctx.db.orderItems.get(id.value!)!
    orderPk ??= item.order
    if (refuses(ctx, oneOrderAtATime, { db: ctx.db, now: ctx.now, values: {}, item, bulkOrder: orderPk })) {
      errors.push({ message: [ONE_ORDER_AT_A_TIME], args: argsOf(rawId) })
      continue
    }
    const { values, errors: fieldErrors } = validate(spec, entry as Mapping, options)
    if (hasErrors(fieldErrors)) {
      errors.push({ message: fieldErrors, args: argsOf(rawId) })
      continue
    }
    plan.touch(ctx.db.orderItems, item)
    const result = run(ctx, OPERATION.bulkUpdate, itemWrite(ctx, item, values), plan, () =>
      applyItemValues(ctx.db, plan, item, values),
    )
    if (!result.ok) errors.push({ message: result.errors, args: argsOf(rawId) })
    else updated.push(item)
  }
  if (errors.length > 0) return { status: 400, body: errors }
  plan.commit()
  ctx.committed()
  return { status: 200, body: updated.map(serializeBulkItem) }
}
