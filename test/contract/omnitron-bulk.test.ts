import { expect, it } from 'vitest'
import { documentedBulkError, documentedBulkRequest, documentedBulkResponse } from '../fixtures/omnitron-docs.js'
import { AUTH, type Client, forEachTransport, JSON_HEADERS, json, type Transport } from '../support/transports.js'

const BULK = '/api/i1/order_items/bulk_status_update/'
const NOW = '2025-02-02T08:00:00Z'
const bulk = (api: Client, body: unknown) =>
  api(BULK, {
    method: 'PATCH',
    headers: { ...JSON_HEADERS, 'X-Mock-Now': NOW },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

/** The whole session state (every order and item), to prove a rejected bulk changed nothing. */
async function state(t: Transport, api: Client) {
  return (await json(await t.admin('/state', { headers: { 'X-Mock-Session': api.session } }))).state
}

async function expectAtomicReject(t: Transport, api: Client, body: unknown, expected: unknown) {
  const before = await state(t, api)
  const res = await bulk(api, body)
  expect(res.status).toBe(400)
  expect(await json(res)).toEqual(expected)
  expect(await state(t, api)).toEqual(before)
}

forEachTransport((t) => {
  it('the documented example (items 1, 2, 3) answers three items with exactly the documented keys', async () => {
    const api = t().client('omnitron')
    const res = await bulk(api, documentedBulkRequest)
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body).toHaveLength(3)
    for (const [i, entry] of body.entries()) expect(Object.keys(entry)).toEqual(Object.keys(documentedBulkResponse[i]!))
    expect(body.map((e: { id: number; status: string }) => [e.id, e.status])).toEqual([
      [1, '450'],
      [2, '500'],
      [3, '500'],
    ])
    expect(body[2]).toMatchObject({
      tracking_number: 'TR444444',
      shipping_company: 'ups',
      product_sku: '1185185003',
      price: '17.00',
    })
  })

  it('persists every entry, runs the item rules for each, and reaches the order', async () => {
    const api = t().client('omnitron')
    await bulk(api, documentedBulkRequest)
    const item2 = await json(await api('/api/v1/order_items/2/', { headers: AUTH }))
    expect(item2).toMatchObject({
      status: '500',
      invoice_number: 'SEP123123',
      invoice_date: '2021-07-14T00:00:00Z',
      shipped_date: NOW,
      modified_date: NOW,
    })
    const order = await json(await api('/api/v1/orders/1/', { headers: AUTH }))
    expect(order).toMatchObject({
      status: '500',
      tracking_number: 'TR444444',
      shipping_company: 'ups',
      invoice_number: 'SEP123123',
      modified_date: NOW,
    })
  })

  it('the documented error example is reproduced with items 123 and 122, and nothing changes', async () => {
    await expectAtomicReject(
      t(),
      t().client('omnitron'),
      {
        orderitem_set: [
          { id: 123, status: 'shipped' },
          { id: 122, status: '500' },
        ],
      },
      documentedBulkError,
    )
  })

  it('one bad entry rejects the whole bulk: every record unchanged', async () => {
    await expectAtomicReject(
      t(),
      t().client('omnitron'),
      {
        orderitem_set: [
          { id: 1, status: '500', tracking_number: 'A' },
          { id: 2, status: '100' },
          { id: 3, invoice_date: 'soon' },
        ],
      },
      [
        {
          message: { status: ['The status cannot be changed to 100 (cancelled) through this endpoint.'] },
          args: { orderitem_id: '2' },
        },
        {
          message: {
            invoice_date: [
              'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
            ],
          },
          args: { orderitem_id: '3' },
        },
      ],
    )
  })

  it.each([
    [{}, [{ message: { orderitem_set: ['This field is required.'] }, args: {} }]],
    [{ orderitem_set: [] }, [{ message: { orderitem_set: ['This list may not be empty.'] }, args: {} }]],
    [
      { orderitem_set: {} },
      [{ message: { orderitem_set: ['Expected a list of items but got type "dict".'] }, args: {} }],
    ],
    [[1], [{ message: { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] }, args: {} }]],
    [
      { orderitem_set: [{ id: 999999, status: '500' }] },
      [{ message: { id: ['Invalid pk "999999" - object does not exist.'] }, args: { orderitem_id: '999999' } }],
    ],
    [
      { orderitem_set: [{ status: '500' }] },
      [{ message: { id: ['This field is required.'] }, args: { orderitem_id: 'None' } }],
    ],
    [
      { orderitem_set: ['x'] },
      [{ message: { non_field_errors: ['Invalid data. Expected a dictionary, but got str.'] }, args: {} }],
    ],
  ])('a malformed bulk %j is a field error in the documented list format', async (body, expected) => {
    await expectAtomicReject(t(), t().client('omnitron'), body, expected)
  })

  it("entries of another order than the first entry's are refused", async () => {
    await expectAtomicReject(
      t(),
      t().client('omnitron'),
      {
        orderitem_set: [
          { id: 1, status: '500' },
          { id: 7105, status: '500' },
        ],
      },
      [{ message: ['You can only update one order at a time.'], args: { orderitem_id: '7105' } }],
    )
  })

  it('fields outside the bulk parameters are ignored', async () => {
    const api = t().client('omnitron')
    const res = await bulk(api, {
      orderitem_set: [{ id: 1, status: '500', carrier_shipping_code: 'IGNORED', extra_field: { a: 1 } }],
    })
    expect(res.status).toBe(200)
    expect((await json(res))[0]).toMatchObject({ carrier_shipping_code: null, extra_field: {} })
  })
})

forEachTransport((t) => {
  it('a rejected bulk names only the rules that rejected it (nothing derived was written)', async () => {
    const api = t().client('omnitron')
    const res = await bulk(api, {
      orderitem_set: [
        { id: 1, status: '500', tracking_number: 'A' },
        { id: 2, status: '100' },
      ],
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('x-mock-rules')).toBe('omnitron.item.status.no-cancel-or-refund')
  })

  it('a bulk mixing orders is refused by a named rule', async () => {
    const api = t().client('omnitron')
    const res = await bulk(api, {
      orderitem_set: [
        { id: 123, status: '500' },
        { id: 1, status: '500' },
      ],
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('x-mock-rules')).toBe('omnitron.bulk.one-order-at-a-time')
    const rules = await json(await t().admin('/rules'))
    expect(rules.rules.find((r: { id: string }) => r.id === 'omnitron.bulk.one-order-at-a-time')).toMatchObject({
      summary: "Every entry of a bulk status update must belong to the first entry's order.",
      source: { kind: 'doc' },
    })
  })

  it('a committed bulk names the rules that derived its changes', async () => {
    const api = t().client('omnitron')
    const res = await bulk(api, { orderitem_set: [{ id: 1, status: '500' }] })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-mock-rules')).toContain('omnitron.modified-date.auto')
  })
})
