/**
 * PUT /__mock/state and importState(): a size limit of their own, nesting
 * checked without recursion, problems bounded (first 100, then a count), and
 * the store lossless for own `__proto__` keys.
 */
import { describe, expect, it } from 'vitest'
import { createMock, startServer } from '../../src/node/index.js'
import { forEachTransport, JSON_HEADERS, json, type Transport } from '../support/transports.js'

const nested = (depth: number): unknown => {
  let v: unknown = 1
  for (let i = 0; i < depth; i++) v = { a: v }
  return v
}
const put = (t: Transport, session: string, body: string) =>
  t.admin('/state', { method: 'PUT', headers: { 'X-Mock-Session': session }, body })

forEachTransport((t) => {
  it.each([3_000, 100_000])('an extra_field nested %i deep is a 400 problem, never a 500', async (depth) => {
    const session = `deep-${depth}`
    const before = await (await t().admin('/state', { headers: { 'X-Mock-Session': session } })).text()
    const item = JSON.parse(before).state.omnitron.orderItems[0]
    const body = JSON.stringify({ state: { omnitron: { orderItems: [{ ...item, extra_field: nested(1) }] } } })
    // Built as text: JSON.stringify itself recurses on depth.
    const deep = body.replace('"extra_field":{"a":1}', `"extra_field":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)
    const res = await put(t(), session, deep)
    expect(res.status).toBe(400)
    const problem = await json(res)
    expect(problem.code).toBe('bad-state')
    expect(problem.problems).toEqual([
      "omnitron.orderItems[0]: nested deeper than 900 levels (the provider's framework refuses such JSON)",
    ])
    expect(await (await t().admin('/state', { headers: { 'X-Mock-Session': session } })).text()).toBe(before)
  })

  it('100,000 invalid records: the first 100 problems and a count, fast, and other sessions are served meanwhile', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ pk: `x${i}` }))
    const importing = put(t(), 'many', JSON.stringify({ state: { omnitron: { orders: rows } } }))
    const health = await t().admin('/health')
    expect(health.status).toBe(200)
    const res = await importing
    expect(res.status).toBe(400)
    const { problems } = await json(res)
    expect(problems).toHaveLength(101)
    expect(problems[100]).toMatch(
      /^\(validation stopped after the first 100 problems, \d+ of 100000 records checked\)$/,
    )
  })

  it('an own "__proto__" key written by a PATCH survives export → import → export', async () => {
    const api = t().client('omnitron')
    const patch = await api('/api/v1/order_items/7105/', {
      method: 'PATCH',
      headers: JSON_HEADERS,
      body: '{"extra_field": {"__proto__": {"polluted": true}, "kept": 1, "deep": {"__proto__": [1]}}}',
    })
    expect(patch.status).toBe(200)
    const first = await (await t().admin('/state', { headers: { 'X-Mock-Session': api.session } })).text()
    expect(first).toContain('"extra_field":{"__proto__":{"polluted":true},"kept":1,"deep":{"__proto__":[1]}}')
    const target = `${api.session}-copy`
    const state = JSON.parse(first).state
    expect((await put(t(), target, JSON.stringify({ state }))).status).toBe(200)
    const second = await (await t().admin('/state', { headers: { 'X-Mock-Session': target } })).text()
    expect(JSON.parse(second).state).toEqual(JSON.parse(first).state)
    expect(JSON.stringify(JSON.parse(second).state)).toBe(JSON.stringify(JSON.parse(first).state))
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('admin body limit', () => {
  it('an admin body over --max-admin-body-bytes is 413 (declared or chunked), larger provider bodies never reach it', async () => {
    const server = await startServer({ port: 0, maxAdminBodyBytes: 64 * 1024 })
    try {
      const big = JSON.stringify({ state: { omnitron: { orders: [] } }, pad: 'x'.repeat(100 * 1024) })
      const declared = await fetch(`${server.url}/__mock/state`, { method: 'PUT', body: big })
      expect(declared.status).toBe(413)
      expect(await declared.json()).toMatchObject({ code: 'body-too-large', limit: 64 * 1024 })
      const stream = new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode(big))
          c.close()
        },
      })
      const chunked = await fetch(`${server.url}/__mock/state`, {
        method: 'PUT',
        body: stream,
        duplex: 'half',
      } as RequestInit)
      expect(chunked.status).toBe(413)
      expect((await fetch(`${server.url}/__mock/health`)).status).toBe(200)
    } finally {
      await server.close()
    }
  })

  it('the default admin limit is 16 MiB: a 17 MiB import is refused in-process too', async () => {
    const mock = await createMock({ baseUrls: {} })
    const res = await mock.app.request('/__mock/state', {
      method: 'PUT',
      body: `{"pad":"${'x'.repeat(17 * 1024 * 1024)}"}`,
    })
    expect(res.status).toBe(413)
    expect((await json(res)).detail).toContain('--max-admin-body-bytes')
  })
})

describe('importState() in-process', () => {
  it('1,000,000 invalid records fail fast after the first 100 problems', async () => {
    const mock = await createMock({ baseUrls: {} })
    const rows = Array.from({ length: 1_000_000 }, (_, i) => ({ pk: `x${i}` }))
    const error = (await mock.importState({ omnitron: { orders: rows } }).catch((e: unknown) => e)) as Error
    const lines = error.message.split('\n  - ')
    expect(lines).toHaveLength(102)
    expect(lines[101]).toMatch(/^\(validation stopped after the first 100 problems, \d+ of 1000000 records checked\)$/)
  })

  it('a 5,000-deep value is the documented error, not a RangeError', async () => {
    const mock = await createMock({ baseUrls: {} })
    const item = (await mock.state()).omnitron!.orderItems![0] as Record<string, unknown>
    const error = await mock
      .importState({ omnitron: { orderItems: [{ ...item, extra_field: nested(5_000) }] } })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(error).not.toBeInstanceOf(RangeError)
    expect((error as Error).message).toMatch(
      /^State not imported \(nothing changed\):\n {2}- omnitron\.orderItems\[0\]: nested deeper than 900/,
    )
  })
})
