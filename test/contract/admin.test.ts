import { expect, it } from 'vitest'
import { AUTH, forEachTransport, JSON_HEADERS, json } from '../support/transports.js'

const ORDER = '/api/v1/orders/12345/'
const sendOrder = { method: 'PATCH', headers: JSON_HEADERS, body: '{"is_send": true}' }
const isSend = async (api: (p: string, i?: RequestInit) => Promise<Response>) =>
  (await json(await api(ORDER, { headers: AUTH }))).is_send

forEachTransport((t) => {
  it('GET /__mock/health', async () => {
    const res = await t().admin('/health')
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body).toMatchObject({ status: 'ok', providers: ['omnitron', 'hamgam', 'aymakan'], maxSessions: 1000 })
    expect(typeof body.version).toBe('string')
  })

  it('GET /__mock/scenarios lists name and description of each', async () => {
    const body = await json(await t().admin('/scenarios'))
    expect(body.default).toBe('default')
    expect(body.scenarios).toContainEqual(
      expect.objectContaining({
        name: 'default',
        description: expect.any(String),
        providers: ['omnitron', 'hamgam', 'aymakan'],
      }),
    )
  })

  it('GET /__mock/rules lists the catalogue with sources', async () => {
    const body = await json(await t().admin('/rules'))
    expect(body.rules).toContainEqual(
      expect.objectContaining({
        id: 'omnitron.order.only-is-send-applied',
        provider: 'omnitron',
        source: expect.objectContaining({ kind: 'doc' }),
      }),
    )
  })

  it("GET /__mock/state shows the session's records, writes included", async () => {
    const api = t().client('omnitron')
    await api(ORDER, sendOrder)
    const body = await json(await t().admin('/state', { headers: { 'X-Mock-Session': api.session } }))
    expect(body.scenario).toBe('default')
    expect(body.session).toBe(api.session)
    const order = body.state.omnitron.orders.find((o: { pk: number }) => o.pk === 12345)
    expect(order.is_send).toBe(true)
    expect(body.state.omnitron.orderItems.length).toBeGreaterThan(0)
  })

  it('POST /__mock/reset with a session resets that session only', async () => {
    const a = t().client('omnitron')
    const b = t().client('omnitron')
    await a(ORDER, sendOrder)
    await b(ORDER, sendOrder)
    const res = await t().admin('/reset', { method: 'POST', headers: { 'X-Mock-Session': a.session } })
    expect(await json(res)).toEqual({ reset: 1, scope: 'session', scenario: 'default', session: a.session })
    expect(await isSend(a)).toBe(false)
    expect(await isSend(b)).toBe(true)
  })

  it('POST /__mock/reset with a scenario resets all its sessions; with nothing, everything', async () => {
    const a = t().client('omnitron')
    await a(ORDER, sendOrder)
    const scoped = await json(await t().admin('/reset', { method: 'POST', headers: { 'X-Mock-Scenario': 'default' } }))
    expect(scoped.scope).toBe('scenario')
    expect(scoped.reset).toBeGreaterThanOrEqual(1)
    expect(await isSend(a)).toBe(false)
    await a(ORDER, sendOrder)
    const all = await json(await t().admin('/reset', { method: 'POST' }))
    expect(all.scope).toBe('all')
    expect(await isSend(a)).toBe(false)
  })

  it('reset names an unknown scenario as a problem', async () => {
    const res = await t().admin('/reset', { method: 'POST', headers: { 'X-Mock-Scenario': 'nope' } })
    expect(res.status).toBe(400)
    expect(res.headers.get('x-mock-error')).toBe('unknown-scenario')
  })

  it('an unknown admin route is a problem+json 404 listing the routes', async () => {
    const res = await t().admin('/nothing')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect((await json(res)).routes).toContain('GET /__mock/health')
  })

  it('a body over the limit is 413 and changes nothing', async () => {
    const api = t().client('omnitron')
    const big = JSON.stringify({ is_send: true, pad: 'x'.repeat(1024 * 1024) })
    const res = await api(ORDER, { method: 'PATCH', headers: JSON_HEADERS, body: big })
    expect(res.status).toBe(413)
    expect(res.headers.get('x-mock-error')).toBe('body-too-large')
    expect(await isSend(api)).toBe(false)
  })
})
