import { type Context, Hono } from 'hono'
import { formatIso, parseInstant } from '../core/clock.js'
import { HEADER, isProblem, readControl } from '../core/control.js'
import { DEFAULT_SESSION, type MockEngine } from '../core/engine.js'
import { parseJournalFilter } from '../core/journal.js'
import { type Problem, problemResponse } from '../core/problem.js'
import type { Session } from '../core/sessions.js'
import { addSessionRoutes } from './session-routes.js'

const startedAt = Date.now()

export const ADMIN_ROUTES = [
  'GET /__mock/health',
  'GET /__mock/scenarios',
  'GET /__mock/rules',
  'GET /__mock/sessions',
  'GET /__mock/openapi',
  'GET /__mock/openapi/<provider>.json',
  'GET /__mock/openapi/<provider>.yaml',
  'POST /__mock/reset',
  'GET /__mock/state',
  'PUT /__mock/state',
  'GET /__mock/requests',
  'POST /__mock/requests/count',
  'DELETE /__mock/requests',
  'GET /__mock/clock',
  'PUT /__mock/clock',
  'DELETE /__mock/clock',
]

export interface AdminOptions {
  version: string
  /** When set, every admin call but health needs `Authorization: Bearer <token>` or `X-Mock-Admin-Token`. */
  adminToken?: string
  diagnostics?: () => Record<string, unknown>
}

const badBody = (detail: string): Problem => ({
  code: 'bad-admin-request',
  status: 400,
  title: 'Bad admin request',
  detail,
})

type Body = { ok: true; value: Record<string, unknown> } | { ok: false; problem: Problem }

async function jsonBody(c: Context): Promise<Body> {
  const text = await c.req.text()
  if (text.trim() === '') return { ok: true, value: {} }
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return { ok: true, value: value as Record<string, unknown> }
    return { ok: false, problem: badBody('The body must be a JSON object.') }
  } catch (error) {
    return { ok: false, problem: badBody(`The body is not JSON: ${(error as Error).message}`) }
  }
}

/** The mock's own control API under /__mock. Its errors are problem+json, never provider-shaped. */
export function adminRoutes(engine: MockEngine, options: AdminOptions): Hono {
  const admin = new Hono({ strict: false })
  const control = (headers: Headers) =>
    readControl(headers, { scenario: engine.defaultScenario, session: DEFAULT_SESSION }, engine.scenarios)

  /** The session named by the control headers (created on first use, like a provider request). */
  const withSession =
    (handler: (c: Context, session: Session) => Response | Promise<Response>) => async (c: Context) => {
      const ctl = control(c.req.raw.headers)
      if (isProblem(ctl)) return problemResponse(ctl)
      return handler(c, await engine.session(ctl.scenario, ctl.session))
    }
  /** The same, for calls that send a JSON object body (a body that is not one is a problem, not a call). */
  const withSessionAndBody = (
    handler: (c: Context, session: Session, body: Record<string, unknown>) => Response | Promise<Response>,
  ) =>
    withSession(async (c, session) => {
      const read = await jsonBody(c)
      return read.ok ? handler(c, session, read.value) : problemResponse(read.problem)
    })
  const where = (session: Session) => ({ scenario: session.scenario.name, session: session.id })

  if (options.adminToken) {
    const token = options.adminToken
    admin.use('*', async (c, next) => {
      if (c.req.path.endsWith('/health')) return next()
      const given = c.req.header('x-mock-admin-token') ?? c.req.header('authorization')?.replace(/^Bearer\s+/i, '')
      if (given === token) return next()
      return problemResponse(
        {
          code: 'admin-token-required',
          status: 401,
          title: 'Admin token required',
          detail:
            'This mock was started with --admin-token: send it as "Authorization: Bearer <token>" or "X-Mock-Admin-Token".',
        },
        { 'WWW-Authenticate': 'Bearer realm="order-contract-mock admin"' },
      )
    })
  }

  admin.get('/health', (c) =>
    c.json({
      status: 'ok',
      version: options.version,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      providers: engine.providers.map((p) => p.name),
      scenarios: engine.scenarios.size,
      sessions: engine.sessions.size,
      maxSessions: engine.sessions.max,
      ...options.diagnostics?.(),
    }),
  )

  admin.get('/scenarios', (c) =>
    c.json({
      default: engine.defaultScenario,
      scenarios: engine.scenarioNames().map((name) => {
        const s = engine.scenarios.get(name)!
        return {
          name,
          description: s.description,
          ...(s.extends && { extends: s.extends }),
          providers: Object.keys(s.providers),
          faults: s.faults.map((f) => f.name),
        }
      }),
    }),
  )

  admin.get('/rules', (c) => c.json({ rules: engine.rules() }))

  // Everything, one scenario (X-Mock-Scenario), or one session (X-Mock-Scenario + X-Mock-Session).
  admin.post('/reset', (c) => {
    const headers = c.req.raw.headers
    if (!headers.has(HEADER.scenario) && !headers.has(HEADER.session))
      return c.json({ reset: engine.reset(), scope: 'all' })
    const ctl = control(headers)
    if (isProblem(ctl)) return problemResponse(ctl)
    if (!headers.has(HEADER.session))
      return c.json({ reset: engine.reset({ scenario: ctl.scenario }), scope: 'scenario', scenario: ctl.scenario })
    return c.json({
      reset: engine.reset({ scenario: ctl.scenario, session: ctl.session }),
      scope: 'session',
      scenario: ctl.scenario,
      session: ctl.session,
    })
  })

  // ----------------------------------------------------------------- state
  admin.get(
    '/state',
    withSession((c, session) => c.json({ ...where(session), state: engine.state(session) })),
  )

  admin.put(
    '/state',
    withSessionAndBody(async (c, session, body) => {
      const state = Object.hasOwn(body, 'state') ? body.state : body
      const problems = await engine.importState(session, state)
      if (problems.length > 0) {
        return problemResponse({
          ...badBody(`The state was not imported (nothing changed): ${problems.length} problem(s).`),
          code: 'bad-state',
          problems,
        })
      }
      const counts = Object.fromEntries(
        Object.entries(engine.state(session)).map(([provider, collections]) => [
          provider,
          Object.fromEntries(Object.entries(collections).map(([k, v]) => [k, v.length])),
        ]),
      )
      return c.json({ ...where(session), imported: counts })
    }),
  )

  // --------------------------------------------------------------- journal
  admin.get(
    '/requests',
    withSession((c, session) => {
      const filter = parseJournalFilter(c.req.query())
      if ('code' in filter) return problemResponse(filter)
      const requests = session.journal.list(filter)
      return c.json({ ...where(session), count: requests.length, requests })
    }),
  )

  admin.post(
    '/requests/count',
    withSessionAndBody((c, session, body) => {
      const filter = parseJournalFilter(body)
      if ('code' in filter) return problemResponse(filter)
      return c.json({ count: session.journal.count(filter) })
    }),
  )

  admin.delete(
    '/requests',
    withSession((c, session) => c.json({ ...where(session), deleted: session.journal.clear() })),
  )

  // ----------------------------------------------------------------- clock
  const clockView = (session: Session) => {
    const clock = session.clock
    return {
      ...where(session),
      mode:
        clock === undefined ? (session.scenario.now ? 'scenario' : 'real') : 'frozen' in clock ? 'frozen' : 'offset',
      now: formatIso(engine.now(session)),
      ...(clock && 'offsetMs' in clock && { offsetMs: clock.offsetMs }),
    }
  }

  admin.get(
    '/clock',
    withSession((c, session) => c.json(clockView(session))),
  )

  // {"now": "<ISO instant>"} freezes the session's time; {"offsetMs": n} shifts real time. X-Mock-Now still wins per request.
  admin.put(
    '/clock',
    withSessionAndBody(async (c, session, body) => {
      if (typeof body.now === 'string' && body.offsetMs === undefined) {
        const now = parseInstant(body.now)
        if (!now) return problemResponse(badBody(`now "${body.now}" is not an ISO 8601 instant with an offset.`))
        session.clock = { frozen: now }
      } else if (typeof body.offsetMs === 'number' && Number.isInteger(body.offsetMs) && body.now === undefined) {
        session.clock = { offsetMs: body.offsetMs }
      } else {
        return problemResponse(
          badBody(
            'Send {"now": "<ISO 8601 instant>"} to freeze the clock, or {"offsetMs": <whole milliseconds>} to shift it.',
          ),
        )
      }
      return c.json(clockView(session))
    }),
  )

  admin.delete(
    '/clock',
    withSession((c, session) => {
      session.clock = undefined
      return c.json(clockView(session))
    }),
  )

  addSessionRoutes(admin, engine)

  admin.all('*', (c) =>
    problemResponse({
      code: 'unknown-admin-route',
      status: 404,
      title: 'Unknown admin route',
      detail: `${c.req.method} ${c.req.path} is not part of the admin API.`,
      routes: ADMIN_ROUTES,
    }),
  )
  return admin
}
