/**
 * The test control surface through both transports: journal and verification,
 * faults (headers and scenario), the session clock, state export and import.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DJANGO_404_HTML } from '../../src/frameworks/drf/responses.js'
import { AUTH, type Client, forEachTransport, JSON_HEADERS, json, type Transport } from '../support/transports.js'

const ITEM = '/api/v1/order_items/7105/'
const patchItem = (api: Client, body: unknown, headers: Record<string, string> = {}) =>
  api(ITEM, { method: 'PATCH', headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) })
const admin = (t: Transport, api: Client, path: string, init: RequestInit = {}) =>
  t.admin(path, {
    ...init,
    headers: {
      'X-Mock-Session': api.session,
      ...(api.scenario && { 'X-Mock-Scenario': api.scenario }),
      ...(init.headers as Record<string, string>),
    },
  })
/** A failed fetch: a network error over MSW, a socket error over HTTP. */
const failure = (p: Promise<Response>) =>
  p.then(
    (r) => `answered ${r.status}`,
    (e: Error) => e.name,
  )

forEachTransport((t) => {
  describe('journal', () => {
    it('records what came in and what went out, Authorization redacted to its scheme and a fingerprint', async () => {
      const api = t().client('omnitron')
      await patchItem(api, { tracking_number: 'TR-J' }, { 'X-Mock-Now': '2025-01-24T08:45:18Z' })
      const body = await json(await admin(t(), api, '/requests'))
      expect(body).toMatchObject({ scenario: 'default', session: api.session, count: 1 })
      const [entry] = body.requests
      expect(entry).toMatchObject({
        id: 1,
        provider: 'omnitron',
        method: 'PATCH',
        path: ITEM,
        query: {},
        body: '{"tracking_number":"TR-J"}',
        status: 200,
        rules: [
          'omnitron.item.invoice-or-tracking.promotes-approved',
          'omnitron.item.propagates-to-order',
          'omnitron.modified-date.auto',
        ],
        unmatched: false,
      })
      const fingerprint = createHash('sha256').update('omnitron-test-token').digest('hex').slice(0, 8)
      expect(entry.headers.authorization).toBe(`Token [redacted; 19 chars; sha256:${fingerprint}]`)
      expect(JSON.stringify(body)).not.toContain('omnitron-test-token')
      expect(JSON.parse(entry.responseBody)).toMatchObject({ pk: 7105, status: '450', tracking_number: 'TR-J' })
      expect(entry.durationMs).toBeGreaterThanOrEqual(0)
      expect(Date.parse(entry.time)).not.toBeNaN()
    })

    it('filters by method, path glob, status class, provider, since and limit; counts; clears', async () => {
      const api = t().client('omnitron')
      const since = new Date().toISOString()
      await api('/api/v1/orders/12345/?x=1', { headers: AUTH })
      await patchItem(api, { status: '100' })
      await patchItem(api, { status: '450' })
      await api('/api/v1/orders/12345/')
      const list = async (q: string) =>
        (await json(await admin(t(), api, `/requests?${q}`))).requests.map(
          (r: { method: string; status: number }) => `${r.method} ${r.status}`,
        )
      expect(await list('method=patch')).toEqual(['PATCH 400', 'PATCH 200'])
      expect(await list('path=/api/v1/orders/*')).toEqual(['GET 200', 'GET 401'])
      expect(await list('status=4xx')).toEqual(['PATCH 400', 'GET 401'])
      expect(await list('status=401&provider=omnitron')).toEqual(['GET 401'])
      expect(await list(`since=${encodeURIComponent(since)}&limit=2`)).toEqual(['PATCH 200', 'GET 401'])
      expect(await list('provider=hamgam')).toEqual([])
      expect((await json(await admin(t(), api, '/requests'))).requests[0].query).toEqual({ x: '1' })
      const count = await admin(t(), api, '/requests/count', {
        method: 'POST',
        body: JSON.stringify({ method: 'PATCH', status: 200 }),
        headers: { 'Content-Type': 'application/json' },
      })
      expect(await json(count)).toEqual({ count: 1 })
      expect((await json(await admin(t(), api, '/requests', { method: 'DELETE' }))).deleted).toBe(4)
      expect((await json(await admin(t(), api, '/requests'))).count).toBe(0)
    })

    it('a bad filter is a problem naming it', async () => {
      const res = await admin(t(), t().client('omnitron'), '/requests?status=teapot')
      expect(res.status).toBe(400)
      expect(res.headers.get('x-mock-error')).toBe('bad-journal-filter')
    })

    it('an unmatched request is journaled as such; the closest routes go in X-Mock-Error, not in the body', async () => {
      const api = t().client('omnitron')
      const res = await api('/api/v1/order_item/7105/', { headers: AUTH })
      expect(res.status).toBe(404)
      expect(await res.text()).toBe(DJANGO_404_HTML)
      expect(res.headers.get('x-mock-error')).toMatch(/^no-route; closest: GET\|PATCH \/api\/v1\/order_items\/\{pk\}\//)
      const [entry] = (await json(await admin(t(), api, '/requests?unmatched=true'))).requests
      expect(entry).toMatchObject({ unmatched: true, path: '/api/v1/order_item/7105/' })
      expect(entry.closestRoutes[0]).toBe('GET|PATCH /api/v1/order_items/{pk}/')
    })
  })

  describe('faults on request', () => {
    it.each([
      ['omnitron', '/api/v1/orders/12345/', AUTH, 503, { detail: 'Service temporarily unavailable, try again later.' }],
      [
        'aymakan',
        '/api/v1/orders/diks-488392234223123',
        { 'api-key': 'aymakan-test-key' },
        503,
        { message: 'Service Unavailable' },
      ],
      [
        'hamgam',
        '/api/orders/123',
        { Authorization: 'Token hamgam-staff-token' },
        429,
        { detail: 'Request was throttled. Expected available in 1 second.' },
      ],
    ] as const)(
      "X-Mock-Fault: status on %s answers in the provider's own format",
      async (provider, path, headers, status, body) => {
        const res = await t().client(provider)(path, { headers: { ...headers, 'X-Mock-Fault': String(status) } })
        expect(res.status).toBe(status)
        expect(await json(res)).toEqual(body)
      },
    )

    it('X-Mock-Fault: 500 on a DRF provider is Django\'s HTML page; a "before" fault writes nothing', async () => {
      const api = t().client('omnitron')
      const res = await patchItem(api, { tracking_number: 'NEVER' }, { 'X-Mock-Fault': '500' })
      expect(res.status).toBe(500)
      expect(await res.text()).toContain('<h1>Server Error (500)</h1>')
      expect((await json(await api(ITEM, { headers: AUTH }))).tracking_number).toBeNull()
      expect((await json(await admin(t(), api, '/requests'))).requests[0].fault).toEqual({
        name: '500',
        kind: 'status',
        when: 'before',
      })
    })

    it('X-Mock-Fault: a connection fault name fails the request', async () => {
      const api = t().client('omnitron')
      expect(await failure(api(ITEM, { headers: { ...AUTH, 'X-Mock-Fault': 'CONNECTION_RESET_BY_PEER' } }))).toBe(
        'TypeError',
      )
      expect(await failure(api(ITEM, { headers: { ...AUTH, 'X-Mock-Fault': 'EMPTY_RESPONSE' } }))).toBe('TypeError')
    })

    it('X-Mock-Delay holds the answer back', async () => {
      const api = t().client('omnitron')
      await api(ITEM, { headers: { ...AUTH, 'X-Mock-Delay': '60' } })
      expect((await json(await admin(t(), api, '/requests'))).requests[0].durationMs).toBeGreaterThanOrEqual(55)
    })

    it.each([
      ['X-Mock-Fault', 'TEAPOT'],
      ['X-Mock-Fault', '302'],
      ['X-Mock-Delay', '-1'],
      ['X-Mock-Delay', '60001'],
    ])('a bad %s %s is a problem', async (header, value) => {
      const res = await t().client('omnitron')(ITEM, { headers: { ...AUTH, [header]: value } })
      expect(res.status).toBe(400)
      expect(res.headers.get('x-mock-error')).toBe('bad-control-header')
    })
  })

  describe('scenario faults (scenarios/flaky.yaml)', () => {
    it('nth: the first item PATCH of a session fails with 503 and writes nothing; the retry succeeds', async () => {
      const api = t().client('omnitron', { scenario: 'flaky' })
      const first = await patchItem(api, { tracking_number: 'TR-1' })
      expect(first.status).toBe(503)
      expect((await json(await api(ITEM, { headers: AUTH }))).tracking_number).toBeNull()
      const retry = await patchItem(api, { tracking_number: 'TR-1' })
      expect(retry.status).toBe(200)
      expect((await json(retry)).tracking_number).toBe('TR-1')
    })

    it('when: after — the bulk update is committed, then the connection is reset', async () => {
      const api = t().client('omnitron', { scenario: 'flaky' })
      const body = JSON.stringify({
        orderitem_set: [{ id: 3, status: '500', tracking_number: 'TR-AFTER', shipping_company: 'ups' }],
      })
      expect(
        await failure(api('/api/i1/order_items/bulk_status_update/', { method: 'PATCH', headers: JSON_HEADERS, body })),
      ).toBe('TypeError')
      expect((await json(await api('/api/v1/order_items/3/', { headers: AUTH }))).tracking_number).toBe('TR-AFTER')
      const [entry] = (await json(await admin(t(), api, '/requests'))).requests
      expect(entry.fault).toEqual({ name: 'omnitron-bulk-reset-after-commit', kind: 'connection', when: 'after' })
    })

    it('probability: the same sequence in every session, every run', async () => {
      const outcomes = async () => {
        const api = t().client('aymakan', { scenario: 'flaky' })
        const statuses: number[] = []
        for (let i = 0; i < 8; i++) {
          const res = await api('/api/v1/orders', {
            method: 'PUT',
            headers: { 'api-key': 'aymakan-test-key', 'Content-Type': 'application/json', Accept: 'application/json' },
            body: JSON.stringify({
              order_id: 'ord-hold-0002',
              payment_method: 'prepaid',
              order_items: [{ sku_code: 'SKU-AC-48' }],
              shipping_address: { address1: 'a', city: 'b' },
            }),
          })
          statuses.push(res.status)
        }
        return statuses
      }
      const a = await outcomes()
      expect(await outcomes()).toEqual(a)
      expect(a).toContain(500)
      expect(a).toContain(200)
    })

    it('a manual fault applies only when named, with its own body', async () => {
      const api = t().client('hamgam', { scenario: 'flaky' })
      const headers = { Authorization: 'Token hamgam-staff-token' }
      expect((await api('/api/orders/123', { headers })).status).toBe(200)
      const res = await api('/api/orders/123', { headers: { ...headers, 'X-Mock-Fault': 'hamgam-maintenance' } })
      expect(res.status).toBe(503)
      expect(await json(res)).toEqual({ detail: 'Down for maintenance until 02:00.' })
    })
  })

  describe('clock', () => {
    it("PUT freezes the session's time; X-Mock-Now still wins; DELETE returns to real time", async () => {
      const api = t().client('omnitron')
      const put = await admin(t(), api, '/clock', {
        method: 'PUT',
        body: JSON.stringify({ now: '2030-05-05T05:05:05.123456Z' }),
      })
      expect(await json(put)).toMatchObject({ mode: 'frozen', now: '2030-05-05T05:05:05.123Z' })
      expect((await json(await patchItem(api, {}))).modified_date).toBe('2030-05-05T05:05:05.123456Z')
      expect((await json(await patchItem(api, {}, { 'X-Mock-Now': '2031-01-01T00:00:00Z' }))).modified_date).toBe(
        '2031-01-01T00:00:00Z',
      )
      expect((await json(await admin(t(), api, '/clock', { method: 'DELETE' }))).mode).toBe('real')
      const year = Number((await json(await patchItem(api, {}))).modified_date.slice(0, 4))
      expect(year).toBe(new Date().getUTCFullYear())
    })

    it('an offset shifts real time', async () => {
      const api = t().client('omnitron')
      await admin(t(), api, '/clock', {
        method: 'PUT',
        body: JSON.stringify({ offsetMs: 10 * 365 * 24 * 3600 * 1000 }),
      })
      const year = Number((await json(await patchItem(api, {}))).modified_date.slice(0, 4))
      expect(year).toBeGreaterThanOrEqual(new Date().getUTCFullYear() + 9)
    })

    it('a bad clock body is a problem', async () => {
      const res = await admin(t(), t().client('omnitron'), '/clock', { method: 'PUT', body: '{"now": "soon"}' })
      expect(res.status).toBe(400)
    })
  })

  describe('state export and import', () => {
    it("a session's exported state imports into another session", async () => {
      const a = t().client('omnitron')
      const b = t().client('omnitron')
      await patchItem(a, { tracking_number: 'FROM-A' })
      const exported = await json(await admin(t(), a, '/state'))
      const res = await admin(t(), b, '/state', { method: 'PUT', body: JSON.stringify(exported) })
      expect(res.status).toBe(200)
      expect((await json(res)).imported.omnitron.orderItems).toBe(exported.state.omnitron.orderItems.length)
      expect((await json(await b(ITEM, { headers: AUTH }))).tracking_number).toBe('FROM-A')
      expect(await json(await admin(t(), b, '/state'))).toEqual({ ...exported, session: b.session })
    })

    it('an invalid import changes nothing and lists every problem', async () => {
      const api = t().client('omnitron')
      const before = await json(await admin(t(), api, '/state'))
      const state = structuredClone(before.state)
      state.omnitron.orders[0].status = 'lost'
      state.omnitron.orderItems[1].pk = state.omnitron.orderItems[0].pk
      state.hamgam.nothing = []
      state.shopify = {}
      const res = await admin(t(), api, '/state', { method: 'PUT', body: JSON.stringify({ state }) })
      expect(res.status).toBe(400)
      const problem = await json(res)
      expect(problem.code).toBe('bad-state')
      expect(problem.problems).toEqual([
        expect.stringMatching(/^omnitron\.orders\[0\]\.status: /),
        expect.stringMatching(/^omnitron\.orderItems\[1\]\.pk: duplicate /),
        expect.stringMatching(/^hamgam\.nothing: unknown collection/),
        expect.stringMatching(/^shopify: unknown provider/),
      ])
      expect(await json(await admin(t(), api, '/state'))).toEqual(before)
    })
  })
})
