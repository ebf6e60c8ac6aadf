import { documentedItemRequest } from '../../providers/omnitron/documented.js'
import type { ContractCase, ProviderCases, RecordSet } from './types.js'

/**
 * Omnitron's contract cases. Default records: order 946856 and its item
 * 1340653 (the documented Update Order Item example), item 122 of another
 * order (the documented bulk error example).
 */

const AUTH = { Authorization: 'Token {credential}' }
const JSON_AUTH = { ...AUTH, 'Content-Type': 'application/json' }

type Section = {
  users?: { token: string }[]
  orders?: { pk: number }[]
  orderItems?: { pk: number; order: number }[]
}

const cases: ContractCase[] = [
  // ------------------------------------------------------------- reads
  {
    id: 'omnitron.order.get',
    title: 'GET an order',
    tag: 'safe',
    records: ['order'],
    perRecord: true,
    request: { method: 'GET', path: '/api/v1/orders/{order}/', headers: AUTH },
    expect: { status: 200, body: { pk: 946856 } },
  },
  {
    id: 'omnitron.order-items.list',
    title: "GET an order's items",
    tag: 'safe',
    records: ['order'],
    perRecord: true,
    request: { method: 'GET', path: '/api/v1/order_items/?order={order}', headers: AUTH },
    expect: { status: 200, body: { count: 1, previous: null, next: null } },
  },
  {
    id: 'omnitron.order-item.get',
    title: 'GET an order item',
    tag: 'safe',
    records: ['item'],
    perRecord: true,
    request: { method: 'GET', path: '/api/v1/order_items/{item}/', headers: AUTH },
    expect: { status: 200, body: { pk: 1340653, order: 946856 } },
  },
  {
    id: 'omnitron.orders.list',
    title: 'GET the order list (first page of two)',
    tag: 'safe',
    records: [],
    request: { method: 'GET', path: '/api/i1/orders/?limit=2', headers: AUTH },
    expect: { status: 200, body: { previous: null } },
  },
  // ------------------------------------------------------ authentication
  {
    id: 'omnitron.auth.missing',
    title: 'No Authorization header: 401',
    tag: 'safe',
    records: ['order'],
    request: { method: 'GET', path: '/api/v1/orders/{order}/' },
    expect: { status: 401, body: { detail: 'Authentication credentials were not provided.' } },
  },
  {
    id: 'omnitron.auth.invalid',
    title: 'A token the provider does not know: 401',
    tag: 'safe',
    records: ['order'],
    request: { method: 'GET', path: '/api/v1/orders/{order}/', headers: { Authorization: 'Token not-a-valid-token' } },
    expect: { status: 401, body: { detail: 'Invalid token.' } },
  },
  // -------------------------------------------- writes that must be refused
  {
    id: 'omnitron.order-item.invalid-status',
    title: 'PATCH an item with a status that is no status code: 400, nothing changes',
    tag: 'safe',
    records: ['item'],
    request: { method: 'PATCH', path: '/api/v1/order_items/{item}/', headers: JSON_AUTH, body: { status: 'shipped' } },
    expect: { status: 400, body: { status: ['No matching type.'] } },
  },
  {
    id: 'omnitron.order-item.cancel-status-refused',
    title: 'PATCH an item to status 100 (cancelled): 400, nothing changes',
    tag: 'safe',
    records: ['item'],
    request: { method: 'PATCH', path: '/api/v1/order_items/{item}/', headers: JSON_AUTH, body: { status: '100' } },
    expect: { status: 400 },
  },
  {
    id: 'omnitron.order-item.forbidden-attribute',
    title: 'PATCH an item with a forbidden attributes key: 400, nothing changes',
    tag: 'safe',
    records: ['item'],
    request: {
      method: 'PATCH',
      path: '/api/v1/order_items/{item}/',
      headers: JSON_AUTH,
      body: { attributes: { old_price: '1.00' } },
    },
    expect: { status: 400, body: { attributes: ['The key "old_price" is not allowed in attributes.'] } },
  },
  {
    id: 'omnitron.bulk.mixed-orders',
    title: 'A bulk status update naming items of two orders: 400, nothing changes',
    tag: 'safe',
    records: ['item', 'other_item'],
    request: {
      method: 'PATCH',
      path: '/api/i1/order_items/bulk_status_update/',
      headers: JSON_AUTH,
      body: {
        orderitem_set: [
          { id: '{item}', status: '450' },
          { id: '{other_item}', status: '450' },
        ],
      },
    },
    expect: { status: 400, body: [{ message: ['You can only update one order at a time.'] }] },
  },
  // ------------------------------------------------------------ writes
  {
    id: 'omnitron.order.update-documented',
    title: 'The documented Update Order example: PATCH is_send',
    tag: 'writes',
    records: ['order'],
    request: { method: 'PATCH', path: '/api/v1/orders/{order}/', headers: JSON_AUTH, body: { is_send: true } },
    expect: { status: 200, body: { is_send: true } },
  },
  {
    id: 'omnitron.order-item.update-documented',
    title: 'The documented Update Order Item example',
    tag: 'writes',
    records: ['item'],
    request: {
      method: 'PATCH',
      path: '/api/v1/order_items/{item}/',
      headers: JSON_AUTH,
      body: documentedItemRequest, // the documented example itself
    },
    expect: { status: 200, body: { pk: 1340653, status: '450', tracking_number: 'TRACK789012' } },
  },
  {
    id: 'omnitron.bulk.invoice-promotes',
    title: 'A bulk status update of one item with an invoice number (rule: 400 → 450)',
    tag: 'writes',
    records: ['item'],
    request: {
      method: 'PATCH',
      path: '/api/i1/order_items/bulk_status_update/',
      headers: JSON_AUTH,
      body: { orderitem_set: [{ id: '{item}', status: '450', invoice_number: 'SEP123123' }] },
    },
    expect: { status: 200, body: [{ id: 1340653, status: '450', invoice_number: 'SEP123123' }] },
  },
]

export const omnitronCases: ProviderCases = {
  provider: 'omnitron',
  credential: 'token',
  records: {
    order: {
      type: 'int',
      default: 946856,
      description: 'an order with at least one item',
      collection: 'orders',
      key: 'pk',
    },
    item: { type: 'int', default: 1340653, description: 'an item of that order', collection: 'orderItems', key: 'pk' },
    other_item: {
      type: 'int',
      default: 122,
      description: 'an item of another order',
      collection: 'orderItems',
      key: 'pk',
    },
  },
  mockCredential: (section) => (section as Section | undefined)?.users?.[0]?.token,
  recordSets(ownSection) {
    const s = (ownSection ?? {}) as Section
    const items = s.orderItems ?? []
    return (s.orders ?? []).map((o): RecordSet => {
      const item = items.find((it) => it.order === o.pk)
      const other = items.find((it) => it.order !== o.pk)
      return {
        order: o.pk,
        ...(item && { item: item.pk }),
        ...(other && { other_item: other.pk }),
      }
    })
  },
  cases,
}
