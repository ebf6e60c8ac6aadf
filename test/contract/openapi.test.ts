import { readFileSync } from 'node:fs'
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { createApp, openApiDocuments, openApiYamlDocuments } from '../../src/index.js'
import { documentedUpdateRequest } from '../fixtures/aymakan-docs.js'
import { documentedBulkRequest, documentedItemRequest } from '../fixtures/omnitron-docs.js'
import { OpenApiChecker } from '../support/openapi-check.js'
import { checkedAnswers, forEachTransport, json, type ProviderName } from '../support/transports.js'

/**
 * The OpenAPI documents: valid OpenAPI 3.1, fresh on disk, served as built,
 * their examples valid against their own schemas, and every operation they
 * declare served by the mock — with exactly the methods the mock serves. (The
 * contract suite's transports check every other answer against them.)
 */
const docs = openApiDocuments()
const PROVIDERS = ['omnitron', 'hamgam', 'aymakan'] as const
type Doc = (typeof docs)[string]
// biome-ignore lint/suspicious/noExplicitAny: the test walks documents of every shape
type Json = Record<string, any>

describe('the documents', () => {
  it.each(PROVIDERS)(
    '%s is valid OpenAPI 3.1 (@seriousme/openapi-schema-validator), as JSON and as YAML',
    async (p) => {
      for (const source of [docs[p]!, openApiYamlDocuments()[p]!]) {
        const result = await new Validator().validate(source as never)
        expect(result.errors ?? []).toEqual([])
        expect(result.valid).toBe(true)
      }
      expect(parse(openApiYamlDocuments()[p]!)).toEqual(docs[p])
    },
  )

  it.each(PROVIDERS)('openapi/%s.json and .yaml are what npm run openapi writes', (p) => {
    const dir = new URL('../../openapi/', import.meta.url)
    expect(JSON.parse(readFileSync(new URL(`${p}.json`, dir), 'utf8')), 'stale: run npm run openapi').toEqual(docs[p])
    expect(readFileSync(new URL(`${p}.yaml`, dir), 'utf8'), 'stale: run npm run openapi').toBe(
      openApiYamlDocuments()[p],
    )
  })

  it.each(PROVIDERS)('every example in %s is valid against the schema beside it', (p) => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false })
    addFormats.default(ajv)
    ajv.addSchema(docs[p] as object, p)
    let checked = 0
    const walk = (node: unknown, path: string[]) => {
      if (typeof node !== 'object' || node === null) return
      const media = node as Json
      if (media.schema && media.examples && !Array.isArray(media.examples)) {
        const pointer = path.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')
        const validate = ajv.compile({ $ref: `${p}#/${pointer}/schema` })
        for (const [name, ex] of Object.entries(media.examples as Record<string, Json>)) {
          expect(validate(ex.value), `${path.join(' ')} example ${name}: ${JSON.stringify(validate.errors)}`).toBe(true)
          checked++
        }
      }
      for (const [k, v] of Object.entries(node)) if (k !== 'examples') walk(v, [...path, k])
    }
    walk(docs[p], [])
    expect(checked).toBeGreaterThan(0)
  })

  it.each(PROVIDERS)('%s marks every operation, response and example with x-mock-source', (p) => {
    const sources = new Set<string>()
    for (const item of Object.values(docs[p]!.paths))
      for (const op of Object.values(item) as Json[]) {
        sources.add(op['x-mock-source'])
        for (const r of Object.values(op.responses as Json)) if (!r.$ref) sources.add(r['x-mock-source'])
      }
    for (const r of Object.values(docs[p]!.components.responses) as Json[]) sources.add(r['x-mock-source'])
    expect([...sources].every((s) => ['documented', 'framework', 'assumption'].includes(s))).toBe(true)
    expect(sources.has('documented')).toBe(true)
  })

  it('declares the auth schemes: DRF Token in Authorization, Aymakan api-key', () => {
    for (const p of ['omnitron', 'hamgam'])
      expect(docs[p]!.components.securitySchemes).toMatchObject({
        Token: { type: 'apiKey', in: 'header', name: 'Authorization' },
      })
    expect(docs.aymakan!.components.securitySchemes).toMatchObject({
      ApiKey: { type: 'apiKey', in: 'header', name: 'api-key' },
    })
    expect(docs.omnitron!.paths['/api/v1/auth/login/']!.post).toMatchObject({ security: [] })
  })
})

describe('the checker catches drift', () => {
  const checker = new OpenApiChecker(docs)
  const app = createApp()
  const answer = async (path: string, mutate?: (body: Json) => void, status?: number) => {
    const res = await app.request(`/omnitron${path}`, { headers: { Authorization: 'Token omnitron-test-token' } })
    const body = await res.json()
    mutate?.(body)
    return checker.check('omnitron', {
      method: 'GET',
      path,
      status: status ?? res.status,
      headers: res.headers,
      body: JSON.stringify(body),
    })
  }

  it('accepts the real answer', async () => {
    expect((await answer('/api/v1/orders/12345/')).errors).toEqual([])
  })
  it('refuses a missing key, an extra key, a wrong type and an undocumented status', async () => {
    expect((await answer('/api/v1/orders/12345/', (b) => delete b.pk)).errors[0]).toMatch(
      /must have required property 'pk'/,
    )
    expect((await answer('/api/v1/orders/12345/', (b) => (b.surprise = 1))).errors[0]).toMatch(/additional properties/)
    expect((await answer('/api/v1/orders/12345/', (b) => (b.is_send = 'yes'))).errors[0]).toMatch(
      /is_send must be boolean/,
    )
    expect((await answer('/api/v1/orders/12345/', undefined, 418)).errors[0]).toMatch(/status 418 is not documented/)
  })
})

const AUTH: Record<ProviderName, Record<string, string>> = {
  omnitron: { Authorization: 'Token omnitron-test-token' },
  hamgam: { Authorization: 'Token hamgam-admin-token' },
  aymakan: { 'api-key': 'aymakan-test-key', Accept: 'application/json' },
}

/** One request per declared operation (HEAD and OPTIONS come from the paths), and the status it answers. */
const REQUESTS: Record<ProviderName, Record<string, [string, string, unknown?, number?]>> = {
  omnitron: {
    login: ['POST', '/api/v1/auth/login/', { username: 'omnitron-user', password: 'omnitron-pass' }],
    listOrders: ['GET', '/api/i1/orders/'],
    getOrder: ['GET', '/api/v1/orders/12345/'],
    updateOrder: ['PATCH', '/api/v1/orders/12345/', { is_send: true }],
    listOrderItems: ['GET', '/api/v1/order_items/?order=12345'],
    getOrderItem: ['GET', '/api/v1/order_items/1340653/'],
    updateOrderItem: ['PATCH', '/api/v1/order_items/1340653/', documentedItemRequest],
    bulkStatusUpdate: ['PATCH', '/api/i1/order_items/bulk_status_update/', documentedBulkRequest],
  },
  hamgam: {
    listOrders: ['GET', '/api/orders'],
    getOrder: ['GET', '/api/orders/123'],
    listOrderItems: ['GET', '/api/orders/123/items'],
    getOrderItem: ['GET', '/api/orders/123/items/789'],
    updateOrderItem: ['PATCH', '/api/orders/123/items/789', { quantity: 2 }],
    deleteOrderItem: ['DELETE', '/api/orders/123/items/789'],
    listPayments: ['GET', '/api/orders/123/payments'],
    createPayment: ['POST', '/api/orders/123/payments', { payment_method: 1, amount: 1000 }, 201],
    getPayment: ['GET', '/api/orders/123/payments/501'],
    updatePayment: ['PATCH', '/api/orders/123/payments/501', { notes: 'checked' }],
  },
  aymakan: {
    listOrders: ['GET', '/api/v1/orders?include=order_items'],
    createOrder: [
      'POST',
      '/api/v1/orders',
      {
        order_id: 'openapi-new-1',
        hub_code: 'ollkomHub',
        order_items: [{ sku_code: 'SKU-AC-47' }],
        payment_method: 'prepaid',
        shipping_address: { address1: '1 Test St', city: 'Riyadh' },
      },
    ],
    updateOrder: ['PUT', '/api/v1/orders', documentedUpdateRequest],
    getOrder: ['GET', '/api/v1/orders/diks-488392234223123'],
    updateOrderById: [
      'PUT',
      '/api/v1/orders/ord-hold-0002',
      {
        order_id: 'ord-hold-0002',
        order_items: [{ sku_code: 'SKU-AC-48' }],
        payment_method: 'postpaid',
        shipping_address: { address1: '4 Corniche Rd', city: 'Dammam' },
      },
    ],
  },
}

/** A concrete path for a template: the path of the canned request of one of its operations. */
function concretePath(doc: Doc, provider: ProviderName, template: string): string {
  const item = doc.paths[template] as Json
  for (const op of Object.values(item)) {
    const req = REQUESTS[provider][op.operationId]
    if (req) return req[1].split('?')[0]!
  }
  throw new Error(`no canned request for any operation of ${template}`)
}

interface Provoked {
  method: string
  path: string
  body?: string
  headers?: Record<string, string>
}

/**
 * A request that makes `operationId` answer `status`, from its canned request.
 * A status the document gains without a way to provoke it here fails the test.
 */
function provoke(
  provider: ProviderName,
  doc: Doc,
  template: string,
  method: string,
  operationId: string,
  status: string,
): Provoked {
  const canned = REQUESTS[provider][operationId]
  const path = canned ? canned[1] : concretePath(doc, provider, template)
  const verb = method.toUpperCase()
  const auth = AUTH[provider]
  const withBody = (body: string, type = 'application/json'): Provoked => ({
    method: verb,
    path,
    body,
    headers: { ...auth, 'Content-Type': type },
  })
  /** The path with its last id (the last numeric segment; Aymakan's order id) replaced by an unknown one. */
  const lastIdGone = () => {
    const parts = path.split('?')[0]!.split('/')
    const numeric = parts.findLastIndex((p) => /^\d+$/.test(p))
    const i = numeric >= 0 ? numeric : parts.length - 1
    parts[i] = provider === 'aymakan' ? 'no-such-order' : '99999999'
    return parts.join('/')
  }
  const hasIds = template.includes('{')
  switch (status) {
    case '200':
    case '201':
      return canned?.[2] !== undefined ? withBody(JSON.stringify(canned[2])) : { method: verb, path, headers: auth }
    case 'default':
      return { method: verb, path } // HEAD without credentials: the 401, body stripped
    case '401':
      return canned?.[2] !== undefined
        ? { method: verb, path, body: JSON.stringify(canned[2]), headers: { 'Content-Type': 'application/json' } }
        : { method: verb, path }
    case '403':
      return { method: verb, path, headers: { Authorization: 'Token hamgam-customer-token' } }
    case '415':
      return withBody('x', 'text/plain')
    case '406': // DRF's content negotiation, before authentication
      return { method: verb, path, headers: { Accept: 'text/csv' } }
    case '405': // Laravel's method override: a POST routed as the method its `_method` names
      return withBody(JSON.stringify({ _method: 'DELETE' }))
    case '422':
      return withBody('{}')
    case '404': {
      // DRF: a ?format= no renderer has is 404 on every view (OPTIONS on a detail view answers for any pk).
      const noRenderer: Provoked = { method: verb, path: `${path.split('?')[0]}?format=xml`, headers: auth }
      if (verb === 'OPTIONS') return noRenderer
      if (hasIds)
        return canned?.[2] !== undefined
          ? { ...withBody(JSON.stringify(canned[2])), path: lastIdGone() }
          : { method: verb, path: lastIdGone(), headers: auth }
      // Omnitron's page number past the last page (`Invalid page.`); Hamgam's limit/offset paging has none.
      if (provider === 'omnitron' && verb === 'GET')
        return { method: verb, path: `${path.split('?')[0]}?page=999`, headers: auth }
      return noRenderer
    }
    case '400': {
      const special: Record<string, Provoked> = {
        'omnitron listOrders': { method: 'GET', path: '/api/i1/orders/?status=nope', headers: auth },
        'omnitron listOrderItems': { method: 'GET', path: '/api/v1/order_items/?order=abc', headers: auth },
        'hamgam deleteOrderItem': { method: 'DELETE', path: '/api/orders/124/items/791', headers: auth },
        'aymakan createOrder': withBody(JSON.stringify({ ...(canned![2] as Json), order_id: 'diks-488392234223123' })),
        'aymakan updateOrder': withBody(JSON.stringify({ ...(canned![2] as Json), order_id: 'ord-picked-0001' })),
        'aymakan updateOrderById': {
          ...withBody(JSON.stringify({ ...(canned![2] as Json), order_id: 'ord-picked-0001' })),
          path: '/api/v1/orders/ord-picked-0001',
        },
      }
      const found = special[`${provider} ${operationId}`]
      if (found) return found
      if (canned?.[2] !== undefined) return withBody('[]') // a JSON list where an object belongs
      break
    }
  }
  throw new Error(`no way to provoke ${provider} ${operationId} ${status}: add one to provoke()`)
}

/** A request per fallback: what answers outside every operation. */
const FALLBACKS: Record<ProviderName, Record<string, Provoked>> = {
  omnitron: {
    unmatchedPath: { method: 'GET', path: '/nothing-here/' },
    appendSlash: { method: 'GET', path: '/api/v1/orders/12345' },
    methodNotAllowed: { method: 'DELETE', path: '/api/v1/orders/12345/' },
    injectedFault: { method: 'GET', path: '/api/v1/orders/12345/', headers: { 'X-Mock-Fault': '503' } },
    mockError: { method: 'GET', path: '/api/v1/orders/12345/', headers: { 'X-Mock-Scenario': 'no-such-scenario' } },
  },
  hamgam: {
    unmatchedPath: { method: 'GET', path: '/api/orders/' },
    methodNotAllowed: { method: 'PUT', path: '/api/orders/123' },
    injectedFault: { method: 'GET', path: '/api/orders/123', headers: { 'X-Mock-Fault': '500' } },
    mockError: { method: 'GET', path: '/api/orders/123', headers: { 'X-Mock-Now': 'yesterday' } },
  },
  aymakan: {
    unmatchedPath: { method: 'GET', path: '/api/v2/orders' },
    methodNotAllowed: { method: 'DELETE', path: '/api/v1/orders' },
    injectedFault: { method: 'GET', path: '/api/v1/orders', headers: { 'X-Mock-Fault': '429' } },
    mockError: { method: 'GET', path: '/api/v1/orders', headers: { 'X-Mock-Session': '' } },
  },
}

forEachTransport((t) => {
  for (const provider of PROVIDERS) {
    const doc = docs[provider]!
    const operations = Object.entries(doc.paths).flatMap(([template, item]) =>
      Object.entries(item as Json).map(([method, op]) => ({ template, method, op: op as Json })),
    )

    it(`${provider}: every declared operation has a canned request here`, () => {
      const plain = operations.filter((o) => o.method !== 'head' && o.method !== 'options').map((o) => o.op.operationId)
      expect(plain.sort()).toEqual(Object.keys(REQUESTS[provider]).sort())
    })

    it.each(Object.entries(REQUESTS[provider]))(
      `${provider} %s answers its documented success`,
      async (id, [method, path, body, status]) => {
        const api = t().client(provider, { headers: AUTH[provider] })
        const res = await api(path, {
          method,
          ...(body !== undefined && { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
        })
        expect(res.status, await res.clone().text()).toBe(status ?? 200)
        const op = operations.find((o) => o.op.operationId === id)!
        expect(op.op.responses[String(status ?? 200)]).toBeDefined()
      },
    )

    it(`${provider}: every path serves exactly the methods the document declares`, async () => {
      for (const [template, item] of Object.entries(doc.paths)) {
        const declared = Object.keys(item as Json)
          .map((m) => m.toUpperCase())
          .sort()
        const api = t().client(provider, { headers: AUTH[provider] })
        const path = concretePath(doc, provider, template)
        // DRF sends Allow on every answer of a view; Laravel's OPTIONS lists the path's methods (without
        // OPTIONS, which its router answers on every path it knows).
        const res = await api(path, { method: 'OPTIONS' })
        expect(res.status, template).toBe(200)
        const allow = (res.headers.get('allow') ?? '').split(provider === 'aymakan' ? ',' : ', ')
        if (provider === 'aymakan') allow.push('OPTIONS')
        expect(allow.sort(), `${template}`).toEqual(declared)
        if (declared.includes('HEAD')) expect((await api(path, { method: 'HEAD' })).status).toBe(200)
      }
    })
  }

  it('every documented status of every operation, and every fallback, is provoked and matches the document', async () => {
    const sent: string[] = []
    for (const provider of PROVIDERS) {
      const doc = docs[provider]!
      for (const [template, item] of Object.entries(doc.paths))
        for (const [method, op] of Object.entries(item as Json))
          for (const status of Object.keys(op.responses)) {
            const req = provoke(provider, doc, template, method, op.operationId, status)
            const api = t().client(provider, req.headers === undefined ? {} : { headers: req.headers })
            const res = await api(req.path, { method: req.method, ...(req.body !== undefined && { body: req.body }) })
            if (status !== 'default')
              expect(res.status, `${provider} ${op.operationId} ${status}: ${req.method} ${req.path}`).toBe(
                Number(status),
              )
            sent.push(`${provider} ${op.operationId} ${status}`)
          }
      for (const [name, req] of Object.entries(FALLBACKS[provider])) {
        await t().client(provider, { headers: { ...AUTH[provider], ...req.headers } })(req.path, { method: req.method })
        sent.push(`${provider} fallback:${name}`)
      }
      expect(Object.keys(FALLBACKS[provider]).sort()).toEqual(Object.keys(doc['x-mock-fallbacks'] as Json).sort())
    }
    // The transports checked each answer; each one was the answer it was meant to provoke.
    expect(sent.filter((k) => !checkedAnswers.has(k))).toEqual([])
  }, 120_000)

  it('GET /__mock/openapi lists the documents; each is served as built, in JSON and YAML', async () => {
    const list = await json(await t().admin('/openapi'))
    expect(list.documents.map((d: Json) => d.provider)).toEqual([...PROVIDERS])
    for (const p of PROVIDERS) {
      const res = await t().admin(`/openapi/${p}.json`)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      expect(await res.json()).toEqual(docs[p])
      const yaml = await t().admin(`/openapi/${p}.yaml`)
      expect(yaml.headers.get('content-type')).toBe('application/yaml; charset=utf-8')
      expect(parse(await yaml.text())).toEqual(docs[p])
    }
    const missing = await t().admin('/openapi/nobody.json')
    expect(missing.status).toBe(404)
    expect((await json(missing)).code).toBe('no-such-document')
  })
})

it('the documents are public even with --admin-token (they hold no session data); the sessions list is not', async () => {
  const app = createApp({ adminToken: 's3cret' })
  expect((await app.request('/__mock/openapi/omnitron.json')).status).toBe(200)
  expect((await app.request('/__mock/sessions')).status).toBe(401)
  expect((await app.request('/__mock/sessions', { headers: { 'X-Mock-Admin-Token': 's3cret' } })).status).toBe(200)
})
