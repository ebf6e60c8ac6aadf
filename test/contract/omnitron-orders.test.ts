import { expect, it } from 'vitest'
import { DJANGO_404_HTML } from '../../src/frameworks/drf/responses.js'
import { documentedOrderResponse } from '../fixtures/omnitron-docs.js'
import { AUTH, forEachTransport, JSON_HEADERS, json } from '../support/transports.js'

const ORDER = '/api/v1/orders/12345/'
const patch = (body: string, headers: Record<string, string> = JSON_HEADERS) => ({ method: 'PATCH', headers, body })

forEachTransport((t) => {
  // ---------------------------------------------------------------- auth
  it('401 without credentials, with WWW-Authenticate: Token', async () => {
    const res = await t().client('omnitron')(ORDER)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Token')
    expect(await json(res)).toEqual({ detail: 'Authentication credentials were not provided.' })
  })

  it.each([
    ['Token nope', 'Invalid token.'],
    ['Token', 'Invalid token header. No credentials provided.'],
    ['Token a b', 'Invalid token header. Token string should not contain spaces.'],
    ['Bearer omnitron-test-token', 'Authentication credentials were not provided.'],
  ])('401 for Authorization %j', async (authorization, detail) => {
    const res = await t().client('omnitron')(ORDER, { headers: { Authorization: authorization } })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Token')
    expect(await json(res)).toEqual({ detail })
  })

  it('accepts the keyword case-insensitively, as DRF does', async () => {
    const res = await t().client('omnitron')(ORDER, { headers: { Authorization: 'token omnitron-test-token' } })
    expect(res.status).toBe(200)
  })

  it('authenticates before it looks at the method: an anonymous PUT is 401, not 405', async () => {
    const res = await t().client('omnitron')(ORDER, { method: 'PUT' })
    expect(res.status).toBe(401)
  })

  // --------------------------------------------------------------- login
  it('logs in with the scenario user and returns the token', async () => {
    const res = await t().client('omnitron')('/api/v1/auth/login/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'omnitron-user', password: 'omnitron-pass' }),
    })
    expect(res.status).toBe(200)
    expect(await json(res)).toEqual({ key: 'omnitron-test-token' })
  })

  it('logs in with a form-encoded body too', async () => {
    const res = await t().client('omnitron')('/api/v1/auth/login/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'username=omnitron-user&password=omnitron-pass',
    })
    expect(await json(res)).toEqual({ key: 'omnitron-test-token' })
  })

  it.each([
    [
      { username: 'omnitron-user', password: 'wrong' },
      { non_field_errors: ['Unable to log in with provided credentials.'] },
    ],
    [{ username: 'omnitron-user' }, { password: ['This field is required.'] }],
    [{ password: 'omnitron-pass' }, { non_field_errors: ['Must include "username" and "password".'] }],
    [['omnitron-user'], { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] }],
  ])('rejects login %j', async (body, expected) => {
    const res = await t().client('omnitron')('/api/v1/auth/login/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(res.status).toBe(400)
    expect(await json(res)).toEqual(expected)
  })

  it('405 for GET on the login view, with its Allow header', async () => {
    const res = await t().client('omnitron')('/api/v1/auth/login/')
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST, OPTIONS')
    expect(await json(res)).toEqual({ detail: 'Method "GET" not allowed.' })
  })

  // -------------------------------------------------------- order detail
  it('GET answers the order with exactly the documented keys, in order', async () => {
    const res = await t().client('omnitron')(ORDER, { headers: AUTH })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    const body = await json(res)
    expect(Object.keys(body)).toEqual(Object.keys(documentedOrderResponse))
    expect({ ...body, is_send: true }).toEqual(documentedOrderResponse)
  })

  it('the documented Update Order example answers exactly the documented response', async () => {
    const res = await t().client('omnitron')(ORDER, {
      ...patch(JSON.stringify({ is_send: true }), { ...JSON_HEADERS, 'X-Mock-Now': '2025-01-18T10:10:00Z' }),
    })
    expect(res.status).toBe(200)
    expect(await json(res)).toEqual(documentedOrderResponse)
  })

  it('PATCH persists is_send and stamps modified_date with X-Mock-Now (microseconds kept)', async () => {
    const api = t().client('omnitron')
    await api(ORDER, patch('{"is_send": true}', { ...JSON_HEADERS, 'X-Mock-Now': '2025-03-01T12:00:00.123456+03:00' }))
    const body = await json(await api(ORDER, { headers: AUTH }))
    expect(body.is_send).toBe(true)
    expect(body.modified_date).toBe('2025-03-01T09:00:00.123456Z')
  })

  it('a valid status is accepted but not applied; everything else is ignored', async () => {
    const api = t().client('omnitron')
    const res = await api(ORDER, patch(JSON.stringify({ status: '500', number: 'X', tracking_number: 'NEW' })))
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body.status).toBe('450')
    expect(body.number).toBe('2792097964712363')
    expect(body.tracking_number).toBe('TRACK123456')
  })

  it.each([
    [{ status: '999' }, { status: ['No matching type.'] }],
    [{ is_send: 'maybe' }, { is_send: ['Must be a valid boolean.'] }],
    [{ is_send: null }, { is_send: ['This field may not be null.'] }],
    [
      { status: 'shipped', is_send: [] },
      { status: ['No matching type.'], is_send: ['Must be a valid boolean.'] },
    ],
  ])('400 for %j, and nothing changes', async (payload, errors) => {
    const api = t().client('omnitron')
    const before = await json(await api(ORDER, { headers: AUTH }))
    const res = await api(
      ORDER,
      patch(JSON.stringify({ ...payload, ...(!('is_send' in payload) && { is_send: true }) })),
    )
    expect(res.status).toBe(400)
    expect(await json(res)).toEqual(errors)
    expect(await json(await api(ORDER, { headers: AUTH }))).toEqual(before)
  })

  it.each([
    ['true', true],
    ['"false"', false],
    ['1', true],
    ['"0"', false],
    ['"yes"', true],
  ])('is_send accepts DRF boolean %s', async (raw, value) => {
    const res = await t().client('omnitron')(ORDER, patch(`{"is_send": ${raw}}`))
    expect((await json(res)).is_send).toBe(value)
  })

  // ------------------------------------------------------ request errors
  it("the documented malformed body gets CPython's message and position", async () => {
    const res = await t().client('omnitron')(ORDER, patch('{\n    "is_send": true,\n    }\n}'))
    expect(res.status).toBe(400)
    expect(await json(res)).toEqual({
      detail: 'JSON parse error - Expecting property name enclosed in double quotes: line 3 column 5 (char 27)',
    })
  })

  it.each([
    ['{"is_send": true', "JSON parse error - Expecting ',' delimiter: line 1 column 17 (char 16)"],
    ['{"is_send": NaN}', "JSON parse error - Out of range float values are not JSON compliant: 'NaN'"],
    ['', null],
  ])('body %j', async (body, detail) => {
    const res = await t().client('omnitron')(ORDER, patch(body))
    if (detail === null) expect(res.status).toBe(200)
    else expect(await json(res)).toEqual({ detail })
  })

  it('invalid UTF-8 gets the Python codec message', async () => {
    const res = await t().client('omnitron')(ORDER, {
      method: 'PATCH',
      headers: JSON_HEADERS,
      body: new Uint8Array([0x7b, 0xff, 0x7d]),
    })
    expect(await json(res)).toEqual({
      detail: "JSON parse error - 'utf-8' codec can't decode byte 0xff in position 1: invalid start byte",
    })
  })

  it.each([
    ['text/plain', 'Unsupported media type "text/plain" in request.'],
    ['text/plain; charset=utf-8', 'Unsupported media type "text/plain; charset=utf-8" in request.'],
  ])('415 for Content-Type %s', async (type, detail) => {
    const res = await t().client('omnitron')(ORDER, patch('{"is_send": true}', { ...AUTH, 'Content-Type': type }))
    expect(res.status).toBe(415)
    expect(await json(res)).toEqual({ detail })
  })

  it('415 naming "" when a body has no Content-Type', async () => {
    const res = await t().client('omnitron')(ORDER, {
      method: 'PATCH',
      headers: AUTH,
      body: new Blob(['{"is_send": true}']),
    })
    expect(res.status).toBe(415)
    expect(await json(res)).toEqual({ detail: 'Unsupported media type "" in request.' })
  })

  it('a body that is not an object is a non-field error', async () => {
    const res = await t().client('omnitron')(ORDER, patch('[{"is_send": true}]'))
    expect(res.status).toBe(400)
    expect(await json(res)).toEqual({ non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] })
  })

  it('405 with Allow for a method the view lacks', async () => {
    const res = await t().client('omnitron')(ORDER, { method: 'PUT', headers: JSON_HEADERS, body: '{}' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, PATCH, HEAD, OPTIONS')
    expect(await json(res)).toEqual({ detail: 'Method "PUT" not allowed.' })
  })

  it('HEAD answers like GET without a body; OPTIONS describes the view', async () => {
    const api = t().client('omnitron')
    const head = await api(ORDER, { method: 'HEAD', headers: AUTH })
    if (head.status !== 200) process.stderr.write(`HEAD ${JSON.stringify([...head.headers])}\n`)
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    const options = await api(ORDER, { method: 'OPTIONS', headers: AUTH })
    expect(options.status).toBe(200)
    expect(await json(options)).toEqual({
      name: 'Order Detail',
      description: '',
      renders: ['application/json', 'text/html'],
      parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
    })
  })

  it.each([
    ['99999999', 'No Order matches the given query.'],
    ['abc', 'Not found.'],
  ])('404 JSON for order pk %s', async (pk, detail) => {
    const res = await t().client('omnitron')(`/api/v1/orders/${pk}/`, { headers: AUTH })
    expect(res.status).toBe(404)
    expect(await json(res)).toEqual({ detail })
  })

  it.each(['/api/v1/orders/1.5/', '/api/v2/orders/12345/', '/nothing-here/'])(
    'Django HTML 404 for unknown URL %s',
    async (path) => {
      const res = await t().client('omnitron')(path, { headers: AUTH })
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(await res.text()).toBe(DJANGO_404_HTML)
    },
  )

  it('301 to the path with its slash, for every method, query kept, nothing written', async () => {
    const api = t().client('omnitron')
    const prefix = t().name === 'http' ? '/omnitron' : ''
    const res = await api('/api/v1/orders/12345?x=1', patch('{"is_send": true}'))
    expect(res.status).toBe(301)
    expect(res.headers.get('location')).toBe(`${prefix}/api/v1/orders/12345/?x=1`)
    expect((await json(await api(ORDER, { headers: AUTH }))).is_send).toBe(false)
  })

  // ---------------------------------------------------------- order list
  it("lists orders 10 a page with absolute links on the client's own base URL", async () => {
    const api = t().client('omnitron')
    const first = await json(await api('/api/i1/orders/', { headers: AUTH }))
    expect(first.count).toBe(27)
    expect(first.results).toHaveLength(10)
    expect(first.previous).toBeNull()
    expect(first.next).toBe(`${api.base}/api/i1/orders/?page=2`)
    const last = await json(await api('/api/i1/orders/?page=3', { headers: AUTH }))
    expect(last.results).toHaveLength(7)
    expect(last.next).toBeNull()
    expect(last.previous).toBe(`${api.base}/api/i1/orders/?page=2`)
    expect(Object.keys(last.results[0])).toEqual(Object.keys(documentedOrderResponse))
  })

  it('limit sets the page size; links keep the other parameters, sorted as DRF does', async () => {
    const api = t().client('omnitron')
    const body = await json(await api('/api/i1/orders/?status=400&limit=2&page=2', { headers: AUTH }))
    expect(body.results.map((o: { status: string }) => o.status)).toEqual(['400', '400'])
    expect(body.previous).toBe(`${api.base}/api/i1/orders/?limit=2&status=400`)
    expect(body.next).toBe(`${api.base}/api/i1/orders/?limit=2&page=3&status=400`)
  })

  it("filters by is_send and number, and sees this session's writes", async () => {
    const api = t().client('omnitron')
    await api(ORDER, patch('{"is_send": true}'))
    const sent = await json(await api('/api/i1/orders/?is_send=true', { headers: AUTH }))
    expect(sent.results.map((o: { pk: number }) => o.pk)).toEqual([12345])
    const byNumber = await json(await api('/api/i1/orders/?number=2792097964712363', { headers: AUTH }))
    expect(byNumber.count).toBe(1)
  })

  it.each(['4', '0', 'abc', '2.0'])('404 "Invalid page." for page=%s', async (page) => {
    const res = await t().client('omnitron')(`/api/i1/orders/?page=${page}`, { headers: AUTH })
    expect(res.status).toBe(404)
    expect(await json(res)).toEqual({ detail: 'Invalid page.' })
  })

  it('page=last and a bad limit fall back as DRF does', async () => {
    const api = t().client('omnitron')
    const last = await json(await api('/api/i1/orders/?page=last&limit=abc', { headers: AUTH }))
    expect(last.results).toHaveLength(7)
  })

  it('400 for a status filter outside the choices', async () => {
    const res = await t().client('omnitron')('/api/i1/orders/?status=999', { headers: AUTH })
    expect(res.status).toBe(400)
    expect(await json(res)).toEqual({ status: ['Select a valid choice. 999 is not one of the available choices.'] })
  })

  // ------------------------------------------------------- control layer
  it('sessions are isolated: a write in one is invisible in another', async () => {
    const a = t().client('omnitron')
    const b = t().client('omnitron')
    await a(ORDER, patch('{"is_send": true}'))
    expect((await json(await a(ORDER, { headers: AUTH }))).is_send).toBe(true)
    expect((await json(await b(ORDER, { headers: AUTH }))).is_send).toBe(false)
  })

  it('an unknown scenario is a problem+json 400 listing the known ones', async () => {
    const res = await t().client('omnitron', { scenario: 'nope' })(ORDER, { headers: AUTH })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.headers.get('x-mock-error')).toBe('unknown-scenario')
    const body = await json(res)
    expect(body.knownScenarios).toContain('default')
    expect(body.detail).toContain('"nope"')
  })

  it.each([
    ['X-Mock-Now', 'yesterday'],
    ['X-Mock-Now', '2025-01-18T10:10:00'],
    ['X-Mock-Session', 'has space'],
  ])('a bad %s is a problem+json 400', async (header, value) => {
    const res = await t().client('omnitron', { headers: { [header]: value } })(ORDER, { headers: AUTH })
    expect(res.status).toBe(400)
    expect(res.headers.get('x-mock-error')).toBe('bad-control-header')
    expect((await json(res)).header).toBe(header)
  })

  it('a __proto__ key in a body stays data and reaches no prototype', async () => {
    const res = await t().client('omnitron')(ORDER, patch('{"__proto__": {"polluted": true}, "is_send": true}'))
    expect(res.status).toBe(200)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((await json(res)).is_send).toBe(true)
  })
})
