import type { Rule } from '../../core/rules.js'
import type { Input } from '../../frameworks/laravel/http.js'
import { type OrderRecord, statusLabel } from './schemas.js'
import type { AymakanDb } from './seed.js'

const UPDATE_ORDER_PAGE = 'https://developer.aymakan.com.sa/docs/fulfilment-v1/update-order'

export interface AymakanWrite {
  readonly db: AymakanDb
  readonly input: Input
  readonly order?: OrderRecord
}

export const OPERATION = { create: 'aymakan.order.create', update: 'aymakan.order.update' } as const

/** Rule errors answer 400 in the envelope, with the message under `message`. */
export const aymakanRules: Rule<AymakanWrite>[] = [
  {
    id: 'aymakan.order.update-only-on-hold',
    provider: 'aymakan',
    summary: 'An order can be updated only while its status is on_hold; any other status → 400 in the envelope.',
    source: {
      kind: 'doc',
      document: UPDATE_ORDER_PAGE,
      section: '{info} We can only update the order when it has the status "on_hold"',
    },
    operations: [OPERATION.update],
    check(ctx) {
      const order = ctx.order
      if (!order || order.status === 'on_hold') return undefined
      return {
        message: [
          `The order can no longer be updated: it is ${statusLabel(order.status)}, and orders can be updated only while On Hold.`,
        ],
      }
    },
  },
  {
    id: 'aymakan.order.id-unique',
    provider: 'aymakan',
    summary: 'Creating an order with an order_id already used → 400 "The order_id you entered is already used".',
    source: { kind: 'assumption', basis: 'docs/providers/aymakan.md "The envelope": the overview page\'s 400 example' },
    operations: [OPERATION.create],
    check: (ctx) =>
      ctx.db.orders.has(ctx.input.order_id) ? { message: ['The order_id you entered is already used'] } : undefined,
  },
]
