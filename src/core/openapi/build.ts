import { z } from 'zod'
import {
  type ApiSpec,
  type ExampleSpec,
  type MediaSpec,
  type OperationSpec,
  type ResponseSpec,
  SOURCE_EXTENSION,
} from './spec.js'

/**
 * An OpenAPI 3.1 document from a provider's ApiSpec. Schemas come from zod 4's
 * own JSON Schema output (draft 2020-12, the dialect of OpenAPI 3.1), so the
 * document is generated from the very schemas the mock uses, never written
 * by hand. Free of Node APIs: the same document is served and importable.
 */

export type OpenApiDocument = Record<string, unknown> & {
  openapi: string
  info: { title: string; version: string; [key: string]: unknown }
  paths: Record<string, Record<string, unknown>>
  components: { schemas: Record<string, unknown>; responses: Record<string, unknown>; [key: string]: unknown }
}

const REF = '#/components/schemas/'
const RESPONSE_REF = '#/components/responses/'
type Io = 'input' | 'output'

/** Collects every zod schema the document uses, so one conversion writes them all. */
class SchemaSet {
  readonly registry = z.registry<{ id: string }>()
  readonly #io = new Map<string, Io>()
  readonly #inline = new Set<string>()
  #next = 1

  constructor(named: Record<string, z.ZodType>) {
    for (const [name, schema] of Object.entries(named)) {
      this.registry.add(schema, { id: name })
      this.#io.set(name, 'output')
    }
  }

  /** A `$ref` placeholder for the schema; inline ones are substituted after conversion. */
  use(schema: z.ZodType, io: Io): { $ref: string } {
    const known = this.registry.get(schema)?.id
    if (known) return { $ref: `${REF}${known}` }
    const id = `__inline${this.#next++}`
    this.registry.add(schema, { id })
    this.#io.set(id, io)
    this.#inline.add(id)
    return { $ref: `${REF}${id}` }
  }

  /** Converts once per direction; each schema is taken from the direction it is used in. */
  convert(): { named: Record<string, unknown>; inline: Map<string, unknown> } {
    const byIo = (io: Io) =>
      z.toJSONSchema(this.registry, {
        target: 'draft-2020-12',
        io,
        unrepresentable: 'any',
        uri: (id) => `${REF}${id}`,
      }).schemas as Record<string, Record<string, unknown>>
    const output = byIo('output')
    const input = byIo('input')
    const named: Record<string, unknown> = {}
    const inline = new Map<string, unknown>()
    for (const [id, io] of this.#io) {
      const { $schema: _s, $id: _i, ...schema } = (io === 'input' ? input : output)[id]!
      if (this.#inline.has(id)) inline.set(id, schema)
      else named[id] = schema
    }
    return { named, inline }
  }
}

/** The mock's own errors (problem.ts): a bad control header, a body over the limit. Never the provider's. */
const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('Also sent as the X-Mock-Error header.'),
  })
  .loose()
const MOCK_PROBLEM: ResponseSpec = {
  description:
    "The mock's own error (RFC 9457), never the provider's: a bad X-Mock-* header (`bad-control-header`), an X-Mock-* header the mock does not know (`unknown-control-header`), an unknown scenario (`unknown-scenario`), a body over --max-body-bytes (413, `body-too-large`). Marked by the X-Mock-Error header and the application/problem+json type; X-Mock-Error on a provider's answer is only a hint (see the responses that declare it).",
  source: 'assumption',
  headers: { 'X-Mock-Error': { description: 'The problem code.', schema: z.string(), required: true } },
  content: { 'application/problem+json': { schema: problem } },
}

export function buildOpenApi(spec: ApiSpec, options: { version: string }): OpenApiDocument {
  const schemas = new SchemaSet(spec.schemas)
  const source = (s: string) => ({ [SOURCE_EXTENSION]: s })

  const examples = (list: Record<string, ExampleSpec> | undefined) =>
    list &&
    Object.fromEntries(
      Object.entries(list).map(([name, e]) => [name, { summary: e.summary, value: e.value, ...source(e.source) }]),
    )
  const content = (media: Record<string, MediaSpec>, io: Io) =>
    Object.fromEntries(
      Object.entries(media).map(([type, m]) => [
        type,
        { schema: schemas.use(m.schema, io), ...(m.examples && { examples: examples(m.examples) }) },
      ]),
    )
  const response = (r: ResponseSpec) => ({
    description: r.description,
    ...(r.headers && {
      headers: Object.fromEntries(
        Object.entries(r.headers).map(([name, h]) => [
          name,
          { description: h.description, required: h.required ?? false, schema: schemas.use(h.schema, 'output') },
        ]),
      ),
    }),
    ...(r.content && { content: content(r.content, 'output') }),
    ...source(r.source),
  })
  const operation = (op: OperationSpec) => ({
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description && { description: op.description }),
    ...(op.tags && { tags: op.tags }),
    ...(op.parameters && {
      parameters: op.parameters.map((p) => ({
        name: p.name,
        in: p.in,
        description: p.description,
        required: p.in === 'path' ? true : (p.required ?? false),
        schema: schemas.use(p.schema, 'input'),
        ...source(p.source),
      })),
    }),
    ...(op.requestBody && {
      requestBody: {
        ...(op.requestBody.description && { description: op.requestBody.description }),
        required: op.requestBody.required ?? false,
        content: content(op.requestBody.content, 'input'),
      },
    }),
    responses: Object.fromEntries(
      Object.entries(op.responses).map(([status, r]) => [
        status,
        typeof r === 'string' ? { $ref: `${RESPONSE_REF}${r}` } : response(r),
      ]),
    ),
    ...(op.authenticated === false && { security: [] }),
    ...(op.rules && op.rules.length > 0 && { 'x-mock-rules': op.rules }),
    ...source(op.source),
  })

  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of spec.operations) {
    const item = (paths[op.path] ??= {})
    if (item[op.method]) throw new Error(`${spec.provider}: ${op.method.toUpperCase()} ${op.path} is declared twice`)
    item[op.method] = operation(op)
  }
  const shared: Record<string, ResponseSpec> = { ...spec.responses, MockProblem: MOCK_PROBLEM }
  const fallbacks = { ...spec.fallbacks, mockError: 'MockProblem' }
  const responses = Object.fromEntries(Object.entries(shared).map(([name, r]) => [name, response(r)]))
  for (const [key, name] of Object.entries(fallbacks))
    if (!shared[name]) throw new Error(`${spec.provider}: fallback ${key} names no shared response ${name}`)

  const doc: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: `${spec.title} (order-contract-mock)`,
      version: options.version,
      description: spec.description,
      'x-mock-provider': spec.provider,
    },
    ...(spec.externalDocs && { externalDocs: spec.externalDocs }),
    servers: [
      { url: `/${spec.provider}`, description: 'This mock (standalone server)' },
      ...(spec.realServer ? [spec.realServer] : []),
    ],
    ...(spec.tags && { tags: spec.tags }),
    security: spec.security.map((name) => ({ [name]: [] })),
    paths,
    components: {
      schemas: {},
      responses,
      securitySchemes: Object.fromEntries(
        Object.entries(spec.securitySchemes).map(([name, s]) => [
          name,
          { type: s.type, in: s.in, name: s.name, description: s.description, ...source(s.source) },
        ]),
      ),
    },
    'x-mock-trailing-slash': spec.trailingSlash,
    'x-mock-fallbacks': Object.fromEntries(
      Object.entries(fallbacks).map(([key, name]) => [key, { $ref: `${RESPONSE_REF}${name}` }]),
    ),
  }

  const { named, inline } = schemas.convert()
  doc.components.schemas = named
  // One-off schemas go where they are used; named ones stay referenced.
  return substitute(doc, inline) as OpenApiDocument
}

function substitute(value: unknown, inline: Map<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => substitute(v, inline))
  if (typeof value !== 'object' || value === null) return value
  const ref = (value as { $ref?: unknown }).$ref
  if (typeof ref === 'string' && ref.startsWith(REF)) {
    const found = inline.get(ref.slice(REF.length))
    if (found !== undefined) return substitute(found, inline)
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, inline)]))
}
