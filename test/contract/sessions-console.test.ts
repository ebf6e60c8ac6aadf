import { expect, it } from 'vitest'
import { AUTH, forEachTransport, JSON_HEADERS, json } from '../support/transports.js'

/** GET /__mock/sessions (the console's first view), the journal's response headers, and where the console lives. */
forEachTransport((t) => {
  interface Listed {
    session: string
    createdAt: string
    ageSeconds: number
  }
  const session = (body: { sessions: Listed[] }, id: string) => body.sessions.find((s) => s.session === id)

  it('GET /__mock/sessions lists live sessions with scenario, age, requests and writes; a reset drops one', async () => {
    const api = t().client('omnitron')
    await api('/api/v1/orders/12345/', { headers: AUTH })
    await api('/api/v1/orders/12345/', { method: 'PATCH', headers: JSON_HEADERS, body: '{"is_send": false}' })
    await api('/api/v1/orders/12345/', { method: 'PATCH', headers: JSON_HEADERS, body: '{"is_send": "maybe"}' })
    const listed = await json(await t().admin('/sessions'))
    expect(listed.max).toBe(1000)
    const mine = session(listed, api.session)
    expect(mine).toMatchObject({ scenario: 'default', session: api.session, requests: 3, journalSize: 3, writes: 1 })
    expect(Date.parse(mine!.createdAt)).toBeLessThanOrEqual(Date.now())
    expect(mine!.ageSeconds).toBeGreaterThanOrEqual(0)
    // Most recently used first.
    expect(listed.sessions[0].session).toBe(api.session)

    // "requests" counts every request ever, even once the journal is cleared.
    await t().admin('/requests', { method: 'DELETE', headers: { 'X-Mock-Session': api.session } })
    expect(session(await json(await t().admin('/sessions')), api.session)).toMatchObject({
      requests: 3,
      journalSize: 0,
    })

    await t().admin('/reset', {
      method: 'POST',
      headers: { 'X-Mock-Scenario': 'default', 'X-Mock-Session': api.session },
    })
    expect(session(await json(await t().admin('/sessions')), api.session)).toBeUndefined()
  })

  it('a journal entry keeps the response headers, the mock’s own included', async () => {
    const api = t().client('omnitron')
    await api('/api/v1/order_items/7105/', {
      method: 'PATCH',
      headers: JSON_HEADERS,
      body: '{"tracking_number": "TR-H"}',
    })
    const { requests } = await json(await t().admin('/requests', { headers: { 'X-Mock-Session': api.session } }))
    expect(requests[0].responseHeaders).toMatchObject({
      'content-type': 'application/json',
      allow: 'GET, PATCH, HEAD, OPTIONS',
      'x-mock-rules': expect.stringContaining('omnitron.item.invoice-or-tracking.promotes-approved'),
    })
  })

  it('the console and the docs page are the standalone server’s only, with a CSP that keeps them offline', async () => {
    for (const path of ['/ui', '/docs', '/docs/swagger-ui-bundle.js']) {
      const res = await t().admin(path)
      if (t().name === 'msw') {
        expect(res.status).toBe(404)
        expect((await json(res)).code).toBe('unknown-admin-route')
      } else {
        expect(res.status).toBe(200)
        expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
        await res.arrayBuffer()
      }
    }
  })
})
