/**
 * Property: after any sequence of writes (item PATCH and DELETE, payment
 * create and PATCH, valid or not), every order's computed fields equal a
 * recomputation from its raw items and payments in the session state.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/node/index.js'

const app = createApp()
const H = { Authorization: 'Token hamgam-admin-token', 'Content-Type': 'application/json' }

type Raw = { id: number; order: number; unit_price: number; unit_discount: number; quantity: number }
type Pay = { order: number; amount: number; approved: boolean }

function expected(shipping: number, items: Raw[], payments: Pay[]) {
  const subtotal = items.reduce((s, i) => s + i.unit_price * i.quantity, 0)
  const discount = items.reduce((s, i) => s + i.unit_discount * i.quantity, 0)
  const total = subtotal - discount + shipping
  const paid = payments.filter((p) => p.approved).reduce((s, p) => s + p.amount, 0)
  return {
    count: items.length,
    quantity: items.reduce((s, i) => s + i.quantity, 0),
    items_subtotal: subtotal,
    items_discount: discount,
    subtotal,
    total_discount: discount,
    total,
    amount_paid: paid,
    amount_outstanding: Math.max(total - paid, 0),
    is_paid: Math.max(total - paid, 0) === 0,
  }
}

const ORDERS = [123, 125]
const ITEMS: Record<number, number[]> = { 123: [789, 790], 125: [792] }
const PAYMENTS: Record<number, number[]> = { 123: [501, 502], 125: [503] }
const int = fc.oneof(fc.integer({ min: -5, max: 3_000_000 }), fc.constantFrom(0, 1, 5.5, '7', 'x', null))

const write = fc.oneof(
  fc.record({
    kind: fc.constant('item-patch' as const),
    order: fc.constantFrom(...ORDERS),
    pick: fc.nat(),
    body: fc.record({ quantity: int, unit_price: int, unit_discount: int }, { requiredKeys: [] }),
  }),
  fc.record({ kind: fc.constant('item-delete' as const), order: fc.constantFrom(...ORDERS), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('payment-create' as const),
    order: fc.constantFrom(...ORDERS),
    body: fc.record({ payment_method: fc.constantFrom(1, 2), amount: int, approved: fc.boolean() }),
  }),
  fc.record({
    kind: fc.constant('payment-patch' as const),
    order: fc.constantFrom(...ORDERS),
    pick: fc.nat(),
    body: fc.record({ amount: int, approved: fc.boolean() }, { requiredKeys: [] }),
  }),
)

type Write = typeof write extends fc.Arbitrary<infer T> ? T : never

async function apply(session: string, w: Write) {
  const headers = { ...H, 'X-Mock-Session': session }
  const at = (list: number[], pick: number) => list[pick % list.length]
  switch (w.kind) {
    case 'item-patch':
      return app.request(`/hamgam/api/orders/${w.order}/items/${at(ITEMS[w.order]!, w.pick)}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify(w.body),
      })
    case 'item-delete':
      return app.request(`/hamgam/api/orders/${w.order}/items/${at(ITEMS[w.order]!, w.pick)}`, {
        method: 'DELETE',
        headers,
      })
    case 'payment-create':
      return app.request(`/hamgam/api/orders/${w.order}/payments`, {
        method: 'POST',
        headers,
        body: JSON.stringify(w.body),
      })
    default:
      return app.request(`/hamgam/api/orders/${w.order}/payments/${at(PAYMENTS[w.order]!, w.pick)}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify(w.body),
      })
  }
}

describe('Hamgam computed fields', () => {
  it('always equal a recomputation from the raw items and payments', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 12 }), async (writes) => {
        const session = `prop-${run++}`
        for (const w of writes) {
          const res = await apply(session, w)
          expect([200, 201, 400, 404]).toContain(res.status)
        }
        const state = (await (await app.request('/__mock/state', { headers: { 'X-Mock-Session': session } })).json())
          .state.hamgam
        for (const orderId of ORDERS) {
          const order = await (
            await app.request(`/hamgam/api/orders/${orderId}`, { headers: { ...H, 'X-Mock-Session': session } })
          ).json()
          const items = (state.items as Raw[]).filter((i) => i.order === orderId)
          const payments = (state.payments as Pay[]).filter((p) => p.order === orderId)
          const raw = (state.orders as { id: number; shipping_cost: number }[]).find((o) => o.id === orderId)!
          expect(order).toMatchObject(expected(raw.shipping_cost, items, payments))
          expect(order.items.map((i: { id: number }) => i.id)).toEqual(items.map((i) => i.id).sort((a, b) => a - b))
        }
        app.engine.reset({ session })
      }),
      { numRuns: 60, seed: 20250124 },
    )
  })
})
