import { Hono } from 'hono'
import { HEADER, isProblem } from '../core/control.js'
import type { MockEngine } from '../core/engine.js'
import { problemResponse } from '../core/problem.js'

const startedAt = Date.now()

export interface InfoOptions {
  version: string
  diagnostics?: () => Record<string, unknown>
}

/** Health, scenarios, rules, reset: calls about the mock as a whole. */
export function infoRoutes(engine: MockEngine, options: InfoOptions): Hono {
  const info = new Hono({ strict: false })

  info.get('/health', (c) =>
    c.json({
      status: 'ok',
      version: options.version,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      providers: engine.providers.map((p) => p.name),
      scenarios: engine.scenarios.size,
      sessions: engine.sessions.size,
      maxSessions: engine.sessions.max,
      evictions: engine.sessions.evictions,
      journalBytes: engine.journalBudget.bytes,
      maxJournalBytes: engine.journalBudget.max,
      delaying: engine.delaying,
      ...options.diagnostics?.(),
    }),
  )

  info.get('/scenarios', (c) =>
    c.json({
      default: engine.defaultScenario,
      scenarios: engine.scenarioNames().map((name) => {
        const s = engine.scenarios.get(name)!
        return {
          name,
          description: s.description,
          origin: s.origin,
          file: s.file,
          ...(s.overrides && { overrides: s.overrides }),
          ...(s.extends && { extends: s.extends }),
          providers: Object.keys(s.providers),
          faults: s.faults.map((f) => f.name),
        }
      }),
    }),
  )

  info.get('/rules', (c) => c.json({ rules: engine.rules() }))

  // Everything, one scenario (X-Mock-Scenario), or one session (X-Mock-Scenario + X-Mock-Session).
  info.post('/reset', (c) => {
    const headers = c.req.raw.headers
    if (!headers.has(HEADER.scenario) && !headers.has(HEADER.session)) {
      return c.json({ reset: engine.reset(), scope: 'all' })
    }
    const ctl = engine.readControl(headers)
    if (isProblem(ctl)) return problemResponse(ctl)
    if (!headers.has(HEADER.session)) {
      return c.json({ reset: engine.reset({ scenario: ctl.scenario }), scope: 'scenario', scenario: ctl.scenario })
    }
    const reset = engine.reset({ scenario: ctl.scenario, session: ctl.session })
    return c.json({ reset, scope: 'session', scenario: ctl.scenario, session: ctl.session })
  })

  return info
}
