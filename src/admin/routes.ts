import { Hono } from 'hono'
import { HEADER, isProblem, readControl } from '../core/control.js'
import { DEFAULT_SESSION, type MockEngine } from '../core/engine.js'
import { problemResponse } from '../core/problem.js'

const startedAt = Date.now()

/** The mock's own control API under /__mock. Its errors are problem+json, never provider-shaped. */
export function adminRoutes(engine: MockEngine, version: string): Hono {
  const admin = new Hono({ strict: false })
  const control = (headers: Headers) =>
    readControl(headers, { scenario: engine.defaultScenario, session: DEFAULT_SESSION }, () => engine.scenarioNames())

  admin.get('/health', (c) =>
    c.json({
      status: 'ok',
      version,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      providers: engine.providers.map((p) => p.name),
      scenarios: engine.scenarios.size,
      sessions: engine.sessions.size,
      maxSessions: engine.sessions.max,
    }),
  )

  admin.get('/scenarios', (c) =>
    c.json({
      default: engine.defaultScenario,
      scenarios: engine.scenarioNames().map((name) => {
        const s = engine.scenarios.get(name)!
        return { name, description: s.description, ...(s.extends && { extends: s.extends }), providers: Object.keys(s.providers) }
      }),
    }),
  )

  admin.get('/rules', (c) => c.json({ rules: engine.rules() }))

  // Everything, one scenario (X-Mock-Scenario), or one session (X-Mock-Scenario + X-Mock-Session).
  admin.post('/reset', (c) => {
    const headers = c.req.raw.headers
    if (!headers.has(HEADER.scenario) && !headers.has(HEADER.session)) return c.json({ reset: engine.reset(), scope: 'all' })
    const ctl = control(headers)
    if (isProblem(ctl)) return problemResponse(ctl)
    if (!headers.has(HEADER.session)) return c.json({ reset: engine.reset({ scenario: ctl.scenario }), scope: 'scenario', scenario: ctl.scenario })
    return c.json({
      reset: engine.reset({ scenario: ctl.scenario, session: ctl.session }),
      scope: 'session',
      scenario: ctl.scenario,
      session: ctl.session,
    })
  })

  admin.get('/state', async (c) => {
    const ctl = control(c.req.raw.headers)
    if (isProblem(ctl)) return problemResponse(ctl)
    const session = await engine.session(ctl.scenario, ctl.session)
    return c.json({ scenario: ctl.scenario, session: ctl.session, state: engine.state(session) })
  })

  admin.all('*', (c) => {
    const known = ['GET /__mock/health', 'GET /__mock/scenarios', 'GET /__mock/rules', 'POST /__mock/reset', 'GET /__mock/state']
    return problemResponse({
      code: 'unknown-admin-route',
      status: 404,
      title: 'Unknown admin route',
      detail: `${c.req.method} ${c.req.path} is not part of the admin API.`,
      routes: known,
    })
  })
  return admin
}
