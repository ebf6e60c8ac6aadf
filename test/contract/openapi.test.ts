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
import { forEachTransport, json, type ProviderName } from '../support/transports.js'

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
        // DRF sends Allow on every answer of a view; Laravel's 405 lists the path's methods.
        const res =
          provider === 'aymakan' ? await api(path, { method: 'DELETE' }) : await api(path, { method: 'OPTIONS' })
        const allow = (res.headers.get('allow') ?? '').split(', ').sort()
        expect(allow, `${template}`).toEqual(declared)
        if (declared.includes('HEAD')) expect((await api(path, { method: 'HEAD' })).status).toBe(200)
      }
    })
  }

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
