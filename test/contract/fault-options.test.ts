/**
 * Faults a first-hour user reaches for: headers a fault sets (Retry-After),
 * matching on request headers, query and body fields, a fault named from
 * another scenario, and the log line naming the injected fault.
 */
import { describe, expect, it } from 'vitest'
import { FaultState, faultSchema } from '../../src/core/faults.js'
import { createApp } from '../../src/node/index.js'
import { AUTH, forEachTransport, json } from '../support/transports.js'

forEachTransport((t) => {
  describe('fault options', () => {
    it('an injected 429 says Retry-After: 1 by default (a client that honours it does not stall the test)', async () => {
      const api = t().client('omnitron')
      const res = await api('/api/v1/orders/1/', { headers: { ...AUTH, 'X-Mock-Fault': '429' } })
      expect(res.status).toBe(429)
      expect(res.headers.get('retry-after')).toBe('1')
      const aymakan = t().client('aymakan')
      const laravel = await aymakan('/api/v1/orders', { headers: { 'X-Mock-Fault': '429' } })
      expect(laravel.status).toBe(429)
      expect(laravel.headers.get('retry-after')).toBe('1')
    })

    it('a scenario fault matched on a body field sets its own headers', async () => {
      const api = t().client('omnitron', { scenario: 'flaky' })
      const login = (username: string) =>
        api('/api/v1/auth/login/', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username, password: 'x' }),
        })
      const locked = await login('locked')
      expect(locked.status).toBe(429)
      expect(locked.headers.get('retry-after')).toBe('5')
      expect(await json(locked)).toEqual({ detail: 'Request was throttled. Expected available in 5 seconds.' })
      expect((await login('someone')).status).toBe(400)
    })

    it('a scenario fault matched on a request header applies only to requests that send it', async () => {
      const api = t().client('hamgam', { scenario: 'flaky' })
      const patch = (headers: Record<string, string>) =>
        api('/api/v1/orders/1001/items/2001/', {
          method: 'PATCH',
          headers: { Authorization: 'Token hamgam-test-token', 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify({ notes: 'x' }),
        })
      expect((await patch({ 'X-Client': 'legacy-erp' })).status).toBe(503)
      expect((await patch({})).status).not.toBe(503)
    })

    it('X-Mock-Fault naming a fault of another scenario says which scenario has it', async () => {
      const api = t().client('hamgam')
      const res = await api('/api/v1/orders/', { headers: { 'X-Mock-Fault': 'hamgam-maintenance' } })
      expect(res.status).toBe(400)
      expect((await json(res)).detail).toMatch(
        /^X-Mock-Fault "hamgam-maintenance" is a fault of scenario "flaky", not of this request's scenario: send X-Mock-Scenario: flaky to use it/,
      )
    })
  })
})

describe('fault matching on the query', () => {
  it('matches every listed parameter exactly', () => {
    const fault = faultSchema.parse({ name: 'q', match: { query: { status: '100' } }, status: { code: 500 } })
    const state = new FaultState(1)
    const req = (search: string) => ({
      provider: 'omnitron',
      method: 'GET',
      path: '/api/i1/orders/',
      headers: new Headers(),
      query: new URLSearchParams(search),
      body: new Uint8Array(0),
    })
    expect(state.choose([fault], req('status=100&page=2'))?.name).toBe('q')
    expect(state.choose([fault], req('status=1000'))).toBeUndefined()
  })
})

describe('the request log', () => {
  it('names the injected fault', async () => {
    const lines: unknown[] = []
    const app = createApp({ onRequest: (e) => lines.push(e) })
    await app.request('/omnitron/api/v1/orders/1/', { headers: { ...AUTH, 'X-Mock-Fault': '503' } })
    await app.request('/omnitron/api/v1/orders/1/', { headers: AUTH })
    expect(lines).toMatchObject([{ status: 503, fault: '503' }, { status: 200 }])
    expect(lines[1]).not.toHaveProperty('fault')
  })
})
