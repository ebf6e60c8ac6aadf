import type { Context } from 'hono'
import { readBody } from '../../core/body.js'
import { type MockEnv, publicUrl } from '../../core/context.js'
import type { FieldErrors } from '../../core/rules.js'
import { authenticateToken } from '../../frameworks/drf/auth.js'
import { MSG } from '../../frameworks/drf/fields.js'
import { paginate, pythonInt } from '../../frameworks/drf/pagination.js'
import { isPlainObject, pythonTypeName, readDrfData } from '../../frameworks/drf/request.js'
import { DRF, drfJson } from '../../frameworks/drf/responses.js'
import { DjangoSite } from '../../frameworks/drf/site.js'
import { CANCEL_STATUSES, ORDER_STATUSES, type OrderRecord } from './schemas.js'
import type { OmnitronDb } from './seed.js'
import { serializeOrder, serializeOrderItem } from './serialize.js'
import { bulkStatusUpdate, updateItem, updateOrder, type WriteContext, type WriteResult } from './writes.js'

/**
 * Omnitron's URL conf: HTTP in, HTTP out. Validation, rules and state
 * changes live in writes.ts and rules.ts.
 */

const dbOf = (c: Context<MockEnv>) => c.var.mock.session.dbs.get('omnitron') as OmnitronDb

function writeContext(c: Context<MockEnv>): WriteContext {
  const mock = c.var.mock
  return { db: dbOf(c), now: mock.now, disabledRules: mock.scenario.disabledRules, fired: mock.fired }
}

/** DRF's get_object(): an unknown or non-integer pk is the same 404. */
function lookup<R>(table: { get(pk: unknown): R | undefined }, raw: string | undefined): R | undefined {
  return raw !== undefined && /^\d{1,15}$/.test(raw) ? table.get(Number(raw)) : undefined
}

const notFound = () => drfJson(404, { detail: DRF.notFound })
const badRequest = (errors: FieldErrors) => drfJson(400, errors)
const respond = (r: WriteResult) => drfJson(r.status, r.body)
const PAGE = { pageSize: 10, pageSizeParam: 'limit' }

/** A DRF list: paginated, each record serialised. */
function listPage<R>(c: Context<MockEnv>, records: R[], serialize: (r: R) => unknown): Response {
  const page = paginate(records, publicUrl(c), PAGE)
  return page.ok ? drfJson(200, { ...page.body, results: page.body.results.map(serialize) }) : page.response
}

/** A DRF retrieve: the serialised record or 404. */
function retrieveView<R>(find: (c: Context<MockEnv>) => R | undefined, serialize: (r: R) => unknown) {
  return (c: Context<MockEnv>) => {
    const record = find(c)
    return record === undefined ? notFound() : drfJson(200, serialize(record))
  }
}

/** A write view: find the object (404 first, as DRF's get_object runs before request.data), parse, write. */
function patchView<R>(find: (c: Context<MockEnv>) => R | undefined, write: (ctx: WriteContext, record: R, data: never) => WriteResult) {
  return async (c: Context<MockEnv>) => {
    const record = find(c)
    if (record === undefined) return notFound()
    const parsed = await readDrfData(c)
    if (!parsed.ok) return parsed.response
    return respond(write(writeContext(c), record, parsed.data as never))
  }
}

export function omnitronRoutes() {
  const site = new DjangoSite({
    appendSlash: true,
    guard: (c) => {
      const auth = authenticateToken(c.req.header('authorization') ?? null, (key) => dbOf(c).tokens.get(key))
      return auth.ok ? undefined : auth.response
    },
  })

  site.view('/api/v1/auth/login/', {
    name: 'Login',
    public: true,
    async post(c) {
      let data: unknown
      if ((c.req.header('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
        const body = await readBody(c)
        if (!body.ok) return body.response
        data = Object.fromEntries(new URLSearchParams(new TextDecoder().decode(body.bytes)))
      } else {
        const parsed = await readDrfData(c)
        if (!parsed.ok) return parsed.response
        data = parsed.data
      }
      if (!isPlainObject(data)) return badRequest({ non_field_errors: [MSG.notDict(pythonTypeName(data))] })
      const { password, username } = data as Record<string, unknown>
      if (password === undefined) return badRequest({ password: [MSG.required] })
      if (password === null) return badRequest({ password: [MSG.null] })
      if (password === '') return badRequest({ password: [MSG.blank] })
      if (typeof username !== 'string' || username.trim() === '') {
        return badRequest({ non_field_errors: ['Must include "username" and "password".'] })
      }
      const user = dbOf(c).users.find((u) => u.username === username.trim() && u.password === String(password))
      if (!user) return badRequest({ non_field_errors: ['Unable to log in with provided credentials.'] })
      return drfJson(200, { key: user.token })
    },
  })

  site.view('/api/i1/orders/', {
    name: 'Order List',
    get(c) {
      const q = new URL(c.req.url).searchParams
      const errors: FieldErrors = {}
      for (const [param, choices] of [['status', ORDER_STATUSES], ['cancel_status', CANCEL_STATUSES]] as const) {
        const v = q.get(param)
        if (v !== null && v !== '' && !(choices as readonly string[]).includes(v)) {
          errors[param] = [`Select a valid choice. ${v} is not one of the available choices.`]
        }
      }
      if (Object.keys(errors).length > 0) return badRequest(errors)
      const status = q.get('status') || undefined
      const cancelStatus = q.get('cancel_status') || undefined
      const number = q.get('number') || undefined
      // django-filter's BooleanWidget: anything but true/false/1/0 means "no filter".
      const isSend = ({ true: true, '1': true, false: false, '0': false } as Record<string, boolean>)[(q.get('is_send') ?? '').toLowerCase()]
      const orders = dbOf(c)
        .orders.findMany((query) =>
          query.where(
            (o: OrderRecord) =>
              (status === undefined || o.status === status) &&
              (cancelStatus === undefined || o.cancel_status === cancelStatus) &&
              (number === undefined || o.number === number) &&
              (isSend === undefined || o.is_send === isSend),
          ),
        )
        .sort((a, b) => a.pk - b.pk)
      return listPage(c, orders, serializeOrder)
    },
  })

  const findOrder = (c: Context<MockEnv>) => lookup(dbOf(c).orders, c.req.param('pk'))
  site.view('/api/v1/orders/:pk{[^/.]+}/', {
    name: 'Order Detail',
    get: retrieveView(findOrder, serializeOrder),
    patch: patchView(findOrder, updateOrder),
  })

  site.view('/api/v1/order_items/', {
    name: 'Order Item List',
    get(c) {
      const db = dbOf(c)
      const q = new URL(c.req.url).searchParams
      const raw = q.get('order')
      let order: number | undefined
      if (raw !== null && raw !== '') {
        order = pythonInt(raw)
        if (order === undefined || !db.orders.has(order)) {
          return badRequest({ order: ['Select a valid choice. That choice is not one of the available choices.'] })
        }
      }
      const items = order === undefined ? db.items.all().slice() : db.items.where('order', order)
      return listPage(c, items.sort((a, b) => a.pk - b.pk), serializeOrderItem)
    },
  })

  const findItem = (c: Context<MockEnv>) => lookup(dbOf(c).items, c.req.param('pk'))
  site.view('/api/v1/order_items/:pk{[^/.]+}/', {
    name: 'Order Item Detail',
    get: retrieveView(findItem, serializeOrderItem),
    patch: patchView(findItem, updateItem),
  })

  site.view('/api/i1/order_items/bulk_status_update/', {
    name: 'Order Item Bulk Status Update',
    async patch(c) {
      const parsed = await readDrfData(c)
      if (!parsed.ok) return parsed.response
      return respond(bulkStatusUpdate(writeContext(c), parsed.data))
    },
  })

  return site.finish()
}
