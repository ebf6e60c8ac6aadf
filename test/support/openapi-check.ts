/**
 * Checks a provider's answer against its OpenAPI document with Ajv (JSON
 * Schema 2020-12, the dialect of OpenAPI 3.1): the status must be one the
 * operation lists, the required headers present, the media type listed and
 * the body valid against its schema. Answers outside any operation (no route,
 * a method the view lacks, an injected fault, the mock's own errors) are
 * checked against the document's `x-mock-fallbacks`.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { OpenApiDocument } from '../../src/core/openapi/build.js'

export interface Answer {
  method: string
  /** Path relative to the provider's base URL, without the query. */
  path: string
  status: number
  headers: Headers
  body: string
  /** From the session's journal: a fault replaced the answer / no route matched. */
  fault?: 'status' | 'delay' | 'connection'
  unmatched?: boolean
}

export interface Checked {
  /** `operationId status` or `fallback:<name>`, for coverage. */
  matched: string
  errors: string[]
}

type Json = Record<string, unknown>
const pointer = (parts: string[]) => `#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`

export class OpenApiChecker {
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false })
  readonly #docs: Record<string, OpenApiDocument>
  readonly #validators = new Map<string, ReturnType<Ajv2020['compile']>>()
  readonly #paths = new Map<string, { template: string; re: RegExp }[]>()

  constructor(docs: Record<string, OpenApiDocument>) {
    this.#docs = docs
    addFormats.default(this.#ajv)
    for (const [name, doc] of Object.entries(docs)) {
      this.#ajv.addSchema(doc as object, name)
      this.#paths.set(
        name,
        Object.keys(doc.paths).map((template) => ({
          template,
          re: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`),
        })),
      )
    }
  }

  check(provider: string, a: Answer): Checked {
    const doc = this.#docs[provider]
    if (!doc) return { matched: 'none', errors: [`no OpenAPI document for ${provider}`] }
    const fallbacks = doc['x-mock-fallbacks'] as Record<string, { $ref: string }>
    const viaFallback = (name: string) =>
      fallbacks[name]
        ? this.#checkResponse(provider, doc, fallbacks[name].$ref.slice(2).split('/'), a, `fallback:${name}`)
        : { matched: `fallback:${name}`, errors: [`the document has no x-mock-fallbacks.${name}`] }

    if (a.fault === 'status') return viaFallback('injectedFault')
    // No route: the provider's own page, with the mock's hint in X-Mock-Error.
    if (a.unmatched) return viaFallback('unmatchedPath')
    // The mock's own problem: X-Mock-Error and an RFC 9457 body. X-Mock-Error on any other answer is the
    // mock's hint on the provider's answer (an APPEND_SLASH 301, a 404 near a route), checked as that answer.
    const problem = /^application\/problem\+json\b/i.test(a.headers.get('content-type') ?? '')
    if (a.headers.has('x-mock-error') && problem) return viaFallback('mockError')

    const path = doc['x-mock-trailing-slash'] === 'ignored' ? a.path.replace(/\/+$/, '') || '/' : a.path
    const found = this.#paths.get(provider)!.find((p) => p.re.test(path))
    if (!found) {
      if (a.status === 301 && fallbacks.appendSlash) return viaFallback('appendSlash')
      return { matched: 'none', errors: [`${a.method} ${a.path} (${a.status}) matches no path of the document`] }
    }
    const item = doc.paths[found.template] as Record<string, Json>
    const method = a.method.toLowerCase()
    const op = item[method]
    if (!op) {
      if (a.status === 405) return viaFallback('methodNotAllowed')
      // Authentication runs before the method is looked at: the path's own 401/403.
      const other = Object.entries(item).find(([, o]) => (o.responses as Json)?.[String(a.status)])
      if (other)
        return this.#checkResponse(
          provider,
          doc,
          ['paths', found.template, other[0], 'responses', String(a.status)],
          a,
          `${found.template} ${a.status}`,
        )
      return {
        matched: 'none',
        errors: [`${a.method} ${found.template} is not in the document (answered ${a.status})`],
      }
    }
    const responses = op.responses as Json
    const status = String(a.status) in responses ? String(a.status) : 'default' in responses ? 'default' : undefined
    if (!status)
      return {
        matched: `${op.operationId} ${a.status}`,
        errors: [
          `${op.operationId as string}: status ${a.status} is not documented (documented: ${Object.keys(responses).join(', ')})`,
        ],
      }
    return this.#checkResponse(
      provider,
      doc,
      ['paths', found.template, method, 'responses', status],
      a,
      `${op.operationId as string} ${status}`,
    )
  }

  #checkResponse(provider: string, doc: OpenApiDocument, at: string[], a: Answer, matched: string): Checked {
    let parts = at
    let response = parts.reduce<unknown>((o, k) => (o as Json)?.[k], doc) as Json
    const ref = response?.$ref as string | undefined
    if (ref) {
      parts = ref.slice(2).split('/')
      response = parts.reduce<unknown>((o, k) => (o as Json)?.[k], doc) as Json
    }
    if (!response) return { matched, errors: [`${matched}: no response object at ${pointer(at)}`] }
    const errors: string[] = []
    for (const [name, h] of Object.entries((response.headers ?? {}) as Record<string, Json>))
      if (h.required && !a.headers.has(name)) errors.push(`${matched}: required header ${name} is missing`)
    const content = response.content as Record<string, Json> | undefined
    if (a.method === 'HEAD' || !content) {
      if (a.body !== '' && !content)
        errors.push(`${matched}: documented without a body, answered ${a.body.slice(0, 80)}`)
      return { matched, errors }
    }
    const type = (a.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (!(type in content)) {
      errors.push(`${matched}: media type "${type}" is not documented (documented: ${Object.keys(content).join(', ')})`)
      return { matched, errors }
    }
    if (!/json/.test(type)) return { matched, errors }
    let body: unknown
    try {
      body = JSON.parse(a.body)
    } catch {
      errors.push(`${matched}: the ${type} body is not JSON: ${a.body.slice(0, 80)}`)
      return { matched, errors }
    }
    const key = `${provider}${pointer([...parts, 'content', type, 'schema'])}`
    let validate = this.#validators.get(key)
    if (!validate) {
      validate = this.#ajv.compile({ $ref: key })
      this.#validators.set(key, validate)
    }
    if (!validate(body)) {
      const detail = (validate.errors ?? [])
        .slice(0, 5)
        .map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`)
        .join('; ')
      errors.push(`${matched}: body does not match the schema: ${detail} — body: ${a.body.slice(0, 200)}`)
    }
    return { matched, errors }
  }
}
