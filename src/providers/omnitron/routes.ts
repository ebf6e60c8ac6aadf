import type { Context } from 'hono'
import { type MockEnv, writeScope } from '../../core/context.js'
import type { FieldErrors } from '../../core/rules.js'
import { authenticateToken } from '../../frameworks/drf/auth.js'
import { serializerInfo } from '../../frameworks/drf/metadata.js'
import { paginate } from '../../frameworks/drf/pagination.js'
import { pythonInt } from '../../frameworks/drf/python.js'
import { readDrfData } from '../../frameworks/drf/request.js'
import { drfJson } from '../../frameworks/drf/responses.js'
import { DjangoSite } from '../../frameworks/drf/site.js'
import { getObject, listResponse, objectWriteView, type Paginator, retrieveView } from '../../frameworks/drf/views.js'
import { LOGIN_FIELDS, login } from './login.js'
import { CANCEL_STATUSES, ORDER_STATUSES, type OrderRecord } from './schemas.js'
import { omnitronStore } from './seed.js'
import { serializeOrder, serializeOrderItem } from './serialize.js'
import { bulkStatusUpdate, updateItem, updateOrder, type WriteContext } from './writes.js'

/**
 * Omnitron's URL conf: HTTP in, HTTP out. Validation, rules and state
 * changes live in writes.ts and rules.ts.
 */

const dbOf = (c: Context<MockEnv>) => c.get('mock').session.stores.get(omnitronStore)

const writeContext = (c: Context<MockEnv>): WriteContext => writeScope(c, omnitronStore)

const badRequest = (errors: FieldErrors) => drfJson(400, errors)
const pages: Paginator = (records, url) => paginate(records, url, { pageSize: 10, pageSizeParam: 'limit' })

export function omnitronRoutes() {
  const site = new DjangoSite({
    appendSlash: true,
    settings: (c) => dbOf(c).drf,
    guard: (c) => {
      const auth = authenticateToken(c.req.header('authorization') ?? null, (key) => dbOf(c).tokens.get(key))
      return auth.ok ? undefined : auth.response
    },
  })

  site.view('/api/v1/auth/login/', {
    name: 'Login',
    public: true,
    postSerializer: () => serializerInfo(Object.entries(LOGIN_FIELDS)),
    async post(c) {
      const parsed = await readDrfData(c)
      if (!parsed.ok) return parsed.response
      const result = login(dbOf(c), parsed.data)
      return drfJson(result.status, result.body)
    },
  })

  site.view('/api/i1/orders/', {
    name: 'Order List',
    get(c) {
      const q = new URL(c.req.url).searchParams
      const errors: FieldErrors = {}
      for (const [param, choices] of [
        ['status', ORDER_STATUSES],
        ['cancel_status', CANCEL_STATUSES],
      ] as const) {
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
      const isSend = ({ true: true, '1': true, false: false, '0': false } as Record<string, boolean>)[
        (q.get('is_send') ?? '').toLowerCase()
      ]
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
      return listResponse(c, orders, serializeOrder, pages)
    },
  })

  const findOrder = (c: Context<MockEnv>) => getObject(dbOf(c).orders, c.req.param('pk'), 'Order')
  site.view('/api/v1/orders/:pk{[^/.]+}/', {
    name: 'Order Detail',
    get: retrieveView(findOrder, serializeOrder),
    patch: objectWriteView(findOrder, (c, order, data) => updateOrder(writeContext(c), order, data)),
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
      const items = order === undefined ? db.orderItems.all().slice() : db.orderItems.where('order', order)
      return listResponse(
        c,
        items.sort((a, b) => a.pk - b.pk),
        serializeOrderItem,
        pages,
      )
    },
  })

  const findItem = (c: Context<MockEnv>) => getObject(dbOf(c).orderItems, c.req.param('pk'), 'OrderItem')
  site.view('/api/v1/order_items/:pk{[^/.]+}/', {
    name: 'Order Item Detail',
    get: retrieveView(findItem, serializeOrderItem),
    patch: objectWriteView(findItem, (c, item, data) => updateItem(writeContext(c), item, data)),
  })

  site.view('/api/i1/order_items/bulk_status_update/', {
    name: 'Order Item Bulk Status Update',
    async patch(c) {
      const parsed = await readDrfData(c)
      if (!parsed.ok) return parsed.response
      const result = bulkStatusUpdate(writeContext(c), parsed.data)
      return drfJson(result.status, result.body)
    },
  })

  return site.finish()
}
