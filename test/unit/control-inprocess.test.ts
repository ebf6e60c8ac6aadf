import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, createMock } from '../../src/node/index.js'

const BASE = 'https://omnitron.example.com'
const H = { Authorization: 'Token omnitron-test-token', 'Content-Type': 'application/json' }

describe('createMock(): journal, clock and state, in-process', async () => {
  const mock = await createMock({ baseUrls: { omnitron: BASE }, journalSize: 3 })
  const server = setupServer(...mock.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())

  it('requests() and countRequests() fit expect; the journal keeps the newest journalSize entries', async () => {
    const session = 'journal'
    for (const pk of [1, 2, 3, 7105]) {
      await fetch(`${BASE}/api/v1/order_items/${pk}/`, {
        method: 'PATCH',
        headers: { ...H, 'X-Mock-Session': session },
        body: '{}',
      })
    }
    const requests = await mock.requests({ session, method: 'PATCH' })
    expect(requests.map((r) => r.path)).toEqual([
      '/api/v1/order_items/2/',
      '/api/v1/order_items/3/',
      '/api/v1/order_items/7105/',
    ])
    expect(await mock.countRequests({ session, path: '/api/v1/order_items/*', status: '2xx' })).toBe(3)
    expect(await mock.clearRequests({ session })).toBe(3)
    expect(await mock.countRequests({ session })).toBe(0)
    await expect(mock.requests({ session, status: 'nope' })).rejects.toThrow(/status "nope"/)
  })

  it("setClock() freezes the session's time", async () => {
    await mock.setClock({ now: '2029-02-03T04:05:06Z' }, { session: 'clock' })
    const res = await fetch(`${BASE}/api/v1/order_items/7105/`, {
      method: 'PATCH',
      headers: { ...H, 'X-Mock-Session': 'clock' },
      body: '{}',
    })
    expect((await res.json()).modified_date).toBe('2029-02-03T04:05:06Z')
    await mock.setClock(null, { session: 'clock' })
  })

  it('importState() replaces records, or throws listing the problems and changes nothing', async () => {
    const state = await mock.state({ session: 'source' })
    ;(state.omnitron!.orders as { pk: number; notes: string | null }[]).find((o) => o.pk === 12345)!.notes = 'imported'
    await mock.importState(state, { session: 'target' })
    expect((await mock.db('omnitron', { session: 'target' })).orders.get(12345)!.notes).toBe('imported')
    await expect(mock.importState({ omnitron: { orders: [{ pk: 'x' }] } }, { session: 'target' })).rejects.toThrow(
      /omnitron\.orders\[0\]\.pk/,
    )
    expect((await mock.db('omnitron', { session: 'target' })).orders.get(12345)!.notes).toBe('imported')
  })
})

describe('--admin-token', () => {
  const app = createApp({ adminToken: 's3cret' })

  it('protects the admin API but health', async () => {
    expect((await app.request('/__mock/health')).status).toBe(200)
    const refused = await app.request('/__mock/state')
    expect(refused.status).toBe(401)
    expect(refused.headers.get('x-mock-error')).toBe('admin-token-required')
    expect((await app.request('/__mock/state', { headers: { Authorization: 'Bearer s3cret' } })).status).toBe(200)
    expect((await app.request('/__mock/requests', { headers: { 'X-Mock-Admin-Token': 's3cret' } })).status).toBe(200)
    expect(
      (await app.request('/__mock/reset', { method: 'POST', headers: { Authorization: 'Bearer wrong' } })).status,
    ).toBe(401)
  })
})
