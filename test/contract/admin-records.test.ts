import { randomUUID } from 'node:crypto'
import { expect, it } from 'vitest'
import { AUTH, forEachTransport, json } from '../support/transports.js'

forEachTransport((t) => {
  const session = () => ({ 'X-Mock-Session': randomUUID() })
  const state = (path: string, headers: Record<string, string>, init: RequestInit = {}) =>
    t().admin(`/state${path}`, {
      ...init,
      headers: { ...headers, ...(init.body !== undefined && { 'Content-Type': 'application/json' }) },
    })

  it('GET one record, and a collection filtered by exact top-level fields', async () => {
    const h = session()
    const one = await state('/omnitron/orderItems/1340653', h)
    expect(one.status).toBe(200)
    const body = await json(one)
    expect(body).toMatchObject({ scenario: 'default', session: h['X-Mock-Session'] })
    expect(body.record).toMatchObject({ pk: 1340653, order: 946856, status: '400', price: '109.99' })

    const listed = await json(await state('/omnitron/orderItems?order=1&status=450', h))
    expect(listed.records.map((r: { pk: number }) => r.pk)).toEqual([1, 2, 3])
    expect(listed.count).toBe(3)
    const aymakan = await json(await state('/aymakan/orders?status=on_hold&payment_method=postpaid', h))
    expect(aymakan.records.map((r: { order_id: string }) => r.order_id)).toContain('ord-hold-0002')
    for (const r of aymakan.records) expect(r).toMatchObject({ status: 'on_hold', payment_method: 'postpaid' })
    const all = await json(await state('/aymakan/orders', h))
    expect(aymakan.count).toBeLessThan(all.count)
  })

  it('an unknown field to filter on is a 400 naming the fields', async () => {
    const res = await state('/omnitron/orderItems?stauts=400', session())
    expect(res.status).toBe(400)
    expect(res.headers.get('x-mock-error')).toBe('bad-record-filter')
    expect((await json(res)).detail).toMatch(/no field "stauts".*fields: pk, order,/)
  })

  it('PATCH one record: the provider then answers with it; the rest of the collection is untouched', async () => {
    const api = t().client('omnitron')
    const h = { 'X-Mock-Session': api.session }
    const before = await json(await state('/omnitron/orderItems', h))
    const res = await state('/omnitron/orderItems/1340653', h, {
      method: 'PATCH',
      body: JSON.stringify({ status: '100', tracking_number: 'TRK-1' }),
    })
    expect(res.status).toBe(200)
    expect((await json(res)).record).toMatchObject({ pk: 1340653, status: '100', tracking_number: 'TRK-1' })
    const item = await json(await api('/api/v1/order_items/1340653/', { headers: AUTH }))
    expect(item).toMatchObject({ status: '100', tracking_number: 'TRK-1' })
    const after = await json(await state('/omnitron/orderItems', h))
    expect(after.count).toBe(before.count)
  })

  it('PUT creates a record (201), the key taken from the path, and replaces it (200)', async () => {
    const h = session()
    const record = (await json(await state('/aymakan/orders/ord-hold-0002', h))).record
    const created = await state('/aymakan/orders/ord-put-0001', h, {
      method: 'PUT',
      body: JSON.stringify({ ...record, order_id: undefined, status: 'on_hold' }),
    })
    expect(created.status).toBe(201)
    expect(await json(created)).toMatchObject({ created: true, record: { order_id: 'ord-put-0001' } })
    const replaced = await state('/aymakan/orders/ord-put-0001', h, {
      method: 'PUT',
      body: JSON.stringify({ ...record, order_id: 'ord-put-0001', status: 'picked' }),
    })
    expect(replaced.status).toBe(200)
    expect((await json(await state('/aymakan/orders/ord-put-0001', h))).record.status).toBe('picked')
  })

  it('DELETE one record: the provider then answers 404 for it', async () => {
    const api = t().client('omnitron')
    const h = { 'X-Mock-Session': api.session }
    const res = await state('/omnitron/orders/12345', h, { method: 'DELETE' })
    expect(await json(res)).toMatchObject({ deleted: 12345 })
    expect((await api('/api/v1/orders/12345/', { headers: AUTH })).status).toBe(404)
    expect((await state('/omnitron/orders/12345', h, { method: 'DELETE' })).status).toBe(404)
  })

  it('a number JSON reads as Infinity (1e400) inside a JSON field is a 400 bad-record, and nothing changes', async () => {
    const h = session()
    const before = (await json(await state('/omnitron/orderItems/1340653', h))).record
    for (const method of ['PATCH', 'PUT']) {
      const sent = method === 'PUT' ? { ...before, extra_field: '@' } : { extra_field: '@' }
      const res = await state('/omnitron/orderItems/1340653', h, {
        method,
        body: JSON.stringify(sent).replace('"@"', '{"x": 1e400}'),
      })
      expect(res.status).toBe(400)
      const body = await json(res)
      expect(body.code).toBe('bad-record')
      expect(body.problems).toEqual(['omnitron.orderItems[1340653].extra_field.x: Infinity (JSON has no such number)'])
    }
    expect((await json(await state('/omnitron/orderItems/1340653', h))).record).toEqual(before)
    const api = t().client('omnitron')
    expect((await api('/api/v1/order_items/1340653/', { headers: { ...AUTH, ...h } })).status).toBe(200)
  })

  it('a bad record is a 400 listing every problem, and nothing changes', async () => {
    const h = session()
    const res = await state('/omnitron/orderItems/1340653', h, {
      method: 'PATCH',
      body: JSON.stringify({ status: 'shipped', price_list: 'x' }),
    })
    expect(res.status).toBe(400)
    const body = await json(res)
    expect(body.code).toBe('bad-record')
    expect(body.problems).toHaveLength(2)
    expect(body.problems.join('\n')).toMatch(/omnitron\.orderItems\[1340653\]\.status: /)
    expect(body.problems.join('\n')).toMatch(/omnitron\.orderItems\[1340653\]\.price_list: /)
    expect((await json(await state('/omnitron/orderItems/1340653', h))).record.status).toBe('400')

    const mismatch = await state('/omnitron/orders/12345', h, { method: 'PUT', body: JSON.stringify({ pk: 1 }) })
    expect(mismatch.status).toBe(400)
    expect((await json(mismatch)).problems[0]).toMatch(/pk: 1 is not the path's 12345/)
    const notObject = await state('/omnitron/orders/12345', h, { method: 'PATCH', body: '[1]' })
    expect(notObject.status).toBe(400)
  })

  it('unknown provider, collection or key: a 404 naming the known ones', async () => {
    const h = session()
    const provider = await state('/omnitorn/orders/1', h)
    expect(provider.status).toBe(404)
    expect(await json(provider)).toMatchObject({ code: 'unknown-provider', known: ['omnitron', 'hamgam', 'aymakan'] })
    const collection = await state('/omnitron/items', h)
    expect(collection.status).toBe(404)
    expect(await json(collection)).toMatchObject({ code: 'unknown-collection', known: ['orders', 'orderItems'] })
    const key = await state('/hamgam/orders/999999', h, { method: 'PATCH', body: '{}' })
    expect(key.status).toBe(404)
    const unknown = await json(key)
    expect(unknown).toMatchObject({ code: 'unknown-record', key: 'id' })
    expect(unknown.known).toEqual(expect.arrayContaining([123, 124, 125]))
    expect(unknown.detail).toMatch(/^hamgam\.orders has no record with id "999999" \(known: 123, 124, 125, /)
  })

  it('sessions stay isolated: a record written in one is not seen in another', async () => {
    const a = session()
    const b = session()
    await state('/omnitron/orders/12345', a, { method: 'PATCH', body: '{"is_send": true}' })
    expect((await json(await state('/omnitron/orders/12345', a))).record.is_send).toBe(true)
    expect((await json(await state('/omnitron/orders/12345', b))).record.is_send).toBe(false)
  })
})
