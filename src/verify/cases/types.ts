/**
 * A contract case: one request the mock and the real provider must answer
 * alike. Cases are data, written once: the drift check (`verify`) sends them
 * to both sides, and the contract suite runs the same list against the mock.
 */

export type ProviderName = 'omnitron' | 'hamgam' | 'aymakan'

/**
 * `safe`: reads, authentication errors and writes the provider must reject
 * before it changes anything (fine against production credentials).
 * `writes`: requests that change records (a sandbox only, `--allow-writes`).
 */
export type CaseTag = 'safe' | 'writes'

export interface CaseRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Relative to the provider's base URL; `{name}` placeholders are records or credentials. */
  path: string
  /** `{credential}` is the token or api key of the side the request goes to. */
  headers?: Record<string, string>
  /** Sent as JSON. A string that is exactly `{name}` becomes the record's value, with its type. */
  body?: unknown
}

export interface ContractCase {
  id: string
  title: string
  tag: CaseTag
  /** The records the request names (placeholders), by the provider's record names. */
  records: readonly string[]
  /**
   * A read of one record set: with a snapshot scenario it runs once per
   * record set, and compares values, not only shapes.
   */
  perRecord?: boolean
  request: CaseRequest
  /** What the mock answers with the default scenario's records (checked by the contract suite). */
  expect: {
    status: number
    /** A subset of the body the mock answers (toMatchObject). */
    body?: unknown
  }
}

/** A record a case can name: a placeholder, its type, the default scenario's value, where a scenario keeps it. */
export interface RecordSpec {
  type: 'int' | 'string'
  /** The record of the default scenario the cases were written against. */
  default: number | string
  description: string
  /** The collection of the provider's scenario section and the key holding the record's id. */
  collection: string
  key: string
}

/** A set of record values, one per record name. */
export type RecordSet = Record<string, number | string>

export interface ProviderCases {
  provider: ProviderName
  /** The option that carries the real provider's credential. */
  credential: 'token' | 'api-key'
  records: Readonly<Record<string, RecordSpec>>
  /** The mock's own credential from a (merged) scenario section. */
  mockCredential(section: unknown): string | undefined
  /**
   * Record sets from a scenario file's own records (a snapshot), one per
   * order; names the file does not hold keep the defaults. Empty when the
   * file lists no orders of this provider.
   */
  recordSets(ownSection: unknown): RecordSet[]
  cases: readonly ContractCase[]
}

/** The record set the cases were written against: every record's default. */
export function defaultRecords(p: ProviderCases): RecordSet {
  return Object.fromEntries(Object.entries(p.records).map(([name, spec]) => [name, spec.default]))
}

const PLACEHOLDER = /\{([a-z_]+)\}/g

/** Placeholders of a request: `{name}` in the path, header values and body strings. */
export function placeholders(request: CaseRequest): Set<string> {
  const found = new Set<string>()
  const scan = (s: string) => {
    for (const m of s.matchAll(PLACEHOLDER)) found.add(m[1]!)
  }
  scan(request.path)
  for (const v of Object.values(request.headers ?? {})) scan(v)
  const walk = (v: unknown): void => {
    if (typeof v === 'string') scan(v)
    else if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') Object.values(v).forEach(walk)
  }
  walk(request.body)
  return found
}

/** The request with every placeholder replaced; throws naming a placeholder without a value. */
export function resolveRequest(request: CaseRequest, values: RecordSet): CaseRequest {
  const text = (s: string) =>
    s.replace(PLACEHOLDER, (_, name: string) => {
      const v = values[name]
      if (v === undefined) throw new Error(`no value for the placeholder {${name}}`)
      return encodeURIComponent(String(v))
    })
  const header = (s: string) =>
    s.replace(PLACEHOLDER, (_, name: string) => {
      const v = values[name]
      if (v === undefined) throw new Error(`no value for the placeholder {${name}}`)
      return String(v)
    })
  const body = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const whole = /^\{([a-z_]+)\}$/.exec(v)
      if (whole && values[whole[1]!] !== undefined) return values[whole[1]!]
      return header(v)
    }
    if (Array.isArray(v)) return v.map(body)
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, body(x)]))
    return v
  }
  return {
    method: request.method,
    path: text(request.path),
    ...(request.headers && {
      headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, header(v)])),
    }),
    ...(request.body !== undefined && { body: body(request.body) }),
  }
}
