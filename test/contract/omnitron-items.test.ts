import { expect, it } from 'vitest'
import { documentedItemRequest, documentedItemResponse } from '../fixtures/omnitron-docs.js'
import { AUTH, type Client, forEachTransport, JSON_HEADERS, json } from '../support/transports.js'

const NOW = '2025-01-24T08:45:18.831693Z'
const item = (pk: number) => `/api/v1/order_items/${pk}/`
const patchItem = (api: Client, pk: number, body: unknown, now = NOW) =>
  api(item(pk), {
    method: 'PATCH',
    headers: { ...JSON_HEADERS, 'X-Mock-Now': now },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
const getItem = async (api: Client, pk: number) => json(await api(item(pk), { headers: AUTH }))

forEachTransport((t) => {
  it('the documented Update Order Item example answers exactly the documented response', async () => {
    const res = await patchItem(t().client('omnitron'), 1340653, documentedItemRequest)
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(Object.keys(body)).toEqual(Object.keys(documentedItemResponse))
    expect(body).toEqual(documentedItemResponse)
  })

  it('GET answers the item with the documented keys; the write persists', async () => {
    const api = t().client('omnitron')
    await patchItem(api, 1340653, documentedItemRequest)
    expect(await getItem(api, 1340653)).toEqual(documentedItemResponse)
  })

  it('lists the items of one order, paginated', async () => {
    const api = t().client('omnitron')
    const body = await json(await api('/api/v1/order_items/?order=1', { headers: AUTH }))
    expect(body.count).toBe(3)
    expect(body.results.map((i: { pk: number }) => i.pk)).toEqual([1, 2, 3])
    expect(Object.keys(body.results[0])).toEqual(Object.keys(documentedItemResponse))
  })

  it.each(['999999', 'x'])('400 for an order filter %s that is no order', async (order) => {
    const res = await t().client('omnitron')(`/api/v1/order_items/?order=${order}`, { headers: AUTH })
    expect(res.status).toBe(400)
    expect(await json(res)).toEqual({
      order: ['Select a valid choice. That choice is not one of the available choices.'],
    })
  })

  it('404 for an unknown item, before the body is read', async () => {
    const res = await patchItem(t().client('omnitron'), 424242, '{not json')
    expect(res.status).toBe(404)
    expect(await json(res)).toEqual({ detail: 'No OrderItem matches the given query.' })
  })

  it('extra_field merges at the top level: keys not sent are kept', async () => {
    const api = t().client('omnitron')
    await patchItem(api, 7105, { extra_field: { a: 1, nested: { x: 1 } } })
    await patchItem(api, 7105, { extra_field: { b: 2, nested: { y: 2 } } })
    expect((await getItem(api, 7105)).extra_field).toEqual({ a: 1, b: 2, nested: { y: 2 } })
  })

  it('attributes and attributes_kwargs replace the whole object', async () => {
    const api = t().client('omnitron')
    await patchItem(api, 7105, { attributes: { a: 'x', b: true }, attributes_kwargs: { a: { k: 1 } } })
    await patchItem(api, 7105, { attributes: { c: false }, attributes_kwargs: {} })
    const body = await getItem(api, 7105)
    expect(body.attributes).toEqual({ c: false })
    expect(body.attributes_kwargs).toEqual({})
  })

  it('data_source is written as datasource; related pks must exist', async () => {
    const api = t().client('omnitron')
    const ok = await patchItem(api, 7105, { data_source: 2, shipping_option_group: '3', parent: 7101 })
    expect(ok.status).toBe(200)
    expect(await json(ok)).toMatchObject({ datasource: 2, shipping_option_group: 3, parent: 7101 })
  })

  it("reports every invalid field at once, with DRF's messages, and changes nothing", async () => {
    const api = t().client('omnitron')
    const before = await getItem(api, 7105)
    const res = await patchItem(api, 7105, {
      status: '451',
      cancel_status: 'maybe',
      shipping_company: 'pigeon',
      invoice_date: '24/01/2025',
      estimated_delivery_date: '2025-02-30',
      shipped_date: 1737700000,
      tracking_number: ['T1'],
      invoice_number: 'X'.repeat(256),
      parent: 999,
      data_source: 'abc',
      shipping_option_group: true,
      extra_field: [1],
      attributes: { ok: 'yes', bad: 3 },
      attributes_kwargs: { bad: 'str' },
      defined_shipping_company: false,
    })
    expect(res.status).toBe(400)
    expect(await json(res)).toEqual({
      status: ['No matching type.'],
      extra_field: ['Expected a dictionary of items but got type "list".'],
      attributes: { bad: ['Must be a string or a boolean.'] },
      attributes_kwargs: { bad: ['Expected a dictionary of items but got type "str".'] },
      cancel_status: ['No matching type.'],
      tracking_number: ['Not a valid string.'],
      invoice_number: ['Ensure this field has no more than 255 characters.'],
      invoice_date: [
        'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
      ],
      shipping_company: ['No matching type.'],
      parent: ['Invalid pk "999" - object does not exist.'],
      shipped_date: [
        'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
      ],
      estimated_delivery_date: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'],
      defined_shipping_company: ['Not a valid string.'],
      data_source: ['Incorrect type. Expected pk value, received str.'],
      shipping_option_group: ['Incorrect type. Expected pk value, received bool.'],
    })
    expect(await getItem(api, 7105)).toEqual(before)
  })

  it('null is accepted where the field is nullable, refused where it is not', async () => {
    const api = t().client('omnitron')
    const res = await patchItem(api, 7105, {
      status: null,
      extra_field: null,
      tracking_number: null,
      shipped_date: null,
    })
    expect(await json(res)).toEqual({
      status: ['This field may not be null.'],
      extra_field: ['This field may not be null.'],
    })
    const ok = await patchItem(api, 7105, {
      tracking_number: null,
      invoice_date: null,
      shipping_company: null,
      cancel_status: null,
    })
    expect(ok.status).toBe(200)
  })

  it('datetimes with an offset are stored and rendered in UTC; strings are stripped', async () => {
    const api = t().client('omnitron')
    const body = await json(
      await patchItem(api, 7105, { invoice_date: '2025-01-24T17:30:00+03:00', carrier_shipping_code: '  C1  ' }),
    )
    expect(body.invoice_date).toBe('2025-01-24T14:30:00Z')
    expect(body.carrier_shipping_code).toBe('C1')
  })

  it('unknown and read-only fields are ignored', async () => {
    const api = t().client('omnitron')
    const res = await patchItem(api, 7105, { price: '1.00', pk: 1, nonsense: true })
    expect(res.status).toBe(200)
    expect((await json(res)).price).not.toBe('1.00')
  })
})
