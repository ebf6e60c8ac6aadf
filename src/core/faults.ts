import { z } from 'zod'
import { globToRegExp, type PathMatcher } from './journal.js'
import type { Problem } from './problem.js'

/**
 * Fault injection: latency, an error status in the provider's own format, or
 * a broken connection (WireMock's names), chosen per request by a scenario's
 * fault list or by the X-Mock-Delay / X-Mock-Fault headers.
 */

export const CONNECTION_FAULTS = [
  'CONNECTION_RESET_BY_PEER',
  'EMPTY_RESPONSE',
  'MALFORMED_RESPONSE_CHUNK',
  'RANDOM_DATA_THEN_CLOSE',
] as const
export type ConnectionFault = (typeof CONNECTION_FAULTS)[number]

/** Responses carrying this header tell the transport to break the connection instead (server: the socket; MSW: a network error). */
export const CONNECTION_FAULT_HEADER = 'x-mock-connection-fault'

/** The longest delay a request or fault may ask for. */
export const MAX_DELAY_MS = 60_000

const delaySchema = z.union([
  z.number().int().min(0).max(MAX_DELAY_MS).describe('Fixed milliseconds.'),
  z.object({ uniform: z.object({ min: z.number().min(0), max: z.number().max(MAX_DELAY_MS) }).strict() }).strict(),
  z
    .object({
      lognormal: z
        .object({ median: z.number().positive().max(MAX_DELAY_MS), sigma: z.number().min(0).max(3) })
        .strict(),
    })
    .strict(),
])

export const faultSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/)
      .describe('Also selectable per request with X-Mock-Fault: <name>.'),
    match: z
      .object({
        provider: z.string().optional(),
        method: z.string().optional(),
        path: z
          .string()
          .refine(compiles, { message: 'not a glob (`*`) or a /regex/ in RE2 syntax' })
          .optional()
          .describe('A glob (`*`) or /regex/ over the path relative to the provider.'),
        headers: z
          .record(z.string(), z.string())
          .optional()
          .describe('Request headers that must be present with these exact values (names case-insensitive).'),
        query: z
          .record(z.string(), z.string())
          .optional()
          .describe('Query parameters that must be present with these exact values.'),
        body: z
          .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
          .optional()
          .describe('Top-level fields of a JSON object body that must have these exact values.'),
        nth: z.number().int().min(1).optional().describe('Only the nth matching request of a session (1 = the first).'),
        probability: z
          .number()
          .min(0)
          .max(1)
          .optional()
          .describe('Chance per matching request, from a seeded generator: the same sequence every run.'),
      })
      .strict()
      .default({}),
    delay: delaySchema.optional(),
    status: z
      .object({
        code: z.number().int().min(400).max(599),
        body: z.unknown().optional().describe("Replaces the provider's own error body for this status."),
      })
      .strict()
      .optional(),
    connection: z.enum(CONNECTION_FAULTS).optional(),
    headers: z
      .record(z.string(), z.string())
      .optional()
      .describe('Response headers the fault adds or replaces (e.g. Retry-After for a 429).'),
    manual: z
      .boolean()
      .default(false)
      .describe('Only when a request names it in X-Mock-Fault; never matched on its own.'),
    when: z
      .enum(['before', 'after'])
      .default('before')
      .describe(
        'before: the request never reaches the provider (nothing changes); after: it is handled (writes commit), then the answer is replaced.',
      ),
  })
  .strict()
  .refine((f) => f.status === undefined || f.connection === undefined, {
    message: 'a fault has a status or a connection effect, not both',
  })
  .refine((f) => f.delay !== undefined || f.status !== undefined || f.connection !== undefined, {
    message: 'a fault needs a delay, a status or a connection effect',
  })

export type FaultSpec = z.output<typeof faultSchema>

/** One fault chosen for one request. */
export interface AppliedFault {
  name: string
  delayMs: number
  status?: { code: number; body?: unknown }
  connection?: ConnectionFault
  /** Response headers the fault sets. */
  headers?: Record<string, string>
  when: 'before' | 'after'
}

/** What a fault's `match` looks at. */
export interface FaultRequest {
  provider: string
  method: string
  path: string
  headers: Headers
  query: URLSearchParams
  /** The raw body (matched as JSON only when a fault asks for body fields). */
  body: Uint8Array
}

/** mulberry32: a small seeded generator, so "probability" faults repeat run after run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function sampleDelay(spec: FaultSpec['delay'], random: () => number): number {
  if (spec === undefined) return 0
  if (typeof spec === 'number') return spec
  if ('uniform' in spec)
    return Math.round(spec.uniform.min + random() * Math.max(0, spec.uniform.max - spec.uniform.min))
  // Box–Muller from two uniforms; median·e^(σ·z).
  const z0 = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  return Math.min(MAX_DELAY_MS, Math.round(spec.lognormal.median * Math.exp(spec.lognormal.sigma * z0)))
}

/** Per-session fault bookkeeping: matching counts (for nth) and the seeded generator. */
export class FaultState {
  readonly #counts = new Map<string, number>()
  readonly random: () => number

  constructor(seed: number) {
    this.random = seededRandom(seed)
  }

  /** The first scenario fault that matches this request (counting it for nth), if any. */
  choose(faults: readonly FaultSpec[], req: FaultRequest): AppliedFault | undefined {
    let json: unknown
    const body = () => (json ??= parseJsonObject(req.body))
    for (const f of faults) {
      if (f.manual) continue
      const m = f.match
      if (m.provider !== undefined && m.provider !== req.provider) continue
      if (m.method !== undefined && m.method.toUpperCase() !== req.method) continue
      if (m.path !== undefined && !pathMatcher(f).test(req.path)) continue
      if (m.headers && !Object.entries(m.headers).every(([k, v]) => req.headers.get(k) === v)) continue
      if (m.query && !Object.entries(m.query).every(([k, v]) => req.query.getAll(k).includes(v))) continue
      if (m.body && !matchesBody(body(), m.body)) continue
      const n = (this.#counts.get(f.name) ?? 0) + 1
      this.#counts.set(f.name, n)
      if (m.nth !== undefined && n !== m.nth) continue
      if (m.probability !== undefined && this.random() >= m.probability) continue
      return toApplied(f, this.random)
    }
    return undefined
  }
}

function toApplied(f: FaultSpec, random: () => number): AppliedFault {
  return {
    name: f.name,
    delayMs: sampleDelay(f.delay, random),
    ...(f.status && { status: f.status }),
    ...(f.connection && { connection: f.connection }),
    ...(f.headers && { headers: f.headers }),
    when: f.when,
  }
}

/** A fault's path pattern, compiled once per fault (not per request: RE2JS compiles are not free). */
const matchers = new WeakMap<FaultSpec, PathMatcher>()
function pathMatcher(f: FaultSpec): PathMatcher {
  let matcher = matchers.get(f)
  if (!matcher) matchers.set(f, (matcher = globToRegExp(f.match.path!)))
  return matcher
}

/** Whether a pattern compiles, so a bad one is a scenario error at load, never a failure at request time. */
function compiles(pattern: string): boolean {
  try {
    globToRegExp(pattern)
    return true
  } catch {
    return false
  }
}

const NOT_AN_OBJECT = Symbol('not a JSON object')

function parseJsonObject(bytes: Uint8Array): unknown {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes))
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : NOT_AN_OBJECT
  } catch {
    return NOT_AN_OBJECT
  }
}

function matchesBody(body: unknown, fields: Record<string, string | number | boolean | null>): boolean {
  if (body === NOT_AN_OBJECT) return false
  const record = body as Record<string, unknown>
  return Object.entries(fields).every(([k, v]) => Object.hasOwn(record, k) && record[k] === v)
}

const badHeader = (header: string, detail: string): Problem => ({
  code: 'bad-control-header',
  status: 400,
  title: 'Bad control header',
  detail,
  header,
})

/** X-Mock-Delay: whole milliseconds, 0 to 60000. */
export function parseDelayHeader(value: string | null): number | Problem | undefined {
  if (value === null) return undefined
  if (!/^\s*\d{1,5}\s*$/.test(value) || Number(value) > MAX_DELAY_MS) {
    return badHeader('X-Mock-Delay', `X-Mock-Delay "${value}" must be whole milliseconds from 0 to ${MAX_DELAY_MS}.`)
  }
  return Number(value)
}

/** X-Mock-Fault: a connection fault name, an error status (400–599), or the name of one of the scenario's faults. */
export function parseFaultHeader(
  value: string | null,
  faults: readonly FaultSpec[],
  random: () => number,
  /** The other scenarios that define a fault of this name (for the message). */
  elsewhere: (name: string) => string[] = () => [],
): AppliedFault | Problem | undefined {
  if (value === null) return undefined
  const v = value.trim()
  if ((CONNECTION_FAULTS as readonly string[]).includes(v))
    return { name: v, delayMs: 0, connection: v as ConnectionFault, when: 'before' }
  if (/^[45]\d\d$/.test(v)) return { name: v, delayMs: 0, status: { code: Number(v) }, when: 'before' }
  const named = faults.find((f) => f.name === v)
  if (named) return toApplied(named, random)
  const others = elsewhere(v)
  if (others.length > 0) {
    return badHeader(
      'X-Mock-Fault',
      `X-Mock-Fault "${v}" is a fault of scenario ${others.map((s) => `"${s}"`).join(', ')}, not of this request's scenario: send X-Mock-Scenario: ${others[0]} to use it${faults.length ? `, or one of this scenario's faults: ${faults.map((f) => f.name).join(', ')}` : ''}.`,
    )
  }
  return badHeader(
    'X-Mock-Fault',
    `X-Mock-Fault "${value}" is not a fault. Use ${CONNECTION_FAULTS.join(', ')}, a status from 400 to 599${faults.length ? `, or a scenario fault: ${faults.map((f) => f.name).join(', ')}` : ''}.`,
  )
}
