import { documentedUpdateRequest } from '../../providers/aymakan/documented.js'
import type { ContractCase, ProviderCases, RecordSet } from './types.js'

/**
 * Aymakan's contract cases. Default records: the documented on-hold order
 * and ord-picked-0001, past on hold.
 */

const KEY = { 'api-key': '{credential}', Accept: 'application/json' }
const JSON_KEY = { ...KEY, 'Content-Type': 'application/json' }

type Section = { apiKeys?: string[]; orders?: { order_id: string; status: string }[] }

/** The smallest body the update validation accepts. */
const minimalUpdate = (orderId: string) => ({
  order_id: orderId,
  payment_method: 'prepaid',
  order_items: [{ sku_code: '{sku}', quantity: 1 }],
  shipping_address: { address1: '9 Prince Sultan St', city: 'Riyadh' },
})

const cases: ContractCase[] = [
  {
    id: 'aymakan.order.get',
    title: 'GET an order',
    tag: 'safe',
    records: ['order'],
    perRecord: true,
    request: { method: 'GET', path: '/api/v1/orders/{order}', headers: KEY },
    expect: { status: 200, body: { success: true, data: { order_id: 'diks-488392234223123' } } },
  },
  {
    id: 'aymakan.orders.list',
    title: 'GET the order list (two per page)',
    tag: 'safe',
    records: [],
    request: { method: 'GET', path: '/api/v1/orders?per_page=2', headers: KEY },
    expect: { status: 200, body: { success: true, meta: { per_page: 2 } } },
  },
  {
    id: 'aymakan.auth.missing',
    title: 'No api-key: 401',
    tag: 'safe',
    records: ['order'],
    request: { method: 'GET', path: '/api/v1/orders/{order}', headers: { Accept: 'application/json' } },
    expect: { status: 401, body: { success: false, message: 'Unauthenticated.' } },
  },
  {
    id: 'aymakan.auth.invalid',
    title: 'An api-key the provider does not know: 401',
    tag: 'safe',
    records: ['order'],
    request: {
      method: 'GET',
      path: '/api/v1/orders/{order}',
      headers: { 'api-key': 'not-a-valid-key', Accept: 'application/json' },
    },
    expect: { status: 401, body: { success: false, message: 'Unauthenticated.' } },
  },
  {
    id: 'aymakan.order.update-not-on-hold',
    title: 'PUT an update of an order past on hold: 400, nothing changes',
    tag: 'safe',
    records: ['closed_order', 'sku'],
    request: {
      method: 'PUT',
      path: '/api/v1/orders/{closed_order}',
      headers: JSON_KEY,
      body: minimalUpdate('{closed_order}'),
    },
    expect: { status: 400, body: { success: false } },
  },
  {
    id: 'aymakan.order.update-invalid',
    title: 'PUT an update without its required fields: 422, nothing changes',
    tag: 'safe',
    records: [],
    request: { method: 'PUT', path: '/api/v1/orders', headers: JSON_KEY, body: {} },
    expect: { status: 422, body: { success: false, message: 'Validation Error' } },
  },
  {
    id: 'aymakan.order.update-documented',
    title: 'The documented Update Order example (on an on-hold order)',
    tag: 'writes',
    records: ['order', 'sku'],
    request: {
      method: 'PUT',
      path: '/api/v1/orders',
      headers: JSON_KEY,
      // The documented example itself, on the records the run names.
      body: {
        ...documentedUpdateRequest,
        order_id: '{order}',
        order_items: documentedUpdateRequest.order_items.map((item) => ({ ...item, sku_code: '{sku}' })),
      },
    },
    expect: { status: 200, body: { success: true, message: 'Order saved successfully' } },
  },
]

export const aymakanCases: ProviderCases = {
  provider: 'aymakan',
  credential: 'api-key',
  records: {
    order: {
      type: 'string',
      default: 'diks-488392234223123',
      description: 'an order on hold',
      collection: 'orders',
      key: 'order_id',
    },
    closed_order: {
      type: 'string',
      default: 'ord-picked-0001',
      description: 'an order past on hold',
      collection: 'orders',
      key: 'order_id',
    },
    sku: {
      type: 'string',
      default: 'SKU-AC-47',
      description: 'a SKU of the catalogue',
      collection: 'skus',
      key: 'sku_code',
    },
  },
  mockCredential: (section) => (section as Section | undefined)?.apiKeys?.[0],
  recordSets(ownSection) {
    const orders = ((ownSection ?? {}) as Section).orders ?? []
    const closed = orders.find((o) => o.status !== 'on_hold')
    return orders.map((o): RecordSet => ({ order: o.order_id, ...(closed && { closed_order: closed.order_id }) }))
  },
  cases,
}
