/**
 * Property-based fuzzing of every endpoint of every provider: random and
 * mutated bodies, headers, query strings, path ids, content types and
 * encodings. Invariants, for every request:
 *   - no 5xx (no fault was asked for);
 *   - the error body is in the provider's own format (or the mock's problem+json);
 *   - a rejected request leaves the session's state byte-identical;
 *   - the server keeps answering.
 * `npm test` runs a bounded number of cases; `npm run fuzz` a larger budget (FUZZ_RUNS).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { SessionCache } from '../../src/core/sessions.js'
import { createApp, openApiDocuments } from '../../src/node/index.js'

import { documentedUpdateRequest } from '../fixtures/aymakan-docs.js'
import { documentedBulkRequest, documentedItemRequest } from '../fixtures/omnitron-docs.js'
import { OpenApiChecker } from '../support/openapi-check.js'

// Sized for `npm test` (a few seconds in all); `npm run fuzz` sets FUZZ_RUNS=2000.
const RUNS = Number(process.env.FUZZ_RUNS ?? 25)
const app = createApp()
const openapi = new OpenApiChecker(openApiDocuments())

type Provider = 'omnitron' | 'hamgam' | 'aymakan'
interface Endpoint {
  provider: Provider
  methods: string[]
  /** Path with `{id}` placeholders, each replaced by a generated id. */
  path: string
  ids: string[][]
  bodies: unknown[]
}

const ENDPOINTS: Endpoint[] = [
  {
    provider: 'omnitron',
    methods: ['POST'],
    path: '/api/v1/auth/login/',
    ids: [],
    bodies: [{ username: 'omnitron-user', password: 'omnitron-pass' }],
  },
  { provider: 'omnitron', methods: ['GET'], path: '/api/i1/orders/', ids: [], bodies: [] },
  {
    provider: 'omnitron',
    methods: ['GET', 'PATCH'],
    path: '/api/v1/orders/{id}/',
    ids: [['12345', '1', '7100']],
    bodies: [{ is_send: true }, { status: '500' }],
  },
  { provider: 'omnitron', methods: ['GET'], path: '/api/v1/order_items/', ids: [], bodies: [] },
  {
    provider: 'omnitron',
    methods: ['GET', 'PATCH'],
    path: '/api/v1/order_items/{id}/',
    ids: [['1340653', '7101', '7102', '7103', '7105', '1']],
    bodies: [documentedItemRequest],
  },
  {
    provider: 'omnitron',
    methods: ['PATCH'],
    path: '/api/i1/order_items/bulk_status_update/',
    ids: [],
    bodies: [documentedBulkRequest],
  },
  { provider: 'hamgam', methods: ['GET'], path: '/api/orders', ids: [], bodies: [] },
  { provider: 'hamgam', methods: ['GET'], path: '/api/orders/{id}', ids: [['123', '124', '125']], bodies: [] },
  { provider: 'hamgam', methods: ['GET'], path: '/api/orders/{id}/items', ids: [['123', '125']], bodies: [] },
  {
    provider: 'hamgam',
    methods: ['GET', 'PATCH', 'DELETE'],
    path: '/api/orders/{id}/items/{id}',
    ids: [
      ['123', '124', '125'],
      ['789', '790', '791', '792'],
    ],
    bodies: [{ quantity: 3, unit_discount: 5.0 }, { product: 12 }],
  },
  {
    provider: 'hamgam',
    methods: ['GET', 'POST'],
    path: '/api/orders/{id}/payments',
    ids: [['123', '125']],
    bodies: [{ payment_method: 1, amount: 1000, approved: true }],
  },
  {
    provider: 'hamgam',
    methods: ['GET', 'PATCH'],
    path: '/api/orders/{id}/payments/{id}',
    ids: [
      ['123', '125'],
      ['501', '502', '503'],
    ],
    bodies: [{ approved: true }],
  },
  {
    provider: 'aymakan',
    methods: ['GET', 'POST', 'PUT'],
    path: '/api/v1/orders',
    ids: [],
    bodies: [documentedUpdateRequest, { ...documentedUpdateRequest, order_id: 'new-1', hub_code: 'ollkomHub' }],
  },
  {
    provider: 'aymakan',
    methods: ['GET', 'PUT'],
    path: '/api/v1/orders/{id}',
    ids: [['diks-488392234223123', 'ord-hold-0002', 'ord-picked-0001']],
    bodies: [documentedUpdateRequest],
  },
]

const AUTH: Record<Provider, Record<string, string>[]> = {
  omnitron: [
    { Authorization: 'Token omnitron-test-token' },
    { Authorization: 'Token nope' },
    {},
    { Authorization: 'Token a b' },
  ],
  hamgam: [
    { Authorization: 'Token hamgam-admin-token' },
    { Authorization: 'Token hamgam-staff-token' },
    { Authorization: 'Token hamgam-customer-token' },
    {},
  ],
  aymakan: [{ 'api-key': 'aymakan-test-key' }, { Authorization: 'Bearer aymakan-test-key' }, { 'api-key': 'x' }, {}],
}

const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '']

/**
 * Number literals JSON can say but JSON.stringify never writes: past a double's range
 * (JSON.parse reads 1e400 as Infinity), integral floats, ints past 2^53. A value carries
 * one as a marked string, which `withRawNumbers` turns into the literal in the body text.
 */
const RAW_NUMBER = '\u0001raw-number:'
const RAW_NUMBERS = [
  '1e400',
  '-1e400',
  '1e-400',
  '1.0',
  '1e2',
  '-0.0',
  '123456789012345678901234567890',
  '9007199254740993',
]
const withRawNumbers = (text: string) => text.replace(/"\\u0001raw-number:([^"]*)"/g, '$1')

/** Values of every JSON type, the odd ones over-represented. */
const anyValue = fc.oneof(
  fc.constantFrom(...RAW_NUMBERS.map((n) => `${RAW_NUMBER}${n}`)),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    -0,
    '',
    ' ',
    '0',
    'true',
    'null',
    '\u0000',
    '\u2028',
    'é',
    '😀',
    'x'.repeat(300),
  ),
  fc.dictionary(fc.constantFrom(...NASTY_KEYS), fc.jsonValue({ maxDepth: 2 })),
)

/** A known-good body with some fields replaced, removed, or nasty keys added at some depth. */
function mutated(base: unknown): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.array(fc.tuple(fc.nat(), anyValue, fc.constantFrom('replace', 'delete', 'nest')), { maxLength: 4 }))
    .map(([edits]) => {
      const copy = structuredClone(base) as Record<string, unknown>
      for (const [pick, value, op] of edits) {
        const keys = Object.keys(copy)
        const key = keys.length ? keys[pick % keys.length]! : 'x'
        if (op === 'delete') delete copy[key]
        else if (op === 'replace')
          Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true })
        else
          Object.defineProperty(copy, NASTY_KEYS[pick % NASTY_KEYS.length]!, {
            value: { [key]: value },
            enumerable: true,
            writable: true,
            configurable: true,
          })
      }
      return copy
    })
}

const pathId = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '1.5',
    'abc',
    '%00',
    '%2e%2e',
    '99999999999999999999',
    'null',
    '__proto__',
    'constructor',
    '%F0%9F%98%80',
    'a%20b',
  ),
  fc.string({ maxLength: 12 }).map((s) => encodeURIComponent(s) || 'x'),
  fc.nat({ max: 10_000_000 }).map(String),
)

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin-1',
  'Application/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/vnd.api+json',
  undefined,
)

function requestFor(endpoint: Endpoint) {
  const body = fc.oneof(
    {
      weight: 4,
      arbitrary: endpoint.bodies.length
        ? fc.oneof(...endpoint.bodies.map(mutated)).map((b) => withRawNumbers(JSON.stringify(b)))
        : fc.constant('{}'),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1')) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  )
  return fc.record({
    method: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...endpoint.methods) },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD') },
    ),
    ids: fc.tuple(
      ...endpoint.ids.map((known) =>
        fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: pathId }),
      ),
    ),
    query: fc.array(
      fc.tuple(
        fc.constantFrom(
          'page',
          'limit',
          'offset',
          'status',
          'is_send',
          'order',
          'search',
          'ordering',
          'per_page',
          'include',
          'x',
        ),
        fc.string({ maxLength: 10 }),
      ),
      { maxLength: 3 },
    ),
    auth: fc.constantFrom(...AUTH[endpoint.provider]),
    contentType,
    accept: fc.constantFrom('application/json', '*/*', 'text/html', undefined),
    trailingSlash: fc.constantFrom('keep', 'keep', 'keep', 'toggle'),
    body,
  })
}

function formatOk(provider: Provider, res: Response, text: string): boolean {
  const type = res.headers.get('content-type') ?? ''
  if (res.status === 301) return res.headers.has('location')
  if (type.startsWith('application/problem+json')) return res.headers.has('x-mock-error')
  if (res.status === 204 || text === '') return true
  // DRF's browsable API answers `Accept: text/html` (and ?format=api) with HTML, whatever the status.
  if (provider !== 'aymakan' && type === 'text/html; charset=utf-8' && text.includes('<pre class="prettyprint">'))
    return true
  if (type.startsWith('text/html')) return res.status === 404 || res.status === 405
  if (!type.startsWith('application/json')) return false
  const body = JSON.parse(text) as unknown
  if (res.status < 400) return true
  if (provider === 'aymakan') {
    const b = body as Record<string, unknown>
    return (
      ('success' in b && b.success === false && 'message' in b) ||
      (Object.keys(b).length === 1 && typeof b.message === 'string')
    )
  }
  // DRF: {"detail": "..."}, field errors {"field": [...]} / {"non_field_errors": [...]}, or the bulk list.
  return typeof body === 'object' && body !== null
}

describe.each(ENDPOINTS.map((e) => [`${e.provider} ${e.methods.join('|')} ${e.path}`, e] as const))(
  '%s',
  (_, endpoint) => {
    it("never 5xx; errors in the provider's format; a rejected request changes nothing", async () => {
      let n = 0
      await fc.assert(
        fc.asyncProperty(requestFor(endpoint), async (r) => {
          const session = `fuzz-${endpoint.provider}-${n++ % 5}`
          let i = 0
          let path = endpoint.path.replace(/\{id\}/g, () => r.ids[i++] as string)
          if (r.trailingSlash === 'toggle') path = path.endsWith('/') ? path.slice(0, -1) : `${path}/`
          const query = r.query.length ? `?${r.query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : ''
          const headers: Record<string, string> = {
            ...r.auth,
            'X-Mock-Session': session,
            'X-Mock-Now': '2025-02-02T02:02:02Z',
          }
          if (r.contentType) headers['Content-Type'] = r.contentType
          if (r.accept) headers.Accept = r.accept
          const sendsBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD'
          const before = JSON.stringify(
            (await (await app.request('/__mock/state', { headers: { 'X-Mock-Session': session } })).json()).state,
          )
          const res = await app.request(`/${endpoint.provider}${path}${query}`, {
            method: r.method,
            headers,
            ...(sendsBody && { body: Buffer.from(r.body as string, 'latin1') }),
          })
          const text = await res.text()
          expect(res.status, `${r.method} ${path}${query} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500)
          expect(
            formatOk(endpoint.provider, res, text),
            `${r.method} ${path} → ${res.status} ${res.headers.get('content-type')} ${text.slice(0, 200)}`,
          ).toBe(true)
          // Whatever came in, the answer is one the provider's OpenAPI document describes.
          const entry = (await app.engine.sessions.peek(SessionCache.key('default', session)))?.journal.list({
            limit: 1,
          })[0]
          const checked = openapi.check(endpoint.provider, {
            method: r.method,
            path,
            status: res.status,
            headers: res.headers,
            body: text,
            ...(entry?.unmatched && { unmatched: true }),
          })
          expect(checked.errors, `${r.method} ${path}${query}`).toEqual([])
          if (res.status >= 300) {
            const after = JSON.stringify(
              (await (await app.request('/__mock/state', { headers: { 'X-Mock-Session': session } })).json()).state,
            )
            expect(after === before, `${r.method} ${path} → ${res.status} changed the state`).toBe(true)
          }
        }),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20251123) },
      )
      // The app still answers.
      expect((await app.request('/__mock/health')).status).toBe(200)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    }, 120_000)
  },
)
