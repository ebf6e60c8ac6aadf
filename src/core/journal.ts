import { parseInstant } from './clock.js'
import type { Problem } from './problem.js'

/**
 * The request journal of one session: a ring buffer of what came in and what
 * went out, so a failing test can see what its client really sent (WireMock's
 * request journal, per session).
 */
export interface JournalEntry {
  /** Increasing within the session. */
  id: number
  /** When the request arrived (real time, ISO 8601). */
  time: string
  provider: string
  method: string
  /** Path relative to the provider's base URL. */
  path: string
  query: Record<string, string | string[]>
  headers: Record<string, string>
  body: string | null
  status: number
  /** The answer's headers (credentials redacted), the mock's own X-Mock-* included. */
  responseHeaders: Record<string, string>
  responseBody: string | null
  durationMs: number
  /** Business rules that fired (GET /__mock/rules explains each id). */
  rules: string[]
  /** The fault applied, if any: its name, kind and whether the handler had run. */
  fault?: { name: string; kind: 'delay' | 'status' | 'connection'; when: 'before' | 'after' }
  /** True when no route of the provider matched the path. */
  unmatched: boolean
  /** For an unmatched request: the known routes nearest to its path. */
  closestRoutes?: string[]
  /** For a request that changed state: its place in the session's order of writes (1, 2, …). */
  writeSeq?: number
  /** The mock's hints, e.g. a missing trailing slash that Django redirected. */
  notes?: string[]
}

/** Headers no journal keeps whatever the provider: the mock's own admin token and cookies. Providers add their secrets. */
const ALWAYS_REDACTED = ['x-mock-admin-token', 'cookie', 'authorization']

/** The set of header names whose values a provider's journal never keeps (lower case). */
export function secretHeaderSet(providerSecrets: readonly string[]): ReadonlySet<string> {
  return new Set([...ALWAYS_REDACTED, ...providerSecrets.map((h) => h.toLowerCase())])
}
/** Bodies are kept up to this many characters; longer ones are cut (and say so). */
const MAX_BODY_CHARS = 64 * 1024

/**
 * The request headers as the journal keeps them: a secret's value is never
 * kept, but its scheme and a short fingerprint are (`Token [redacted; 40
 * chars; sha256:9f86d081]`), so a 401 can be debugged — "was it the token I
 * meant?" — by comparing fingerprints, without the journal holding a secret.
 */
export async function redactHeaders(headers: Headers, secrets: ReadonlySet<string>): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const [k, v] of headers) out[k] = secrets.has(k) ? await redacted(v) : v
  return out
}

const fingerprints = new Map<string, string>()

async function fingerprint(secret: string): Promise<string> {
  let known = fingerprints.get(secret)
  if (known === undefined) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret)))
    known = [...digest.slice(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('')
    // Bounded: a client sending a new secret per request cannot grow it.
    if (fingerprints.size >= 1000) fingerprints.clear()
    fingerprints.set(secret, known)
  }
  return known
}

/** `Scheme [redacted; N chars; sha256:xxxxxxxx]`, or without the scheme for a bare secret. */
export async function redacted(value: string): Promise<string> {
  const m = /^([A-Za-z][A-Za-z0-9_-]{0,19})[ \t]+(\S[\s\S]*)$/.exec(value)
  const [scheme, secret] = m ? [`${m[1]} `, m[2]!] : ['', value]
  return `${scheme}[redacted; ${secret.length} chars; sha256:${await fingerprint(secret)}]`
}

export function clip(text: string | null): string | null {
  return text !== null && text.length > MAX_BODY_CHARS
    ? `${text.slice(0, MAX_BODY_CHARS)}…[${text.length - MAX_BODY_CHARS} more characters]`
    : text
}

export class Journal {
  readonly #entries: JournalEntry[] = []
  #next = 1

  constructor(readonly max: number) {}

  add(entry: Omit<JournalEntry, 'id'>): JournalEntry {
    const full = { id: this.#next++, ...entry }
    this.#entries.push(full)
    if (this.#entries.length > this.max) this.#entries.splice(0, this.#entries.length - this.max)
    return full
  }

  /** Matching entries, oldest first; `limit` keeps the newest. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const found = this.#entries.filter((e) => matches(e, filter))
    return filter.limit !== undefined ? found.slice(Math.max(0, found.length - filter.limit)) : found
  }

  count(filter: JournalFilter = {}): number {
    return this.#entries.filter((e) => matches(e, filter)).length
  }

  clear(): number {
    const n = this.#entries.length
    this.#entries.length = 0
    return n
  }

  /** Requests ever recorded, including those the ring buffer or a clear dropped. */
  get total(): number {
    return this.#next - 1
  }

  get size(): number {
    return this.#entries.length
  }
}

export interface JournalFilter {
  method?: string
  /** A glob (`*` any characters) or a regular expression written `/…/`. */
  path?: RegExp
  /** An exact status, or a class (`4xx`). */
  status?: { exact: number } | { class: number }
  provider?: string
  since?: number
  unmatched?: boolean
  limit?: number
}

function matches(e: JournalEntry, f: JournalFilter): boolean {
  if (f.method !== undefined && e.method !== f.method) return false
  if (f.provider !== undefined && e.provider !== f.provider) return false
  if (f.path !== undefined && !f.path.test(e.path)) return false
  if (
    f.status !== undefined &&
    ('exact' in f.status ? e.status !== f.status.exact : Math.floor(e.status / 100) !== f.status.class)
  )
    return false
  if (f.since !== undefined && Date.parse(e.time) < f.since) return false
  if (f.unmatched !== undefined && e.unmatched !== f.unmatched) return false
  return true
}

export function globToRegExp(glob: string): RegExp {
  if (glob.length > 2 && glob.startsWith('/') && glob.endsWith('/') && !glob.endsWith('\\/'))
    return new RegExp(glob.slice(1, -1))
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
}

const bad = (detail: string): Problem => ({
  code: 'bad-journal-filter',
  status: 400,
  title: 'Bad journal filter',
  detail,
})

/** Reads filters from query parameters or a JSON body (same names): method, path, status, provider, since, unmatched, limit. */
export function parseJournalFilter(raw: Record<string, unknown>): JournalFilter | Problem {
  const f: JournalFilter = {}
  const known = new Set(['method', 'path', 'status', 'provider', 'since', 'unmatched', 'limit'])
  for (const key of Object.keys(raw))
    if (!known.has(key)) return bad(`Unknown filter "${key}". Filters: ${[...known].join(', ')}.`)
  const str = (k: string) => (raw[k] === undefined || raw[k] === null ? undefined : String(raw[k]))
  if (str('method')) f.method = str('method')!.toUpperCase()
  if (str('provider')) f.provider = str('provider')
  if (str('path')) {
    try {
      f.path = globToRegExp(str('path')!)
    } catch {
      return bad(`path "${str('path')}" is not a valid pattern.`)
    }
  }
  const status = str('status')
  if (status) {
    if (/^[1-5]\d\d$/.test(status)) f.status = { exact: Number(status) }
    else if (/^[1-5]xx$/i.test(status)) f.status = { class: Number(status[0]) }
    else return bad(`status "${status}" must be a status code (404) or a class (4xx).`)
  }
  const since = str('since')
  if (since) {
    const t = parseInstant(since)
    if (!t) return bad(`since "${since}" is not an ISO 8601 instant with an offset.`)
    f.since = t.seconds * 1000 + Math.floor(t.micros / 1000)
  }
  const unmatched = str('unmatched')
  if (unmatched !== undefined) {
    if (unmatched !== 'true' && unmatched !== 'false') return bad('unmatched must be true or false.')
    f.unmatched = unmatched === 'true'
  }
  const limit = str('limit')
  if (limit !== undefined) {
    if (!/^\d+$/.test(limit) || Number(limit) < 1) return bad('limit must be a positive whole number.')
    f.limit = Number(limit)
  }
  return f
}
