/**
 * The mock owns the X-Mock- prefix: a misspelled control header is a 400
 * naming the closest known one, over both transports and on the admin API.
 */
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/node/index.js'
import { AUTH, forEachTransport, json } from '../support/transports.js'

forEachTransport((t) => {
  describe('unknown X-Mock-* headers', () => {
    it('X-Mock-Sesion is a 400 that names X-Mock-Session, and nothing reaches the shared session', async () => {
      const api = t().client('omnitron')
      const res = await api('/api/v1/orders/1/', { headers: { ...AUTH, 'X-Mock-Sesion': 'mine' } })
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(res.headers.get('x-mock-error')).toBe('unknown-control-header')
      expect(await json(res)).toMatchObject({
        status: 400,
        code: 'unknown-control-header',
        header: 'x-mock-sesion',
        closest: 'X-Mock-Session',
        detail:
          '"x-mock-sesion" is not a header the mock knows; did you mean X-Mock-Session? The mock owns the X-Mock- prefix (start it with --lenient-headers to let unknown ones through).',
      })
    })

    it('on the admin API too (X-Mock-Scenaro → X-Mock-Scenario)', async () => {
      const res = await t().admin('/state', { headers: { 'X-Mock-Scenaro': 'flaky' } })
      expect(res.status).toBe(400)
      expect(await json(res)).toMatchObject({ code: 'unknown-control-header', closest: 'X-Mock-Scenario' })
    })

    it('every documented control header still passes', async () => {
      const api = t().client('omnitron')
      const res = await api('/api/v1/orders/1/', {
        headers: { ...AUTH, 'X-Mock-Now': '2025-01-24T08:45:18Z', 'X-Mock-Delay': '0', 'X-Mock-Admin-Token': 'x' },
      })
      expect(res.status).not.toBe(400)
    })
  })
})

describe('--lenient-headers (lenientHeaders)', () => {
  it('lets unknown X-Mock-* headers through', async () => {
    const app = createApp({ lenientHeaders: true })
    const res = await app.request('/omnitron/api/v1/orders/1/', { headers: { ...AUTH, 'X-Mock-Sesion': 'mine' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-mock-error')).toBeNull()
  })
})
