/**
 * Clock inputs are checked at the edge, over HTTP and in-process alike: only
 * instants in years 1–9999 (what Python's and PHP's datetimes hold), only
 * JSON numbers for offsets, never JS's two-digit-year rule.
 */
import { describe, expect, it } from 'vitest'
import { MockProblemError } from '../../src/core/problem.js'
import { createApp, createMock } from '../../src/node/index.js'
import { type Client, forEachTransport, JSON_HEADERS, json, type Transport } from '../support/transports.js'

const ITEM = '/api/v1/order_items/7105/'
const patchItem = (api: Client, headers: Record<string, string> = {}) =>
  api(ITEM, { method: 'PATCH', headers: { ...JSON_HEADERS, ...headers }, body: '{}' })
const putClock = (t: Transport, api: Client, body: unknown) =>
  t.admin('/clock', {
    method: 'PUT',
    headers: { 'X-Mock-Session': api.session, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
const getClock = (t: Transport, api: Client) => t.admin('/clock', { headers: { 'X-Mock-Session': api.session } })

forEachTransport((t) => {
  it.each([
    ['an offset of 1e20 ms', '{"offsetMs": 1e20}'],
    ['an offset of 8.64e15 ms (past year 9999)', '{"offsetMs": 8640000000000000}'],
    ['an offset of -8e13 ms (before year 1)', '{"offsetMs": -80000000000000}'],
    ['an offset given as a string', '{"offsetMs": "5"}'],
    ['a fractional offset', '{"offsetMs": 1.5}'],
    ['a now in year 0', '{"now": "0000-06-01T00:00:00Z"}'],
    ['a now past 9999 once its offset is applied', '{"now": "9999-12-31T23:00:00-02:00"}'],
    ['both now and offsetMs', '{"now": "2025-01-01T00:00:00Z", "offsetMs": 5}'],
    ['an unknown key', '{"nowish": "2025-01-01T00:00:00Z"}'],
  ])('refuses %s with a problem, and the session keeps working', async (_what, body) => {
    const api = t().client('omnitron')
    const res = await putClock(t(), api, body)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await json(res)).toMatchObject({ code: 'bad-clock', status: 400 })
    expect(await json(await getClock(t(), api))).toMatchObject({ mode: 'real' })
    expect((await patchItem(api)).status).toBe(200)
  })

  it('an offset up to the edge of year 9999 is accepted and answered', async () => {
    const api = t().client('omnitron')
    const toEdge = Date.UTC(9999, 11, 31) - Date.now() // a four-digit year: Date.UTC's rule does not apply
    expect((await putClock(t(), api, { offsetMs: toEdge })).status).toBe(200)
    expect((await json(await getClock(t(), api))).now).toMatch(/^9999-12-3[01]T/)
    expect((await json(await patchItem(api))).modified_date).toMatch(/^9999-12-3[01]T/)
  })

  it('X-Mock-Now in years 1–99 is kept as written (no 1900s), formatted with four digits', async () => {
    const api = t().client('omnitron')
    const res = await patchItem(api, { 'X-Mock-Now': '0099-06-01T12:00:00.5Z' })
    expect((await json(res)).modified_date).toBe('0099-06-01T12:00:00.500000Z')
    const early = await patchItem(api, { 'X-Mock-Now': '0001-01-01T00:00:00Z' })
    expect((await json(early)).modified_date).toBe('0001-01-01T00:00:00Z')
  })

  it('a frozen clock in year 99 reads back as 0099, and year 9999 never as +010000', async () => {
    const api = t().client('omnitron')
    await putClock(t(), api, { now: '0099-06-01T00:00:00Z' })
    expect((await json(await getClock(t(), api))).now).toBe('0099-06-01T00:00:00.000Z')
    await putClock(t(), api, { now: '9999-12-31T23:59:59.999999Z' })
    expect((await json(await getClock(t(), api))).now).toBe('9999-12-31T23:59:59.999Z')
    expect((await json(await patchItem(api))).modified_date).toBe('9999-12-31T23:59:59.999999Z')
  })

  it.each(['0000-12-31T23:59:59Z', '9999-12-31T23:00:00-02:00', '0001-01-01T00:00:00+01:00'])(
    'X-Mock-Now %s (outside years 1–9999 in UTC) is a 400 naming the header',
    async (now) => {
      const res = await patchItem(t().client('omnitron'), { 'X-Mock-Now': now })
      expect(res.status).toBe(400)
      expect(await json(res)).toMatchObject({ code: 'bad-control-header', header: 'X-Mock-Now' })
    },
  )
})

describe('in-process: createMock().setClock checks exactly as PUT /__mock/clock does', async () => {
  const mock = await createMock({ baseUrls: { omnitron: 'https://omnitron.example.com' } })
  const viaHttp = async (body: unknown) =>
    json(
      await mock.app.request('/__mock/clock', {
        method: 'PUT',
        headers: { 'X-Mock-Session': 'same' },
        body: JSON.stringify(body),
      }),
    )

  it.each([{ offsetMs: 1e20 }, { offsetMs: 8.64e15 }, { offsetMs: '5' }, { now: '0000-01-01T00:00:00Z' }, { now: 5 }])(
    'refuses %j with the same problem, and the clock stays as it was',
    async (clock) => {
      const problem = await viaHttp(clock)
      const error = await mock.setClock(clock as never, { session: 'same' }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MockProblemError)
      const { type: _type, ...rest } = problem
      expect((error as MockProblemError).problem).toEqual(rest)
      expect((error as MockProblemError).message).toBe(problem.detail)
      const state = await json(await mock.app.request('/__mock/clock', { headers: { 'X-Mock-Session': 'same' } }))
      expect(state.mode).toBe('real')
    },
  )
})

describe('scenario now and refDate', () => {
  it.each([
    ['now', '0000-06-01T00:00:00Z'],
    ['refDate', '0050-13-01T00:00:00Z'],
    ['now', '9999-12-31T23:30:00-01:00'],
  ])('a scenario %s of %s is refused when the scenario loads', (key, value) => {
    expect(() => createApp({ scenarioSources: [{ file: 'far.yaml', text: `${key}: "${value}"\n` }] })).toThrow(
      /far\.yaml:\d+:\d+: .*0001-01-01T00:00:00Z to 9999-12-31/,
    )
  })

  it('a scenario in year 50 stays in year 50, and an offset past 9999 from it is refused', async () => {
    const app = createApp({ scenarioSources: [{ file: 'old.yaml', text: 'now: "0050-03-01T00:00:00Z"\n' }] })
    const headers = { 'X-Mock-Scenario': 'old', 'X-Mock-Session': 'one' }
    expect((await json(await app.request('/__mock/clock', { headers }))).now).toBe('0050-03-01T00:00:00.000Z')
    const tooFar = await app.request('/__mock/clock', {
      method: 'PUT',
      headers,
      body: JSON.stringify({ offsetMs: (9999 - 50) * 366 * 86_400_000 }),
    })
    expect(tooFar.status).toBe(400)
  })
})
