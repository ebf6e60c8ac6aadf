// The requests the benches send: each provider's main write, as the performance targets name them
// (bench/run.mjs and bench/writes.mjs send the same ones).

export const OMNITRON_HEADERS = { Authorization: 'Token omnitron-test-token', 'Content-Type': 'application/json' }

export const OMNITRON_ITEM_PATCH = {
  path: '/omnitron/api/v1/order_items/7105/',
  method: 'PATCH',
  headers: OMNITRON_HEADERS,
  body: JSON.stringify({ tracking_number: 'TR-BENCH', status: '500' }),
}

export const HAMGAM_ITEM_PATCH = {
  path: '/hamgam/api/orders/123/items/789',
  method: 'PATCH',
  headers: { Authorization: 'Token hamgam-staff-token', 'Content-Type': 'application/json' },
  body: JSON.stringify({ quantity: 2, notes: 'bench' }),
}

export const AYMAKAN_UPDATE = {
  path: '/aymakan/api/v1/orders',
  method: 'PUT',
  headers: { 'api-key': 'aymakan-test-key', 'Content-Type': 'application/json', Accept: 'application/json' },
  body: JSON.stringify({
    order_id: 'ord-hold-0002',
    payment_method: 'prepaid',
    order_items: [{ sku_code: 'SKU-AC-48', quantity: 2, unit_price: 10, total: 20 }],
    shipping_address: { address1: '4 Corniche Rd', city: 'Dammam' },
  }),
}

/** Omnitron's bulk status update of 100 entries (the items of the bench's `small` scenario). */
export const OMNITRON_BULK_100 = {
  path: '/omnitron/api/i1/order_items/bulk_status_update/',
  method: 'PATCH',
  headers: OMNITRON_HEADERS,
  body: JSON.stringify({
    orderitem_set: Array.from({ length: 100 }, (_, i) => ({
      id: 9_000_001 + i,
      status: '500',
      tracking_number: `TR-${i}`,
      shipping_company: 'ups',
    })),
  }),
}

/** A request's fetch/autocannon options without its path. */
export const init = ({ path: _path, ...rest }) => rest
