import type { Context, MiddlewareHandler } from 'hono'
import { readLimitedBody } from './core/body.js'
import type { MockEnv, RequestContext } from './core/context.js'
import { isProblem, readControl } from './core/control.js'
import { DEFAULT_SESSION, type MockEngine } from './core/engine.js'
import { type AppliedFault, CONNECTION_FAULT_HEADER, parseDelayHeader, parseFaultHeader } from './core/faults.js'
import { clip, redactHeaders } from './core/journal.js'
import { MOCK_ERROR_HEADER, problemResponse } from './core/problem.js'
import type { AnyProvider } from './core/provider.js'
import { knownText, textResponse, withHeaders } from './core/respond.js'

/** Which business rules decided the answer (GET /__mock/rules explains each id). */
export const RULES_HEADER = 'X-Mock-Rules'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const utf8 = new TextDecoder()
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
  return async (c, next) => {
    const started = performance.now()
    const arrived = new Date().toISOString()
    const headers = c.req.raw.headers
    const control = readControl(
      headers,
      { scenario: engine.defaultScenario, session: DEFAULT_SESSION },
      engine.scenarios,
    )
    if (isProblem(control)) return problemResponse(control)
    const delayHeader = parseDelayHeader(headers.get('x-mock-delay'))
    if (typeof delayHeader === 'object') return problemResponse(delayHeader)
    const scenario = engine.scenarios.get(control.scenario)!
    const session = await engine.session(control.scenario, control.session)
    const faultHeader = parseFaultHeader(headers.get('x-mock-fault'), scenario.faults, session.faults.random)
    if (faultHeader && 'code' in faultHeader) return problemResponse(faultHeader)

    // GET and HEAD bodies are never read (neither Django nor Laravel looks at them).
    const method = c.req.method
    const body =
      method === 'GET' || method === 'HEAD'
        ? ({ ok: true, bytes: EMPTY } as const)
        : await (c.env?.mockReadBody?.(maxBodyBytes) ?? readLimitedBody(c.req.raw, maxBodyBytes))
    const url = new URL(c.req.url)
    const path = url.pathname.slice(mountPath.length) || '/'
    const mock: RequestContext = {
      scenario,
      session,
      now: engine.now(session, control.now),
      publicBase: c.env?.mockPublicBase ?? `${url.origin}${mountPath}`,
      mountPath,
      maxBodyBytes,
      fired: [],
      provider: provider.name,
      body: body.ok ? body.bytes : new Uint8Array(0),
    }
    c.set('mock', mock)

    const fault: AppliedFault | undefined =
      (faultHeader as AppliedFault | undefined) ??
      session.faults.choose(scenario.faults, { provider: provider.name, method: c.req.method, path })
    const delayMs = (delayHeader ?? 0) + (fault?.delayMs ?? 0)
    if (delayMs > 0) await (c.env?.mockSleep ?? sleep)(delayMs)

    const breaks = fault && (fault.status !== undefined || fault.connection !== undefined)
    let response: Response
    if (!body.ok) response = body.response
    else if (breaks && fault.when === 'before') response = faultResponse(provider, fault, c.req.method)
    else {
      await next()
      response = breaks ? faultResponse(provider, fault, c.req.method) : c.res
    }
    response = decorate(response, mock.fired, mock.unmatched?.closest)
    c.res = undefined as never // replace, not merge: Hono's setter would copy the old answer's headers
    c.res = response

    session.journal.add({
      time: arrived,
      provider: provider.name,
      method: c.req.method,
      path,
      query: queryObject(url),
      headers: redactHeaders(headers),
      body: mock.body.length > 0 ? clip(utf8.decode(mock.body)) : null,
      status: response.status,
      responseHeaders: redactHeaders(response.headers),
      responseBody: response.headers.has(CONNECTION_FAULT_HEADER)
        ? null
        : clip(knownText(response) ?? (await response.clone().text())),
      durationMs: Math.round((performance.now() - started) * 100) / 100,
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
    })
    return response
  }
}

/** The provider's own error for a status fault (or the scenario's body); a marked empty answer for a connection fault. */
function faultResponse(provider: AnyProvider, fault: AppliedFault, method: string): Response {
  if (fault.connection)
    return textResponse(null, { status: 502, headers: { [CONNECTION_FAULT_HEADER]: fault.connection } })
  const { code, body } = fault.status!
  if (body === undefined) return provider.errorResponse(code, method)
  return typeof body === 'string'
    ? textResponse(body, { status: code, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
    : textResponse(JSON.stringify(body), { status: code, headers: { 'Content-Type': 'application/json' } })
}

/** Adds the mock's own diagnostics (never in the provider's body): the rules that fired, or the routes closest to an unmatched path. */
function decorate(response: Response, fired: readonly string[], closest?: readonly string[]): Response {
  if (fired.length === 0 && !closest) return response
  return withHeaders(response, {
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
