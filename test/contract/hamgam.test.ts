import { describe, expect, it } from 'vitest'
import { DJANGO_404_HTML } from '../../src/frameworks/drf/responses.js'
import { type Client, forEachTransport, json, type Transport } from '../support/transports.js'

const NOW = '2025-01-24T08:45:18.500000Z'
const token = (t: string) => ({ Authorization: `Token ${t}` })
const STAFF = token('hamgam-staff-token')
const ADMIN = token('hamgam-admin-token')
const send = (api: Client, method: string, path: string, body?: unknown, headers: Record<string, string> = STAFF) =>
  api(path, {
    method,
    headers: { ...headers, 'Content-Type': 'application/json', 'X-Mock-Now': NOW },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
const get = async (api: Client, path: string, headers = STAFF) => json(await api(path, { headers }))

/** The Update Order Item page's tables, in their order (docs/providers/hamgam.md "Response shapes"). */
const ORDER_KEYS = [
  'id',
  'key',
  'status',
  'customer_data',
  'payment_method_data',
  'shipping_method_data',
  'shipping_cost',
  'notes',
  'extra',
  'created_at',
  'updated_at',
  'billing_country_data',
  'billing_state_data',
  'billing_city_data',
  'billing_address',
  'billing_postal_code',
  'billing_national_code',
  'billing_mobile_number',
  'billing_first_name',
  'billing_last_name',
  'count',
  'quantity',
  'items_subtotal',
  'items_discount',
  'subtotal',
  'total_discount',
  'total',
  'amount_paid',
  'amount_outstanding',
  'is_paid',
  'items',
  'payments',
]
const ITEM_KEYS = [
  'id',
  'product',
  'product_name',
  'product_data',
  'unit_price',
  'unit_discount',
  'quantity',
  'notes',
  'subtotal',
  'discount',
  'total',
  'created_at',
  'updated_at',
]

async function state(t: Transport, api: Client) {
  return (await json(await t.admin('/state', { headers: { 'X-Mock-Session': api.session } }))).state.hamgam
}

forEachTransport((t) => {
  describe('Hamgam', () => {
    it('the documented example request succeeds and answers the whole order with the documented keys', async () => {
      const api = t().client('hamgam')
      const res = await send(api, 'PATCH', '/api/orders/123/items/789', { quantity: 3, unit_discount: 5.0 })
      expect(res.status).toBe(200)
      const order = await json(res)
      expect(Object.keys(order)).toEqual(ORDER_KEYS)
      expect(Object.keys(order.items[0])).toEqual(ITEM_KEYS)
      expect(order.items[0]).toMatchObject({
        id: 789,
        quantity: 3,
        unit_discount: 5,
        subtotal: 3_750_000,
        discount: 15,
        total: 3_749_985,
        updated_at: NOW,
      })
      expect(order).toMatchObject({
        count: 2,
        quantity: 5,
        items_subtotal: 4_450_000,
        items_discount: 100_015,
        subtotal: 4_450_000,
        total_discount: 100_015,
        total: 4_450_000 - 100_015 + 250_000,
        amount_paid: 500_000,
        amount_outstanding: 4_450_000 - 100_015 + 250_000 - 500_000,
        is_paid: false,
        updated_at: NOW,
      })
      expect(order.customer_data).toEqual({ id: 7001, username: 'sara.k', full_name: 'Sara Karimi' })
      expect(order.billing_country_data).toEqual({ id: 1, active: true, name: 'Iran', code: 'IR' })
      expect(order.billing_city_data).toEqual({ id: 301, active: true, name: 'Tehran' })
    })

    it('GET order, item; the write persisted', async () => {
      const api = t().client('hamgam')
      await send(api, 'PATCH', '/api/orders/123/items/789', { quantity: 2, notes: 'gift' })
      const item = await get(api, '/api/orders/123/items/789')
      expect(Object.keys(item)).toEqual(ITEM_KEYS)
      expect(item).toMatchObject({ quantity: 2, notes: 'gift' })
      expect((await get(api, '/api/orders/123')).quantity).toBe(4)
    })

    describe('auth and permission', () => {
      it.each([
        [{}, 401, { detail: 'Authentication credentials were not provided.' }],
        [token('nope'), 401, { detail: 'Invalid token.' }],
        [token('hamgam-customer-token'), 403, { detail: 'You do not have permission to perform this action.' }],
        [token('hamgam-staff-readonly-token'), 403, { detail: 'You do not have permission to perform this action.' }],
      ])('%j on an item endpoint → %i', async (headers, status, body) => {
        const res = await t().client('hamgam')('/api/orders/123/items/789', { headers })
        expect(res.status).toBe(status)
        expect(await json(res)).toEqual(body)
      })

      it('staff without the item permission may read orders; admin may do everything', async () => {
        const api = t().client('hamgam')
        expect((await api('/api/orders/123', { headers: token('hamgam-staff-readonly-token') })).status).toBe(200)
        expect((await send(api, 'PATCH', '/api/orders/123/items/789', { quantity: 2 }, ADMIN)).status).toBe(200)
      })

      it("permission is checked before the method: a customer's PUT is 403", async () => {
        const res = await send(
          t().client('hamgam'),
          'PUT',
          '/api/orders/123/items/789',
          {},
          token('hamgam-customer-token'),
        )
        expect(res.status).toBe(403)
      })
    })

    describe('validation (DRF wording), all fields at once, nothing changes', () => {
      it.each([
        [{ quantity: 0 }, { quantity: ['Ensure this value is greater than or equal to 1.'] }],
        [{ unit_price: -1 }, { unit_price: ['Ensure this value is greater than or equal to 0.'] }],
        [{ unit_discount: 5.5 }, { unit_discount: ['A valid integer is required.'] }],
        [
          { quantity: 'two', product: 99 },
          { product: ['Invalid pk "99" - object does not exist.'], quantity: ['A valid integer is required.'] },
        ],
        [
          { quantity: 0, unit_price: 'x' },
          {
            unit_price: ['A valid integer is required.'],
            quantity: ['Ensure this value is greater than or equal to 1.'],
          },
        ],
        [
          { unit_discount: 1_250_001 },
          { unit_discount: ['Ensure this value is less than or equal to the unit price (1250000).'] },
        ],
        [
          { unit_price: 10, unit_discount: 20 },
          { unit_discount: ['Ensure this value is less than or equal to the unit price (10).'] },
        ],
        [{ quantity: null }, { quantity: ['This field may not be null.'] }],
        ['[1]', { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] }],
      ])('%j', async (body, errors) => {
        const api = t().client('hamgam')
        const before = await state(t(), api)
        const res = await send(api, 'PATCH', '/api/orders/123/items/789', body)
        expect(res.status).toBe(400)
        expect(await json(res)).toEqual(errors)
        expect(await state(t(), api)).toEqual(before)
      })

      it("accepts integer-valued numbers and strings as DRF's IntegerField does", async () => {
        const api = t().client('hamgam')
        const order = await json(
          await send(api, 'PATCH', '/api/orders/123/items/789', {
            quantity: '4',
            unit_price: 1000.0,
            unit_discount: '10.00',
          }),
        )
        expect(order.items[0]).toMatchObject({ quantity: 4, unit_price: 1000, unit_discount: 10 })
      })

      it('items of a shipped order cannot change or be deleted', async () => {
        const api = t().client('hamgam')
        const before = await state(t(), api)
        for (const method of ['PATCH', 'DELETE']) {
          const res = await send(
            api,
            method,
            '/api/orders/124/items/791',
            method === 'PATCH' ? { quantity: 2 } : undefined,
          )
          expect(res.status).toBe(400)
          expect(await json(res)).toEqual({
            detail: 'The items of an order in status "shipped" can no longer be changed.',
          })
        }
        expect(await state(t(), api)).toEqual(before)
      })

      it('an item of another order is 404, like an unknown one', async () => {
        const api = t().client('hamgam')
        for (const path of ['/api/orders/125/items/789', '/api/orders/123/items/999999', '/api/orders/999/items/789']) {
          const res = await send(api, 'PATCH', path, { quantity: 2 })
          expect(res.status).toBe(404)
          expect(await json(res)).toEqual({ detail: 'Not found.' })
        }
      })
    })

    it('changing the product refreshes product_name and product_data', async () => {
      const api = t().client('hamgam')
      const order = await json(await send(api, 'PATCH', '/api/orders/123/items/789', { product: 12 }))
      expect(order.items[0]).toMatchObject({
        product: 12,
        product_name: 'Pistachio 500 g',
        product_data: { id: 12, name: 'Pistachio 500 g', sku: 'PIS-500', price: 2_400_000 },
        unit_price: 1_250_000,
      })
    })

    it('DELETE removes the item and answers the recomputed order', async () => {
      const api = t().client('hamgam')
      const res = await send(api, 'DELETE', '/api/orders/123/items/790')
      expect(res.status).toBe(200)
      const order = await json(res)
      expect(order.items.map((i: { id: number }) => i.id)).toEqual([789])
      expect(order).toMatchObject({
        count: 1,
        quantity: 1,
        items_subtotal: 1_250_000,
        items_discount: 0,
        total: 1_500_000,
      })
      expect((await api('/api/orders/123/items/790', { headers: STAFF })).status).toBe(404)
    })

    describe('items list', () => {
      it('limit/offset pagination with DRF links', async () => {
        const api = t().client('hamgam')
        const body = await get(api, '/api/orders/123/items?limit=1&offset=1')
        expect(body).toMatchObject({ count: 2, next: null, previous: `${api.base}/api/orders/123/items?limit=1` })
        expect(body.results.map((i: { id: number }) => i.id)).toEqual([790])
        const first = await get(api, '/api/orders/123/items?limit=1')
        expect(first.next).toBe(`${api.base}/api/orders/123/items?limit=1&offset=1`)
      })

      it.each([
        ['search=rose', [790]],
        ['search=789', [789]],
        ['search=11', [789]],
        ['search=saffron 4.6', [789]],
        ['search=nothing', []],
        ['ordering=-unit_price', [789, 790]],
        ['ordering=quantity,-id', [789, 790]],
        ['ordering=-quantity', [790, 789]],
        ['ordering=bogus', [789, 790]],
      ])('%s', async (query, ids) => {
        const body = await get(t().client('hamgam'), `/api/orders/123/items?${query}`)
        expect(body.results.map((i: { id: number }) => i.id)).toEqual(ids)
      })
    })

    describe('payments', () => {
      it('create: 201 with the payment; an approved one counts toward amount_paid', async () => {
        const api = t().client('hamgam')
        const res = await send(api, 'POST', '/api/orders/123/payments', {
          payment_method: 2,
          amount: 1000,
          approved: true,
          transaction_id: 'TX-9',
        })
        expect(res.status).toBe(201)
        expect(await json(res)).toEqual({
          id: 504,
          payment_method: 2,
          amount: 1000,
          approved: true,
          transaction_id: 'TX-9',
          notes: '',
          created_at: NOW,
          updated_at: NOW,
        })
        const order = await get(api, '/api/orders/123')
        expect(order.amount_paid).toBe(501_000)
        expect(order.payments[0].id).toBe(504)
      })

      it('create: required fields, integer amount, existing payment method', async () => {
        const api = t().client('hamgam')
        const before = await state(t(), api)
        const res = await send(api, 'POST', '/api/orders/123/payments', { payment_method: 9, approved: 'maybe' })
        expect(res.status).toBe(400)
        expect(await json(res)).toEqual({
          payment_method: ['Invalid pk "9" - object does not exist.'],
          amount: ['This field is required.'],
          approved: ['Must be a valid boolean.'],
        })
        const zero = await send(api, 'POST', '/api/orders/123/payments', { payment_method: 1, amount: 0 })
        expect(await json(zero)).toEqual({ amount: ['Ensure this value is greater than or equal to 1.'] })
        expect(await state(t(), api)).toEqual(before)
      })

      it('list newest first; retrieve; PATCH approves and is_paid follows', async () => {
        const api = t().client('hamgam')
        const list = await get(api, '/api/orders/123/payments')
        expect(list.results.map((p: { id: number }) => p.id)).toEqual([502, 501])
        expect((await get(api, '/api/orders/123/payments/502')).approved).toBe(false)
        expect((await get(api, '/api/orders/125')).is_paid).toBe(true)
        await send(api, 'PATCH', '/api/orders/125/items/792', { quantity: 6 })
        expect(await get(api, '/api/orders/125')).toMatchObject({ is_paid: false, amount_outstanding: 180_000 })
        const patched = await send(api, 'PATCH', '/api/orders/123/payments/502', { approved: true })
        expect(await json(patched)).toMatchObject({ id: 502, approved: true, updated_at: NOW })
        expect((await get(api, '/api/orders/123')).amount_paid).toBe(800_000)
      })

      it('a payment of another order is 404', async () => {
        const res = await t().client('hamgam')('/api/orders/125/payments/501', { headers: STAFF })
        expect(res.status).toBe(404)
      })
    })

    it('orders list: limit/offset, documented keys', async () => {
      const api = t().client('hamgam')
      const body = await get(api, '/api/orders?limit=2')
      expect(body.count).toBe(13)
      expect(body.results.map((o: { id: number }) => o.id)).toEqual([123, 124])
      expect(body.next).toBe(`${api.base}/api/orders?limit=2&offset=2`)
      expect(Object.keys(body.results[0])).toEqual(ORDER_KEYS)
    })

    it("no trailing slashes: a path with one is Django's HTML 404", async () => {
      const res = await t().client('hamgam')('/api/orders/123/', { headers: STAFF })
      expect(res.status).toBe(404)
      expect(await res.text()).toBe(DJANGO_404_HTML)
    })

    it('405 with Allow', async () => {
      const res = await send(t().client('hamgam'), 'PUT', '/api/orders/123/items/789', {})
      expect(res.status).toBe(405)
      expect(res.headers.get('allow')).toBe('GET, PATCH, DELETE, HEAD, OPTIONS')
    })
  })
})
