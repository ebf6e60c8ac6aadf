import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SessionCache } from '../../src/core/sessions.js'
import { createMock } from '../../src/node/index.js'

const BASE = 'https://omnitron.example.com'
const mock = await createMock({ baseUrls: { omnitron: BASE } })
const server = setupServer(...mock.handlers)

describe('createMock(): the in-process mock', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => mock.reset())
  afterAll(() => server.close())

  it('arranges through typed store access, then the client sees it over fetch', async () => {
    const db = await mock.db('omnitron')
    const order = db.orders.get(12345)!
    db.orders.patch(order, { is_send: true, notes: 'arranged by the test' })
    const res = await fetch(`${BASE}/api/v1/orders/12345/`, { headers: { Authorization: 'Token omnitron-test-token' } })
    expect(await res.json()).toMatchObject({ is_send: true, notes: 'arranged by the test' })
  })

  it('asserts on state after a write, per session', async () => {
    await fetch(`${BASE}/api/v1/orders/12345/`, {
      method: 'PATCH',
      headers: {
        Authorization: 'Token omnitron-test-token',
        'Content-Type': 'application/json',
        'X-Mock-Session': 'w1',
      },
      body: '{"is_send": true}',
    })
    expect((await mock.db('omnitron', { session: 'w1' })).orders.get(12345)!.is_send).toBe(true)
    expect((await mock.db('omnitron')).orders.get(12345)!.is_send).toBe(false)
    const state = await mock.state({ session: 'w1' })
    expect((state.omnitron!.orders as { pk: number; is_send: boolean }[]).find((o) => o.pk === 12345)!.is_send).toBe(
      true,
    )
  })

  it('reset() re-seeds', async () => {
    ;(await mock.db('omnitron')).orders.patch((await mock.db('omnitron')).orders.get(12345)!, { is_send: true })
    mock.reset()
    expect((await mock.db('omnitron')).orders.get(12345)!.is_send).toBe(false)
  })

  it('a base URL with a path: the provider answers under it', async () => {
    const nested = await createMock({ baseUrls: { omnitron: 'https://api.example.com/omnitron-eu/' } })
    const local = setupServer(...nested.handlers)
    server.close()
    local.listen({ onUnhandledRequest: 'error' })
    try {
      const res = await fetch('https://api.example.com/omnitron-eu/api/v1/orders/12345', { redirect: 'manual' })
      expect(res.status).toBe(301)
      expect(res.headers.get('location')).toBe('/omnitron-eu/api/v1/orders/12345/')
      const list = await fetch('https://api.example.com/omnitron-eu/api/i1/orders/?limit=1', {
        headers: { Authorization: 'Token omnitron-test-token' },
      })
      expect((await list.json()).next).toBe('https://api.example.com/omnitron-eu/api/i1/orders/?limit=1&page=2')
    } finally {
      local.close()
      server.listen({ onUnhandledRequest: 'error' })
    }
  })
})

describe('session cache', () => {
  it('keeps at most max sessions, evicting the least recently used', async () => {
    const cache = new SessionCache(2)
    const make = (id: string) => () => Promise.resolve({ id } as never)
    const a = cache.get('a', make('a'))
    cache.get('b', make('b'))
    expect(cache.get('a', make('a-again'))).toBe(a) // refreshes a
    cache.get('c', make('c')) // evicts b
    expect(cache.size).toBe(2)
    expect(cache.peek('b')).toBeUndefined()
    expect(cache.peek('a')).toBe(a)
  })

  it('the engine bounds sessions by its cap', async () => {
    const small = await createMock({ baseUrls: {}, maxSessions: 3 })
    for (let i = 0; i < 10; i++) await small.db('omnitron', { session: `s${i}` })
    expect(small.engine.sessions.size).toBe(3)
  })
})
