import type { Context } from 'hono'
import { type MockEnv, writeScope } from '../../core/context.js'
import { authenticateToken } from '../../frameworks/drf/auth.js'
import { paginateLimitOffset } from '../../frameworks/drf/pagination.js'
import { readDrfData } from '../../frameworks/drf/request.js'
import { DRF, drfJson } from '../../frameworks/drf/responses.js'
import { DjangoSite } from '../../frameworks/drf/site.js'
import {
  listResponse,
  lookupInt,
  notFound,
  objectWriteView,
  type Paginator,
  retrieveView,
  type WriteResult,
} from '../../frameworks/drf/views.js'
import { type ItemRecord, ORDER_ITEM_PERMISSION, type OrderRecord, type PaymentRecord } from './schemas.js'
import { type HamgamDb, hamgamStore } from './seed.js'
import { orderPayments, serializeItem, serializeOrder, serializePayment } from './serialize.js'
import { createPayment, deleteItem, updateItem, updatePayment, type WriteContext } from './writes.js'

/** Hamgam's URL conf (no trailing slashes): HTTP in, HTTP out; the rules live in rules.ts. */

const dbOf = (c: Context<MockEnv>) => c.get('mock').session.stores.get(hamgamStore)
const writeContext = (c: Context<MockEnv>): WriteContext => writeScope(c, hamgamStore)
const pages: Paginator = (records, url) => paginateLimitOffset(records, url, { defaultLimit: 10 })
const respond = (r: WriteResult) => drfJson(r.status, r.body)

const ITEM_ORDERING = ['id', 'unit_price', 'unit_discount', 'quantity', 'created_at', 'updated_at'] as const

/** DRF's SearchFilter over id, product id and product name: every term must match one of them (icontains). */
function search(items: ItemRecord[], raw: string | null): ItemRecord[] {
  const terms = (raw ?? '')
    .replace(/\0/g, '')
    .replace(/,/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => t.toLowerCase())
  if (terms.length === 0) return items
  return items.filter((it) =>
    terms.every((t) => [String(it.id), String(it.product), it.product_name.toLowerCase()].some((f) => f.includes(t))),
  )
}

/** DRF's OrderingFilter: unknown fields are dropped; none left means the default ordering. */
function ordering(items: ItemRecord[], raw: string | null): ItemRecord[] {
  const keys = (raw ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => (ITEM_ORDERING as readonly string[]).includes(k.replace(/^-/, '')))
  const spec = (keys.length > 0 ? keys : ['id']).map((k) => ({
    field: k.replace(/^-/, '') as (typeof ITEM_ORDERING)[number],
    dir: k.startsWith('-') ? -1 : 1,
  }))
  return [...items].sort((a, b) => {
    for (const { field, dir } of spec) {
      if (a[field] < b[field]) return -dir
      if (a[field] > b[field]) return dir
    }
    return 0
  })
}

export function hamgamRoutes() {
  const site = new DjangoSite({
    appendSlash: false,
    guard: (c, view) => {
      const auth = authenticateToken(c.req.header('authorization') ?? null, (key) => dbOf(c).tokens.get(key))
      if (!auth.ok) return auth.response
      const user = auth.user
      const allowed =
        user.role === 'admin' ||
        (user.role === 'staff' && (view.permission === undefined || user.permissions.includes(Number(view.permission))))
      return allowed ? undefined : drfJson(403, { detail: DRF.permissionDenied })
    },
  })

  const findOrder = (c: Context<MockEnv>) => lookupInt(dbOf(c).orders, c.req.param('id'))
  /** A record of the order in the path: one of another order is 404, as an unknown one. */
  const nested =
    <R extends { order: number }>(table: (db: HamgamDb) => { get(pk: unknown): R | undefined }, param: string) =>
    (c: Context<MockEnv>): [OrderRecord, R] | undefined => {
      const order = findOrder(c)
      const record = order && lookupInt(table(dbOf(c)), c.req.param(param))
      return order && record && record.order === order.id ? [order, record] : undefined
    }
  const findItem = nested((db) => db.items, 'item_id')
  const findPayment = nested((db) => db.payments, 'payment_id')

  site.view('/api/orders', {
    name: 'Order List',
    get: (c) =>
      listResponse(
        c,
        dbOf(c)
          .orders.all()
          .slice()
          .sort((a, b) => a.id - b.id),
        (o) => serializeOrder(dbOf(c), o),
        pages,
      ),
  })

  site.view('/api/orders/:id{[^/.]+}', {
    name: 'Order Detail',
    get: retrieveView(findOrder, (o, c) => serializeOrder(dbOf(c), o)),
  })

  site.view('/api/orders/:id{[^/.]+}/items', {
    name: 'Order Item List',
    permission: String(ORDER_ITEM_PERMISSION),
    get(c) {
      const order = findOrder(c)
      if (!order) return notFound()
      const q = new URL(c.req.url).searchParams
      return listResponse(
        c,
        ordering(search(dbOf(c).items.where('order', order.id), q.get('search')), q.get('ordering')),
        serializeItem,
        pages,
      )
    },
  })

  site.view('/api/orders/:id{[^/.]+}/items/:item_id{[^/.]+}', {
    name: 'Order Item Detail',
    permission: String(ORDER_ITEM_PERMISSION),
    get: retrieveView(findItem, ([, item]) => serializeItem(item)),
    patch: objectWriteView(findItem, (c, [order, item], data) => updateItem(writeContext(c), order, item, data)),
    delete(c) {
      const found = findItem(c)
      return found ? respond(deleteItem(writeContext(c), found[0], found[1])) : notFound()
    },
  })

  site.view('/api/orders/:id{[^/.]+}/payments', {
    name: 'Payment List',
    get(c) {
      const order = findOrder(c)
      return order ? listResponse(c, orderPayments(dbOf(c), order), serializePayment, pages) : notFound()
    },
    async post(c) {
      const order = findOrder(c)
      if (!order) return notFound()
      const parsed = await readDrfData(c)
      if (!parsed.ok) return parsed.response
      return respond(await createPayment(writeContext(c), order, parsed.data))
    },
  })

  site.view('/api/orders/:id{[^/.]+}/payments/:payment_id{[^/.]+}', {
    name: 'Payment Detail',
    get: retrieveView(findPayment, ([, payment]: [OrderRecord, PaymentRecord]) => serializePayment(payment)),
    patch: objectWriteView(findPayment, (c, [order, payment], data) =>
      updatePayment(writeContext(c), order, payment, data),
    ),
  })

  return site.finish()
}
