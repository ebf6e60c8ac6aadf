import { RE2JS } from 're2js'
import { parseInstant } from './clock.js'
import type { Problem } from './problem.js'
import { LARGE_BODY } from './respond.js'

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
/** Each body (request and response) is kept up to this many UTF-8 bytes; longer ones are cut (and say so): an entry holds at most 128 KiB of bodies. */
export const MAX_BODY_BYTES = 64 * 1024
/** Default cap on the bytes all sessions' journals hold together (oldest entries dropped first). */
export const DEFAULT_MAX_JOURNAL_BYTES = 256 * 1024 * 1024

/**
 * The request headers as the journal keeps them: a secret's value is never
 * kept, but its scheme and a short fingerprint are (`Token [redacted; 40
 * chars; sha256:9f86d081]`), so a 401 can be debugged — "was it the token I
 * meant?" — by comparing fingerprints, without the journal holding a secret.
 */
export function redactHeaders(
  headers: Pick<Headers, 'forEach'>,
  secrets: ReadonlySet<string>,
): Record<string, string> | Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  let pending: Promise<void>[] | undefined
  // forEach, not for…of: the same sorted list without a generator step per header.
  headers.forEach((v, k) => {
    if (!secrets.has(k)) put(out, k, v)
    else {
      // Known fingerprints are written at once: only a secret not seen before waits for its digest.
      const known = redactedIfKnown(v)
      put(out, k, known ?? '')
      if (known === undefined) (pending ??= []).push(redacted(v).then((r) => put(out, k, r)))
    }
  })
  return pending ? Promise.all(pending).then(() => out) : out
}

/** A header named `__proto__` is a field like any other, never the prototype setter. */
function put(out: Record<string, string>, k: string, v: string): void {
  if (k === '__proto__')
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
  else out[k] = v
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

const SCHEME = /^([A-Za-z][A-Za-z0-9_-]{0,19})[ \t]+(\S[\s\S]*)$/

function split(value: string): [scheme: string, secret: string] {
  const m = SCHEME.exec(value)
  return m ? [`${m[1]} `, m[2]!] : ['', value]
}

/** `Scheme [redacted; N chars; sha256:xxxxxxxx]`, or without the scheme for a bare secret. */
export async function redacted(value: string): Promise<string> {
  const [scheme, secret] = split(value)
  return `${scheme}[redacted; ${secret.length} chars; sha256:${await fingerprint(secret)}]`
}

/** The same text, when the secret's fingerprint is already known. */
function redactedIfKnown(value: string): string | undefined {
  const [scheme, secret] = split(value)
  const known = fingerprints.get(secret)
  return known === undefined ? undefined : `${scheme}[redacted; ${secret.length} chars; sha256:${known}]`
}

const utf8 = new TextDecoder()
const encoder = new TextEncoder()

/** A request body as the journal keeps it: at most MAX_BODY_BYTES decoded, never a view into the whole body. */
export function clipBytes(bytes: Uint8Array): string {
  if (bytes.length <= MAX_BODY_BYTES) return utf8.decode(bytes)
  // A fresh string from the first bytes only (a slice of the whole decoded text would keep all of it alive).
  const head = utf8.decode(bytes.subarray(0, MAX_BODY_BYTES)).replace(/\uFFFD$/, '')
  return `${head}…[${bytes.length - MAX_BODY_BYTES} more bytes]`
}

/** A response text as the journal keeps it: at most MAX_BODY_BYTES of UTF-8, without encoding the whole text. */
export function clip(text: string | null): string | null {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: short enough texts need no look.
  if (text === null || text.length * 3 <= MAX_BODY_BYTES) return text
  // encodeInto writes whole characters only, as many as fit, into a reused buffer (no fresh array for
  // every long answer; one held as bytes never comes here, see holdResponseBody).
  const { read, written } = encoder.encodeInto(text, clipBuffer)
  if (read === text.length) return text
  const kept = utf8.decode(clipBuffer.subarray(0, written))
  return `${kept}…[${text.length - kept.length} more characters]`
}
const clipBuffer = new Uint8Array(MAX_BODY_BYTES)

/**
 * A body as an entry holds it until someone reads the entry: its text, or —
 * a large body that fits whole — its UTF-8 bytes: the very bytes the request
 * arrived as, or the answer was sent as. Bytes live outside the JS heap: the
 * garbage collector had copied a bulk's 60 KB of body text from one
 * generation to the next on every request, for a journal that is mostly
 * never read. Reading an entry turns its bytes into text once (the same
 * text: the request's bytes decode as they did, and an answer's lone
 * surrogate went out as U+FFFD either way).
 */
export type HeldBody = string | Uint8Array | null

/** An entry as the control layer records it: its bodies held (HeldBody). */
export type JournalRecord = Omit<JournalEntry, 'id' | 'body' | 'responseBody'> & {
  body: HeldBody
  responseBody: HeldBody
}

/** A request body to hold: a large one that fits as its own bytes, any other as clipBytes' text; none as null. */
export function holdRequestBody(bytes: Uint8Array): HeldBody {
  if (bytes.length === 0) return null
  // From the size an answer is held as bytes (LARGE_BODY); shorter ones cost more to hold so than as text.
  if (bytes.length < LARGE_BODY || bytes.length > MAX_BODY_BYTES) return clipBytes(bytes)
  // A view into a larger buffer (a socket's read) would keep all of it alive: then a copy of its own.
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
}

/** An answer's body to hold: the bytes it was sent as, when given and they fit; else clip's text. */
export function holdResponseBody(text: string | null, sent?: Uint8Array): HeldBody {
  return sent !== undefined && sent.length <= MAX_BODY_BYTES ? sent : clip(text)
}

const bodyText = (body: HeldBody): string | null => (body instanceof Uint8Array ? utf8.decode(body) : body)

/** What an entry costs in memory, roughly: its strings (two bytes a character at worst) and a fixed overhead. */
function entrySize(e: JournalRecord): number {
  let n = 512 + 2 * (e.path.length + (e.body?.length ?? 0) + (e.responseBody?.length ?? 0))
  for (const k in e.headers) n += 2 * (k.length + (e.headers[k]?.length ?? 0)) + 32
  return n
}

interface Kept {
  /** The entry, its bodies as held until the first read makes it a JournalEntry (`read`). */
  held: JournalRecord & { id: number }
  bytes: number
  journal: Journal
  dropped: boolean
}

/** The entry as readers see it, made once: held bytes become text, and the bytes are let go. */
function read(kept: Kept): JournalEntry {
  const held = kept.held
  if (held.body instanceof Uint8Array || held.responseBody instanceof Uint8Array)
    kept.held = { ...held, body: bodyText(held.body), responseBody: bodyText(held.responseBody) }
  return kept.held as JournalEntry
}

/**
 * The bytes all journals hold together, and their entries oldest first: past
 * `max`, the oldest entry of any session is dropped. One per engine.
 */
export class JournalBudget {
  #queue: Kept[] = []
  #head = 0
  #live = 0
  bytes = 0

  constructor(readonly max: number) {
    if (!Number.isSafeInteger(max) || max < 1) throw new Error(`maxJournalBytes must be a positive integer, got ${max}`)
  }

  /** Internal: a journal kept an entry. */
  add(kept: Kept): void {
    this.#queue.push(kept)
    this.#live++
    this.bytes += kept.bytes
    while (this.bytes > this.max && this.#head < this.#queue.length) {
      const oldest = this.#queue[this.#head++]!
      if (!oldest.dropped) oldest.journal.dropOldest()
    }
    this.#compact()
  }

  /** Internal: a journal dropped an entry (ring buffer, clear, budget). */
  release(kept: Kept): void {
    if (kept.dropped) return
    kept.dropped = true
    this.#live--
    this.bytes -= kept.bytes
    this.#compact()
  }

  /** Entries the queue still holds, dropped ones included (at most about twice the live ones). */
  get held(): number {
    return this.#queue.length - this.#head
  }

  /**
   * Compacts once the queue holds more dropped entries than live ones
   * (bounded, amortised O(1)). Dropped entries sit anywhere in the queue — an
   * evicted session's, a ring buffer's oldest — not only at its head: counting
   * only the head kept every entry of every evicted session alive.
   */
  #compact(): void {
    const held = this.#queue.length - this.#head
    if (held > 1024 && held > 2 * this.#live) {
      this.#queue = this.#queue.slice(this.#head).filter((k) => !k.dropped)
      this.#head = 0
    }
  }
}

export class Journal {
  readonly #entries: Kept[] = []
  #next = 1
  #bytes = 0
  readonly #budget: JournalBudget

  constructor(
    readonly max: number,
    budget?: JournalBudget,
  ) {
    this.#budget = budget ?? new JournalBudget(DEFAULT_MAX_JOURNAL_BYTES)
  }

  add(entry: JournalRecord): void {
    const kept: Kept = { held: { id: this.#next++, ...entry }, bytes: entrySize(entry), journal: this, dropped: false }
    this.#entries.push(kept)
    this.#bytes += kept.bytes
    while (this.#entries.length > this.max) this.dropOldest()
    this.#budget.add(kept)
  }

  /** Drops the oldest entry (the ring buffer, or the budget across sessions). */
  dropOldest(): void {
    const kept = this.#entries.shift()
    if (!kept) return
    this.#bytes -= kept.bytes
    this.#budget.release(kept)
  }

  /** Matching entries, oldest first; `limit` keeps the newest. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const found: Kept[] = []
    for (const k of this.#entries) if (matches(k.held, filter)) found.push(k)
    // Only the entries returned are read (their held bytes made text).
    return (filter.limit !== undefined ? found.slice(Math.max(0, found.length - filter.limit)) : found).map(read)
  }

  count(filter: JournalFilter = {}): number {
    let n = 0
    for (const k of this.#entries) if (matches(k.held, filter)) n++
    return n
  }

  clear(): number {
    const n = this.#entries.length
    for (const kept of this.#entries) this.#budget.release(kept)
    this.#entries.length = 0
    this.#bytes = 0
    return n
  }

  /** Requests ever recorded, including those the ring buffer or a clear dropped. */
  get total(): number {
    return this.#next - 1
  }

  get size(): number {
    return this.#entries.length
  }

  /** The bytes this journal holds, roughly (see entrySize). */
  get bytes(): number {
    return this.#bytes
  }
}

export interface JournalFilter {
  method?: string
  /** A glob (`*` any characters) or a regular expression written `/…/`, matched in linear time (RE2). */
  path?: PathMatcher
  /** An exact status, or a class (`4xx`). */
  status?: { exact: number } | { class: number }
  provider?: string
  since?: number
  unmatched?: boolean
  limit?: number
}

function matches(e: JournalRecord, f: JournalFilter): boolean {
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

export interface PathMatcher {
  test(path: string): boolean
}

/** Longest path pattern accepted (a filter, not a program). */
const MAX_PATTERN_LENGTH = 1000

/**
 * A path filter: a glob, or `/regex/` in RE2 syntax. Both run on RE2JS, whose
 * automaton matches in time linear in the path: a user's pattern can never
 * backtrack catastrophically on the server's thread (docs/decisions/0006).
 */
export function globToRegExp(glob: string): PathMatcher {
  if (glob.length > MAX_PATTERN_LENGTH) throw new Error(`longer than ${MAX_PATTERN_LENGTH} characters`)
  const source =
    glob.length > 2 && glob.startsWith('/') && glob.endsWith('/') && !glob.endsWith('\\/')
      ? glob.slice(1, -1)
      : `^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`
  const re = RE2JS.compile(source)
  return { test: (path) => re.matcher(path).find() }
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
    } catch (error) {
      return bad(
        `path "${str('path')!.slice(0, 100)}" is not a valid pattern: ${(error as Error).message.slice(0, 200)}.`,
      )
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
