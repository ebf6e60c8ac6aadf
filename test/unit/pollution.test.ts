/**
 * `__proto__`, `constructor` and `prototype` keys at every depth of every JSON
 * input — request bodies of every provider, scenario files, state import —
 * never change Object.prototype, and never reach another record.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { buildScenarios } from '../../src/core/scenario/registry.js'
import { createApp } from '../../src/node/index.js'
import { allProviders } from '../../src/providers/index.js'

const POISON = ['__proto__', 'constructor', 'prototype'] as const

/** The same payload with a poisonous key at depth 0, 1, 2 and 3. */
function poisoned(payload: Record<string, unknown>): string[] {
  const bodies: string[] = []
  for (const key of POISON) {
    const bomb = `{"${key}": {"polluted": "yes", "prototype": {"polluted": "yes"}}}`
    const base = JSON.stringify(payload).slice(1, -1)
    bodies.push(`{${base}, "${key}": {"polluted": "yes"}}`)
    bodies.push(
      `{${base}, "extra_field": ${bomb}, "attributes": ${bomb}, "attributes_kwargs": {"a": ${bomb}}, "customer": ${bomb}}`,
    )
    bodies.push(
      `{${base}, "shipping_address": {"address1": "a", "city": "b", "${key}": {"${key}": {"polluted": "yes"}}}}`,
    )
    bodies.push(
      `{"orderitem_set": [{"id": 1, "${key}": {"polluted": "yes"}}], "order_items": [{"sku_code": "SKU-AC-47", "${key}": {"polluted": "yes"}}]}`,
    )
  }
  return bodies
}

function expectClean() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(Object.prototype).not.toHaveProperty('polluted')
  expect(Object.keys(Object.prototype)).toEqual([])
  expect(({} as { constructor: unknown }).constructor).toBe(Object)
}

describe('prototype pollution', () => {
  afterEach(expectClean)
  const app = createApp()

  // The last column: the records the request addresses (id values); every other record must keep its exact JSON.
  it.each([
    [
      'omnitron',
      'PATCH',
      '/api/v1/order_items/7105/',
      { Authorization: 'Token omnitron-test-token' },
      { tracking_number: 'T' },
      [7105, 7100],
    ],
    [
      'omnitron',
      'PATCH',
      '/api/v1/orders/12345/',
      { Authorization: 'Token omnitron-test-token' },
      { is_send: true },
      [12345],
    ],
    [
      'omnitron',
      'PATCH',
      '/api/i1/order_items/bulk_status_update/',
      { Authorization: 'Token omnitron-test-token' },
      {},
      [1],
    ],
    ['omnitron', 'POST', '/api/v1/auth/login/', {}, { username: 'omnitron-user', password: 'omnitron-pass' }, []],
    [
      'hamgam',
      'PATCH',
      '/api/orders/123/items/789',
      { Authorization: 'Token hamgam-admin-token' },
      { quantity: 2 },
      [123, 789],
    ],
    [
      'hamgam',
      'POST',
      '/api/orders/123/payments',
      { Authorization: 'Token hamgam-admin-token' },
      { payment_method: 1, amount: 5 },
      [123],
    ],
    [
      'aymakan',
      'PUT',
      '/api/v1/orders',
      { 'api-key': 'aymakan-test-key', Accept: 'application/json' },
      { order_id: 'ord-hold-0002', payment_method: 'prepaid', order_items: [{ sku_code: 'SKU-AC-47' }] },
      ['ord-hold-0002'],
    ],
    [
      'aymakan',
      'POST',
      '/api/v1/orders',
      { 'api-key': 'aymakan-test-key', Accept: 'application/json' },
      { order_id: 'new-p', hub_code: 'ollkomHub', payment_method: 'prepaid' },
      [],
    ],
  ] as const)(
    '%s %s %s: no depth reaches a prototype, no other record changes',
    async (provider, method, path, auth, payload, addressed) => {
      const session = `pollution-${provider}-${method}-${path}`
      const state = async () =>
        (await (await app.request('/__mock/state', { headers: { 'X-Mock-Session': session } })).json()).state
      for (const body of poisoned(payload as Record<string, unknown>)) {
        const before = await state()
        const res = await app.request(`/${provider}${path}`, {
          method,
          headers: {
            ...auth,
            'Content-Type': 'application/json',
            'X-Mock-Session': session,
            'X-Mock-Now': '2025-01-01T00:00:00Z',
          },
          body,
        })
        expect(res.status).toBeLessThan(500)
        expectClean()
        const after = await state()
        // Only the addressed records may differ (and records a create adds): every other one keeps its exact JSON.
        const untouched = (s: Record<string, Record<string, Record<string, unknown>[]>>) =>
          Object.entries(s).flatMap(([p, collections]) =>
            Object.entries(collections).flatMap(([name, rows]) =>
              rows
                .filter(
                  (r) =>
                    !(addressed as readonly unknown[]).includes(r.pk ?? r.id ?? r.order_id) &&
                    !(addressed as readonly unknown[]).includes(r.order),
                )
                .map((r) => `${p}.${name}:${JSON.stringify(r)}`),
            ),
          )
        const beforeRows = new Set(untouched(before))
        for (const row of untouched(after))
          if (!row.includes('"order_id":"new-p"') && !row.includes('"id":50'))
            expect(beforeRows.has(row), row.slice(0, 120)).toBe(true)
      }
    },
  )

  it('an extra_field key "__proto__" stays data of that item only', async () => {
    const headers = {
      Authorization: 'Token omnitron-test-token',
      'Content-Type': 'application/json',
      'X-Mock-Session': 'proto-data',
    }
    const res = await app.request('/omnitron/api/v1/order_items/7105/', {
      method: 'PATCH',
      headers,
      body: '{"extra_field": {"__proto__": {"x": 1}, "a": 1}}',
    })
    const item = await res.json()
    expect(Object.keys(item.extra_field)).toContain('__proto__')
    const other = await (await app.request('/omnitron/api/v1/order_items/7101/', { headers })).json()
    expect(other.extra_field).toEqual({})
  })

  it('scenario files', () => {
    for (const key of POISON) {
      buildScenarios(
        [
          {
            file: 'p.yaml',
            text: `providers:\n  omnitron:\n    orders:\n      - pk: 1\n        extra_field: { ${key}: { polluted: yes } }\n`,
          },
        ],
        allProviders,
      )
      expectClean()
      expect(() => buildScenarios([{ file: 'q.yaml', text: `${key}: { polluted: yes }\n` }], allProviders)).toThrow()
      expectClean()
    }
  })

  it('state import', async () => {
    for (const key of POISON) {
      const res = await app.request('/__mock/state', {
        method: 'PUT',
        headers: { 'X-Mock-Session': `import-${key}` },
        body: `{"${key}": {"polluted": "yes"}, "state": {"omnitron": {"${key}": [], "orders": [{"pk": 1, "${key}": {"polluted": "yes"}}]}}}`,
      })
      expect(res.status).toBe(400)
      expectClean()
    }
  })
})
