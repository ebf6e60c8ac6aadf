import type { ContractCase, ProviderCases, RecordSet } from './types.js'

/**
 * Hamgam's contract cases. Default records: order 123 (processing), its item
 * 789 (the documented example). The credential must be an admin's, or a
 * staff user's with the order-item permission.
 */

const AUTH = { Authorization: 'Token {credential}' }
const JSON_AUTH = { ...AUTH, 'Content-Type': 'application/json' }

type Section = {
  users?: { token: string; role: string }[]
  orders?: { id: number }[]
  items?: { id: number; order: number }[]
}

const cases: ContractCase[] = [
  {
    id: 'hamgam.order.get',
    title: 'GET an order (with its items and payments)',
    tag: 'safe',
    records: ['order'],
    perRecord: true,
    request: { method: 'GET', path: '/api/orders/{order}', headers: AUTH },
    expect: { status: 200, body: { id: 123, status: 'processing' } },
  },
  {
    id: 'hamgam.order-items.list',
    title: "GET an order's items",
    tag: 'safe',
    records: ['order'],
    perRecord: true,
    request: { method: 'GET', path: '/api/orders/{order}/items', headers: AUTH },
    expect: { status: 200, body: { count: 2 } },
  },
  {
    id: 'hamgam.order-item.get',
    title: 'GET an order item',
    tag: 'safe',
    records: ['order', 'item'],
    perRecord: true,
    request: { method: 'GET', path: '/api/orders/{order}/items/{item}', headers: AUTH },
    expect: { status: 200, body: { id: 789 } },
  },
  {
    id: 'hamgam.payments.list',
    title: "GET an order's payments",
    tag: 'safe',
    records: ['order'],
    perRecord: true,
    request: { method: 'GET', path: '/api/orders/{order}/payments', headers: AUTH },
    expect: { status: 200, body: { count: 2 } },
  },
  {
    id: 'hamgam.orders.list',
    title: 'GET the order list (first two)',
    tag: 'safe',
    records: [],
    request: { method: 'GET', path: '/api/orders?limit=2', headers: AUTH },
    expect: { status: 200, body: { previous: null } },
  },
  {
    id: 'hamgam.auth.missing',
    title: 'No Authorization header: 401',
    tag: 'safe',
    records: ['order'],
    request: { method: 'GET', path: '/api/orders/{order}' },
    expect: { status: 401, body: { detail: 'Authentication credentials were not provided.' } },
  },
  {
    id: 'hamgam.auth.invalid',
    title: 'A token the provider does not know: 401',
    tag: 'safe',
    records: ['order'],
    request: { method: 'GET', path: '/api/orders/{order}', headers: { Authorization: 'Token not-a-valid-token' } },
    expect: { status: 401, body: { detail: 'Invalid token.' } },
  },
  {
    id: 'hamgam.order-item.quantity-zero',
    title: 'PATCH an item to quantity 0: 400, nothing changes',
    tag: 'safe',
    records: ['order', 'item'],
    request: { method: 'PATCH', path: '/api/orders/{order}/items/{item}', headers: JSON_AUTH, body: { quantity: 0 } },
    expect: { status: 400, body: { quantity: ['Ensure this value is greater than or equal to 1.'] } },
  },
  {
    id: 'hamgam.order-item.discount-above-price',
    title: 'PATCH an item with a discount above its price: 400, nothing changes',
    tag: 'safe',
    records: ['order', 'item'],
    request: {
      method: 'PATCH',
      path: '/api/orders/{order}/items/{item}',
      headers: JSON_AUTH,
      body: { unit_discount: 999999999999 },
    },
    expect: { status: 400 },
  },
  {
    id: 'hamgam.payment.invalid',
    title: 'POST a payment without its required fields: 400, nothing created',
    tag: 'safe',
    records: ['order'],
    request: { method: 'POST', path: '/api/orders/{order}/payments', headers: JSON_AUTH, body: {} },
    expect: { status: 400 },
  },
  {
    id: 'hamgam.order-item.update-documented',
    title: 'The documented example: PATCH quantity and unit_discount',
    tag: 'writes',
    records: ['order', 'item'],
    request: {
      method: 'PATCH',
      path: '/api/orders/{order}/items/{item}',
      headers: JSON_AUTH,
      body: { quantity: 3, unit_discount: 5.0 },
    },
    expect: { status: 200 },
  },
]

export const hamgamCases: ProviderCases = {
  provider: 'hamgam',
  credential: 'token',
  records: {
    order: { type: 'int', default: 123, description: 'an order with items', collection: 'orders', key: 'id' },
    item: { type: 'int', default: 789, description: 'an item of that order', collection: 'items', key: 'id' },
  },
  mockCredential(section) {
    const users = (section as Section | undefined)?.users ?? []
    return (users.find((u) => u.role === 'admin') ?? users[0])?.token
  },
  recordSets(ownSection) {
    const s = (ownSection ?? {}) as Section
    return (s.orders ?? []).map((o): RecordSet => {
      const item = (s.items ?? []).find((it) => it.order === o.id)
      return { order: o.id, ...(item && { item: item.id }) }
    })
  },
  cases,
}
