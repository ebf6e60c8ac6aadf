import type { Context, MiddlewareHandler } from 'hono'
import { readLimitedBody } from './core/body.js'
import { type Instant, isoNow } from './core/clock.js'
import type { MockEnv, RequestContext } from './core/context.js'
import { isProblem } from './core/control.js'
import type { MockEngine } from './core/engine.js'
import { type AppliedFault, CONNECTION_FAULT_HEADER, parseDelayHeader, parseFaultHeader } from './core/faults.js'
import {
  holdRequestBody,
  holdResponseBody,
  type JournalRecord,
  redactHeaders,
  secretHeaderSet,
} from './core/journal.js'
import { PlainHeaders } from './core/plain-headers.js'
import { MOCK_ERROR_HEADER, problemResponse } from './core/problem.js'
import type { AnyProvider } from './core/provider.js'
import { knownText, largeBodyBytes, textResponse, withHeaders } from './core/respond.js'
import type { Scenario } from './core/scenario/registry.js'
import type { Session } from './core/sessions.js'

/** Which business rules decided the answer (GET /__mock/rules explains each id). */
export const RULES_HEADER = 'X-Mock-Rules'
/** Something the client should know about the mock itself, e.g. that its session was evicted and re-seeded. */
export const WARNING_HEADER = 'X-Mock-Warning'

const EMPTY = new Uint8Array(0)

/**
 * Everything between the transport and a provider's routes, for one request:
 * control headers (scenario, session, clock), the body (read once, within the
 * limit), injected latency and faults, the rules header, and the journal.
 */
export function controlLayer(
  engine: MockEngine,
  provider: AnyProvider,
  maxBodyBytes: number,
): MiddlewareHandler<MockEnv> {
  const mountPath = `/${provider.name}`
  const secrets = secretHeaderSet(provider.secretHeaders)
  return async (c, next) => {
    const started = performance.now()
    const arrived = isoNow()
    // The headers the mock itself reads: all of them (unknown X-Mock-*, the journal), so from Node's lines when it has them.
    const raw = c.env?.mockRawHeaders
    const headers: Headers = raw ? PlainHeaders.fromRaw(raw) : c.req.raw.headers
    const control = await resolveControl(engine, headers)
    if ('response' in control) return control.response
    const { scenario, session, delayHeader, faultHeader } = control

    const body = await readRequestBody(c, maxBodyBytes)
    const href = c.req.url
    // The URL is parsed only when something needs more than a plain path (see requestPath).
    let parsed: URL | undefined
    const url = () => (parsed ??= new URL(href))
    const path = (requestPath(href) ?? url().pathname).slice(mountPath.length) || '/'
    const mock = new RequestScope(
      scenario,
      session,
      engine.now(session, control.now),
      mountPath,
      maxBodyBytes,
      provider.name,
      body.ok ? body.bytes : EMPTY,
      c.env?.mockPublicBase,
      url,
    )
    c.set('mock', mock)

    const fault: AppliedFault | undefined =
      faultHeader ??
      (scenario.faults.length === 0
        ? undefined
        : session.faults.choose(scenario.faults, {
            provider: provider.name,
            method: c.req.method,
            path,
            headers,
            get query() {
              return url().searchParams
            },
            body: mock.body,
          }))
    if (fault) mock.fault = fault
    const delayMs = (delayHeader ?? 0) + (fault?.delayMs ?? 0)
    if (delayMs > 0) await engine.delay(delayMs)

    let response = body.ok ? await answer(c, next, provider, fault) : body.response
    // Rules that derived changes are only named when the write took effect.
    if (mock.writeSeq !== undefined) for (const id of mock.derived) if (!mock.fired.includes(id)) mock.fired.push(id)
    response = decorate(response, mock.fired, mock.unmatched?.closest, fault?.connection ? undefined : fault?.headers)
    if (session.warning) {
      // Said once, on the first answer after the eviction.
      response = withHeaders(response, { [WARNING_HEADER]: session.warning })
      session.warning = undefined
    }
    c.res = undefined as never // replace, not merge: Hono's setter would copy the old answer's headers
    c.res = response

    const entry = journalEntry({ c, mock, path, href, url, headers, arrived, started, secrets, response, fault })
    session.journal.add(entry instanceof Promise ? await entry : entry)
    return response
  }
}

/**
 * One request's context. A class, not an object literal with a getter: a
 * literal's accessor is allocated anew for every request, and `publicBase`
 * is needed by few (pagination links, redirects) and may need the URL parsed.
 */
class RequestScope implements RequestContext {
  readonly fired: string[] = []
  readonly derived: string[] = []
  unmatched?: { closest: string[] }
  writeSeq?: number
  fault?: AppliedFault
  notes?: string[]
  #publicBase: string | undefined

  constructor(
    readonly scenario: Scenario,
    readonly session: Session,
    readonly now: Instant,
    readonly mountPath: string,
    readonly maxBodyBytes: number,
    readonly provider: string,
    readonly body: Uint8Array,
    publicBase: string | undefined,
    private readonly url: () => URL,
  ) {
    this.#publicBase = publicBase
  }

  get publicBase(): string {
    return (this.#publicBase ??= `${this.url().origin}${this.mountPath}`)
  }
}

/**
 * The pathname of a request URL without parsing it, when the URL parser could
 * not change it: only characters it keeps as they are, no dot segment, no
 * query or fragment. Anything else (undefined) goes through `new URL`.
 */
function requestPath(href: string): string | undefined {
  const start = href.indexOf('/', href.indexOf('//') + 2)
  if (start < 0) return undefined
  const path = href.slice(start)
  return SAFE_PATH.test(path) && !path.includes('/.') ? path : undefined
}
const SAFE_PATH = /^[A-Za-z0-9/_~!$&'()*+,;=:@.-]*$/

type Resolved =
  | { response: Response }
  | {
      scenario: Scenario
      session: Session
      now?: Instant
      delayHeader: number | undefined
      faultHeader: AppliedFault | undefined
    }

/** The control headers: scenario, session (seeded on first use), clock, delay, forced fault; a bad one is a problem answer. */
async function resolveControl(engine: MockEngine, headers: Headers): Promise<Resolved> {
  const control = engine.readControl(headers)
  if (isProblem(control)) return { response: problemResponse(control) }
  const delayHeader = parseDelayHeader(headers.get('x-mock-delay'))
  if (typeof delayHeader === 'object') return { response: problemResponse(delayHeader) }
  const scenario = engine.scenarios.get(control.scenario)!
  const session = await engine.session(control.scenario, control.session)
  const faultHeader = parseFaultHeader(headers.get('x-mock-fault'), scenario.faults, session.faults.random, (name) =>
    engine
      .scenarioNames()
      .filter((s) => s !== scenario.name && engine.scenarios.get(s)!.faults.some((f) => f.name === name)),
  )
  if (faultHeader && 'code' in faultHeader) return { response: problemResponse(faultHeader) }
  return { scenario, session, ...(control.now && { now: control.now }), delayHeader, faultHeader }
}

/** The body, read once within the limit. GET and HEAD bodies are never read (neither Django nor Laravel looks at them). */
function readRequestBody(c: Context<MockEnv>, maxBodyBytes: number) {
  const method = c.req.method
  if (method === 'GET' || method === 'HEAD') return { ok: true, bytes: EMPTY } as const
  return c.env?.mockReadBody?.(maxBodyBytes) ?? readLimitedBody(c.req.raw, maxBodyBytes)
}

/** The provider's answer, or the fault's in its place (before the handler runs, or after it changed state). */
async function answer(
  c: Context<MockEnv>,
  next: () => Promise<void>,
  provider: AnyProvider,
  fault: AppliedFault | undefined,
): Promise<Response> {
  const breaks = fault && (fault.status !== undefined || fault.connection !== undefined)
  if (breaks && fault.when === 'before') return faultResponse(provider, fault, c.req.method)
  await next()
  return breaks ? faultResponse(provider, fault, c.req.method) : c.res
}

/** The journal's record of the exchange; a promise only when a secret's fingerprint is not known yet. */
function journalEntry(r: {
  c: Context<MockEnv>
  mock: RequestContext
  path: string
  href: string
  url: () => URL
  headers: Headers
  arrived: string
  started: number
  secrets: ReadonlySet<string>
  response: Response
  fault: AppliedFault | undefined
}): JournalRecord | Promise<JournalRecord> {
  const { mock, response, fault } = r
  const text = knownText(response)
  const entry: JournalRecord = {
    time: r.arrived,
    provider: mock.provider,
    method: r.c.req.method,
    path: r.path,
    query: r.href.includes('?') ? queryObject(r.url()) : {},
    headers: {},
    body: holdRequestBody(mock.body),
    status: response.status,
    responseHeaders: {},
    responseBody: null,
    durationMs: 0,
    rules: mock.fired,
    ...(fault && {
      fault: {
        name: fault.name,
        kind: fault.connection ? 'connection' : fault.status ? 'status' : 'delay',
        when: fault.when,
      },
    }),
    unmatched: mock.unmatched !== undefined,
    ...(mock.unmatched && { closestRoutes: mock.unmatched.closest }),
    ...(mock.writeSeq !== undefined && { writeSeq: mock.writeSeq }),
    ...(mock.notes && { notes: mock.notes }),
  }
  const headers = redactHeaders(r.headers, r.secrets)
  const responseHeaders = redactHeaders(response.headers, r.secrets)
  const noBody = response.headers.has(CONNECTION_FAULT_HEADER)
  const finish = (h: Record<string, string>, rh: Record<string, string>, body: string | null): JournalRecord => {
    entry.headers = h
    entry.responseHeaders = rh
    entry.responseBody = noBody ? null : holdResponseBody(body, largeBodyBytes(response))
    entry.durationMs = Math.round((performance.now() - r.started) * 100) / 100
    return entry
  }
  if (!(headers instanceof Promise) && !(responseHeaders instanceof Promise) && (noBody || text !== undefined))
    return finish(headers, responseHeaders, text ?? null)
  return (async () =>
    finish(await headers, await responseHeaders, noBody ? null : (text ?? (await response.clone().text()))))()
}

/** The provider's own error for a status fault (or the scenario's body); a marked empty answer for a connection fault. */
function faultResponse(provider: AnyProvider, fault: AppliedFault, method: string): Response {
  if (fault.connection)
    return textResponse(null, { status: 502, headers: { [CONNECTION_FAULT_HEADER]: fault.connection } })
  const { code, body } = fault.status!
  if (body === undefined) {
    const retryAfter = Object.entries(fault.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1]
    const seconds = retryAfter !== undefined && /^\d{1,9}$/.test(retryAfter) ? Number(retryAfter) : undefined
    return provider.errorResponse(code, method, seconds)
  }
  return typeof body === 'string'
    ? textResponse(body, { status: code, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
    : textResponse(JSON.stringify(body), { status: code, headers: { 'Content-Type': 'application/json' } })
}

/** Adds the mock's own diagnostics (never in the provider's body): the rules that fired, or the routes closest to an unmatched path. */
function decorate(
  response: Response,
  fired: readonly string[],
  closest?: readonly string[],
  faultHeaders?: Record<string, string>,
): Response {
  if (fired.length === 0 && !closest && !faultHeaders) return response
  return withHeaders(response, {
    ...faultHeaders,
    ...(fired.length > 0 && { [RULES_HEADER]: fired.join(', ') }),
    ...(closest && { [MOCK_ERROR_HEADER]: `no-route; closest: ${closest.join(', ')}` }),
  })
}

function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [k, v] of url.searchParams) {
    const prev = Object.hasOwn(out, k) ? out[k] : undefined
    Object.defineProperty(out, k, {
      value: prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v],
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return out
}

export type { Context }
