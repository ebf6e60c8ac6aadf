import { describe, expect, it } from 'vitest'
import { documentedSuccess, documentedUpdateRequest, documentedValidationError } from '../fixtures/aymakan-docs.js'
import { type Client, forEachTransport, json, type Transport } from '../support/transports.js'

const KEY = { 'api-key': 'aymakan-test-key' }
const NOW = '2025-01-24T08:45:18Z'
const send = (api: Client, method: string, path: string, body?: unknown, headers: Record<string, string> = KEY) =>
  api(path, {
    method,
    headers: { ...headers, 'Content-Type': 'application/json', Accept: 'application/json', 'X-Mock-Now': NOW },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
const minimal = (orderId: string, extra: Record<string, unknown> = {}) => ({
  order_id: orderId,
  payment_method: 'prepaid',
  order_items: [{ sku_code: 'SKU-AC-48', quantity: 3 }],
  shipping_address: { address1: '9 Prince Sultan St', city: 'Riyadh' },
  ...extra,
})

/** Every key of the documented success example, at every depth (arrays: their first element). */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : []
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]))
  return typeof v
}

async function state(t: Transport, api: Client) {
  return (await json(await t.admin('/state', { headers: { 'X-Mock-Session': api.session } }))).state.aymakan
}

forEachTransport((t) => {
  describe('Aymakan', () => {
    it('the documented Update Order request succeeds with exactly the documented keys and types', async () => {
      const api = t().client('aymakan')
      const res = await send(api, 'PUT', '/api/v1/orders', documentedUpdateRequest)
      expect(res.status).toBe(200)
      const body = await json(res)
      const documented = shape(documentedSuccess) as { data: { meta_data: unknown } }
      expect(shape(body)).toEqual({
        ...documented,
        data: { ...documented.data, meta_data: { is_update_order_allowed: 'boolean' } },
      })
      expect(Object.keys(body.data)).toEqual(Object.keys(documentedSuccess.data))
      expect(body).toMatchObject({ success: true, message: 'Order saved successfully', meta: null })
      expect(body.data).toMatchObject({
        order_id: 'diks-488392234223123',
        status: 'On Hold',
        hub_code: 'ollkomHub',
        seller_name: 'Ollkom Store',
        payment_method: 'Prepaid',
        customer: { id: '', first_name: 'John', email: 'john.doe@example.com', gender: 'male' },
        billing_address: { address1: '123 Main Street', address2: '', city: 'New York', longitude: -74.006 },
        shipping_address: { city: 'Los Angeles', omniful_country_id: 12, omniful_country: 'United States of America' },
        invoice: {
          currency: 'USD',
          total: 768.9,
          payment_method: 'Credit Card',
          loyalty_discount: 0,
          wallet_amount: 0,
        },
        shipment: {
          awb_number: 'AWB-456',
          shipping_partner_name: 'CourierX',
          shipping_options: ['manual_dispatch', 'shipping_partner'],
        },
        transactions: documentedSuccess.data.transactions,
        meta_data: { is_update_order_allowed: true },
        total_item_count: 1,
        total_sku_count: 1,
      })
      expect(body.data.order_items[0]).toMatchObject({
        seller_sku_code: 'SKU-AC-47',
        display_price: 799,
        selling_price: 699,
        quantity: 1,
        tax: 69.9,
        total: 768.9,
      })
      expect(body.data.order_items[0].id).toMatch(/^[0-9a-f]{24}$/)
    })

    it('a number beyond a float (1e400, which numeric passes) is answered and stored as null, never a 500', async () => {
      const api = t().client('aymakan')
      const body = JSON.stringify(
        minimal('ord-hold-0002', {
          order_items: [{ sku_code: 'SKU-AC-48', quantity: 3, unit_price: '@', total: '@' }],
        }),
      ).replaceAll('"@"', '1e400')
      for (const [method, path] of [
        ['PUT', '/api/v1/orders'],
        ['POST', '/api/v1/orders'],
      ] as const) {
        const sent =
          method === 'POST'
            ? body.replace('ord-hold-0002', 'ord-inf-0001').replace('"prepaid"', '"prepaid","hub_code":"ollkomHub"')
            : body
        const res = await send(api, method, path, sent)
        expect(res.status).toBe(200)
        const item = (await json(res)).data.order_items[0]
        expect([item.unit_price, item.total]).toEqual([null, null])
      }
      const stored = (await state(t(), api)).orders.find((o: { order_id: string }) => o.order_id === 'ord-hold-0002')
      expect([stored.order_items[0].unit_price, stored.order_items[0].total]).toEqual([null, null])
    })

    it('PUT /api/v1/orders/{order_id} works too, and GET shows the replaced contents', async () => {
      const api = t().client('aymakan')
      const res = await send(
        api,
        'PUT',
        '/api/v1/orders/ord-hold-0002',
        minimal('ord-hold-0002', { customer: { first_name: 'Noura' } }),
      )
      expect(res.status).toBe(200)
      const got = await json(await api('/api/v1/orders/ord-hold-0002', { headers: KEY }))
      expect(
        got.data.order_items.map((i: { seller_sku_code: string; quantity: number }) => [i.seller_sku_code, i.quantity]),
      ).toEqual([['SKU-AC-48', 3]])
      expect(got.data).toMatchObject({
        payment_method: 'Prepaid',
        customer: { first_name: 'Noura' },
        shipping_address: { city: 'Riyadh' },
        billing_address: { city: '' },
      })
    })

    it('the documented validation example: 422, one string per field', async () => {
      const res = await send(t().client('aymakan'), 'PUT', '/api/v1/orders', {
        ...documentedUpdateRequest,
        order_id: undefined,
      })
      expect(res.status).toBe(422)
      expect(await json(res)).toEqual(documentedValidationError)
    })

    it("reports every failing field at once, with Laravel's wording and dotted paths, and changes nothing", async () => {
      const api = t().client('aymakan')
      const before = await state(t(), api)
      const res = await send(api, 'PUT', '/api/v1/orders', {
        order_id: 'diks-488392234223123',
        payment_method: 'cash',
        order_items: [
          { sku_code: 'NOPE' },
          { quantity: 1.5 },
          { sku_code: 'SKU-AC-47', is_substituted: 'yes', selling_price: 'ten' },
        ],
        shipping_address: { city: 7 },
        billing_address: 'none',
        customer: { email: 'not-an-email' },
        order_created_at: 'the other day',
        require_shipping: 'maybe',
        note: ['x'],
      })
      expect(res.status).toBe(422)
      expect(await json(res)).toEqual({
        success: false,
        message: 'Validation Error',
        data: null,
        meta: null,
        // Laravel appends the keys a wildcard expands to after every explicit key, and shows them raw.
        validation_errors: {
          payment_method: 'The selected payment method is invalid.',
          'shipping_address.address1': 'The shipping address.address1 field is required.',
          'shipping_address.city': 'The shipping address.city field must be a string.',
          billing_address: 'The billing address field must be an array.',
          order_created_at: 'The order created at field must be a valid date.',
          'customer.email': 'The customer.email field must be a valid email address.',
          require_shipping: 'The require shipping field must be true or false.',
          note: 'The note field must be a string.',
          'order_items.0.sku_code': 'The selected order_items.0.sku_code is invalid.',
          'order_items.1.sku_code': 'The order_items.1.sku_code field is required.',
          'order_items.2.selling_price': 'The order_items.2.selling_price field must be a number.',
          'order_items.2.is_substituted': 'The order_items.2.is_substituted field must be true or false.',
          'order_items.1.quantity': 'The order_items.1.quantity field must be an integer.',
        },
      })
      expect(await state(t(), api)).toEqual(before)
    })

    it('an unknown order_id is 422 "The selected order id is invalid."', async () => {
      const res = await send(t().client('aymakan'), 'PUT', '/api/v1/orders', minimal('no-such-order'))
      expect(res.status).toBe(422)
      expect((await json(res)).validation_errors).toEqual({ order_id: 'The selected order id is invalid.' })
    })

    it('order_id in the body must match the path', async () => {
      const res = await send(
        t().client('aymakan'),
        'PUT',
        '/api/v1/orders/ord-hold-0002',
        minimal('diks-488392234223123'),
      )
      expect(res.status).toBe(422)
      expect((await json(res)).validation_errors).toEqual({
        order_id: 'The order id field must match the order id in the URL.',
      })
    })

    describe('rule aymakan.order.update-only-on-hold', () => {
      it.each([
        ['ord-picked-0001', 'Picked'],
        ['ord-shipped-0001', 'Shipped'],
        ['ord-new-0001', 'New Order'],
      ])('fires for %s: 400 in the envelope, nothing changes', async (orderId, label) => {
        const api = t().client('aymakan')
        const before = await state(t(), api)
        const res = await send(api, 'PUT', '/api/v1/orders', minimal(orderId))
        expect(res.status).toBe(400)
        expect(res.headers.get('x-mock-rules')).toBe('aymakan.order.update-only-on-hold')
        expect(await json(res)).toEqual({
          success: false,
          message: `The order can no longer be updated: it is ${label}, and orders can be updated only while On Hold.`,
          data: null,
          meta: null,
        })
        expect(await state(t(), api)).toEqual(before)
      })

      it('does not fire while on_hold; is_update_order_allowed follows the status', async () => {
        const api = t().client('aymakan')
        expect((await send(api, 'PUT', '/api/v1/orders', minimal('ord-hold-0002'))).status).toBe(200)
        const picked = await json(await api('/api/v1/orders/ord-picked-0001', { headers: KEY }))
        expect(picked.data).toMatchObject({ status: 'Picked', meta_data: { is_update_order_allowed: false } })
      })
    })

    describe('create', () => {
      it('creates an on_hold order that GET and PUT then see', async () => {
        const api = t().client('aymakan')
        const res = await send(api, 'POST', '/api/v1/orders', minimal('new-123', { hub_code: 'riyadhHub' }))
        expect(res.status).toBe(200)
        expect((await json(res)).data).toMatchObject({
          order_id: 'new-123',
          status: 'On Hold',
          hub_code: 'riyadhHub',
          order_created_at: NOW,
        })
        expect((await api('/api/v1/orders/new-123', { headers: KEY })).status).toBe(200)
        expect((await send(api, 'PUT', '/api/v1/orders', minimal('new-123'))).status).toBe(200)
      })

      it('a duplicate order_id is 400 with the documented message', async () => {
        const res = await send(
          t().client('aymakan'),
          'POST',
          '/api/v1/orders',
          minimal('diks-488392234223123', { hub_code: 'ollkomHub' }),
        )
        expect(res.status).toBe(400)
        expect(await json(res)).toEqual({
          success: false,
          message: 'The order_id you entered is already used',
          data: null,
          meta: null,
        })
      })

      it('hub_code is required and must be a known hub', async () => {
        const api = t().client('aymakan')
        expect((await json(await send(api, 'POST', '/api/v1/orders', minimal('x-1')))).validation_errors).toEqual({
          hub_code: 'The hub code field is required.',
        })
        expect(
          (await json(await send(api, 'POST', '/api/v1/orders', minimal('x-1', { hub_code: 'moon' }))))
            .validation_errors,
        ).toEqual({
          hub_code: 'The selected hub code is invalid.',
        })
      })
    })

    describe('list', () => {
      it('paginates with meta; filters by status and order_id; items only with include=order_items', async () => {
        const api = t().client('aymakan')
        const page = await json(await api('/api/v1/orders?per_page=2&page=1', { headers: KEY }))
        expect(page.meta).toEqual({ current_page: 1, last_page: 8, per_page: 2, total: 15 })
        expect(page.data[0].order_id).toBe('diks-488392234223123')
        expect(page.data[0]).not.toHaveProperty('order_items')
        const held = await json(await api('/api/v1/orders?status=on_hold&include=order_items', { headers: KEY }))
        expect(held.data.map((o: { order_id: string }) => o.order_id)).toContain('ord-hold-0002')
        expect(held.data.every((o: { status: string }) => o.status === 'On Hold')).toBe(true)
        expect(held.data[0].order_items.length).toBeGreaterThan(0)
        const one = await json(await api('/api/v1/orders?order_id=ord-new-0001', { headers: KEY }))
        expect(one.meta.total).toBe(1)
      })
    })

    describe('auth and routing', () => {
      it.each([
        [{}, 401],
        [{ 'api-key': 'wrong' }, 401],
        [{ Authorization: 'aymakan-test-key' }, 200],
        [{ Authorization: 'Bearer aymakan-test-key' }, 200],
      ])('%j → %i', async (headers, status) => {
        const res = await t().client('aymakan')('/api/v1/orders/diks-488392234223123', {
          headers: { ...headers, Accept: 'application/json' },
        })
        expect(res.status).toBe(status)
        if (status === 401)
          expect(await json(res)).toEqual({ success: false, message: 'Unauthenticated.', data: null, meta: null })
      })

      it("405 before auth, Laravel's message and Allow", async () => {
        const res = await send(t().client('aymakan'), 'PATCH', '/api/v1/orders', {}, {})
        expect(res.status).toBe(405)
        expect(res.headers.get('allow')).toBe('GET, HEAD, POST, PUT')
        expect(await json(res)).toEqual({
          message:
            'The PATCH method is not supported for route api/v1/orders. Supported methods: GET, HEAD, POST, PUT.',
        })
      })

      it("an unknown route is 404 with Laravel's message", async () => {
        const res = await send(t().client('aymakan'), 'GET', '/api/v2/orders')
        expect(res.status).toBe(404)
        expect(await json(res)).toEqual({ message: 'The route api/v2/orders could not be found.' })
      })

      it('a body that is not JSON is empty input, so Laravel reports what is required', async () => {
        const res = await send(t().client('aymakan'), 'PUT', '/api/v1/orders', '{"order_id": ')
        expect(res.status).toBe(422)
        expect((await json(res)).validation_errors.order_id).toBe('The order id field is required.')
      })

      it('strings are trimmed and empty ones are null (TrimStrings, ConvertEmptyStringsToNull)', async () => {
        const res = await send(
          t().client('aymakan'),
          'PUT',
          '/api/v1/orders',
          minimal('  ord-hold-0002  ', { note: '   ' }),
        )
        expect(res.status).toBe(200)
      })

      it("escapes slashes as PHP's json_encode does", async () => {
        const res = await send(t().client('aymakan'), 'PUT', '/api/v1/orders', documentedUpdateRequest)
        expect(await res.text()).toContain('"avatar":"https:\\/\\/example.com\\/avatar.jpg"')
      })
    })
  })
})
