import type { Context } from 'hono'
import { type MockEnv, writeScope } from '../../core/context.js'
import { LaravelSite, readInput } from '../../frameworks/laravel/http.js'
import { ORDER_STATUSES, type OrderStatus } from './schemas.js'
import { aymakanStore } from './seed.js'
import { envelope, serializeOrder } from './serialize.js'
import { createOrder, updateOrder, type WriteContext } from './writes.js'

/** Aymakan's routes (a Laravel app): HTTP in, HTTP out; the rules live in rules.ts. */

const dbOf = (c: Context<MockEnv>) => c.get('mock').session.stores.get(aymakanStore)
const writeContext = (c: Context<MockEnv>): WriteContext => writeScope(c, aymakanStore)

/** `api-key: <key>`, or `Authorization: <key>` / `Authorization: Bearer <key>`. */
/** Where Aymakan's API key may come: the journal never keeps either. */
export const API_KEY_HEADERS: readonly string[] = ['api-key', 'authorization']

function apiKey(c: Context<MockEnv>): string | undefined {
  const header = c.req.header('api-key')?.trim()
  if (header) return header
  const auth = c.req.header('authorization')?.trim()
  return auth ? auth.replace(/^Bearer\s+/i, '') : undefined
}

const positive = (raw: string | null, fallback: number, max?: number) => {
  const n = raw !== null && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN
  return Number.isInteger(n) && n > 0 ? (max ? Math.min(n, max) : n) : fallback
}

export function aymakanRoutes() {
  const site = new LaravelSite({
    guard: (c) => {
      const key = apiKey(c)
      return key !== undefined && dbOf(c).apiKeys.has(key) ? undefined : envelope(401, false, 'Unauthenticated.')
    },
  })

  const update = async (c: Context<MockEnv>, pathId?: string) => {
    const read = await readInput(c)
    if (!read.ok) return read.response
    return updateOrder(writeContext(c), read.input, pathId)
  }

  site.route('/api/v1/orders', {
    async POST(c) {
      const read = await readInput(c)
      if (!read.ok) return read.response
      return createOrder(writeContext(c), read.input)
    },
    GET(c) {
      const q = new URL(c.req.url).searchParams
      const perPage = positive(q.get('per_page'), 15, 100)
      const page = positive(q.get('page'), 1)
      const status = q.get('status')
      const orderId = q.get('order_id')
      const includeItems = (q.get('include') ?? '').split(',').includes('order_items')
      const db = dbOf(c)
      let orders =
        status && (ORDER_STATUSES as readonly string[]).includes(status)
          ? db.orders.where('status', status as OrderStatus)
          : db.orders.all()
      if (status && !(ORDER_STATUSES as readonly string[]).includes(status)) orders = []
      if (orderId) orders = orders.filter((o) => o.order_id === orderId)
      orders = [...orders].sort((a, b) => a.seq - b.seq)
      const total = orders.length
      const data = orders
        .slice((page - 1) * perPage, page * perPage)
        .map((o) => serializeOrder(o, { items: includeItems }))
      return envelope(200, true, 'Orders fetched successfully', data, {
        current_page: page,
        last_page: Math.max(1, Math.ceil(total / perPage)),
        per_page: perPage,
        total,
      })
    },
    PUT: (c) => update(c),
  })

  site.route('/api/v1/orders/{order_id}', {
    GET(c, [orderId]) {
      const order = dbOf(c).orders.get(orderId)
      return order
        ? envelope(200, true, 'Order fetched successfully', serializeOrder(order))
        : envelope(404, false, 'Order not found')
    },
    PUT: (c, [orderId]) => update(c, orderId),
  })

  return site.finish()
}
