import { Hono } from 'hono'
import { formatIso } from '../core/clock.js'
import { parseClockSetting } from '../core/clock-setting.js'
import type { MockEngine } from '../core/engine.js'
import { parseJournalFilter } from '../core/journal.js'
import { problemResponse } from '../core/problem.js'
import type { Session } from '../core/sessions.js'
import { type AdminEnv, badBody, jsonObjectBody, sessionLookup, where } from './context.js'

/** State, journal and clock: calls about one session (named by the control headers). */
export function sessionRoutes(engine: MockEngine, maxBodyBytes?: number): Hono<AdminEnv> {
  const routes = new Hono<AdminEnv>({ strict: false })
  // Middlewares per route (not `use('*')`): an unknown path or method never creates a session.
  const inSession = sessionLookup(engine)
  const body = jsonObjectBody(maxBodyBytes)

  // ----------------------------------------------------------------- state
  routes.get('/state', inSession, (c) => {
    const session = c.get('session')
    return c.json({ ...where(session), state: engine.state(session) })
  })

  routes.put('/state', inSession, body, async (c) => {
    const session = c.get('session')
    const sent = c.get('body')
    const problems = await engine.importState(session, Object.hasOwn(sent, 'state') ? sent.state : sent)
    if (problems.length > 0) {
      const detail = `The state was not imported (nothing changed): ${problems.length} problem(s).`
      return problemResponse({ ...badBody(detail), code: 'bad-state', problems })
    }
    return c.json({ ...where(session), imported: counts(engine.state(session)) })
  })

  // --------------------------------------------------------------- journal
  routes.get('/requests', inSession, (c) => {
    const filter = parseJournalFilter(c.req.query())
    if ('code' in filter) return problemResponse(filter)
    const requests = c.get('session').journal.list(filter)
    return c.json({ ...where(c.get('session')), count: requests.length, requests })
  })

  routes.post('/requests/count', inSession, body, (c) => {
    const filter = parseJournalFilter(c.get('body'))
    if ('code' in filter) return problemResponse(filter)
    return c.json({ count: c.get('session').journal.count(filter) })
  })

  routes.delete('/requests', inSession, (c) =>
    c.json({ ...where(c.get('session')), deleted: c.get('session').journal.clear() }),
  )

  // ----------------------------------------------------------------- clock
  routes.get('/clock', inSession, (c) => c.json(clockView(engine, c.get('session'))))

  // {"now": "<ISO instant>"} freezes the session's time; {"offsetMs": n} shifts real time. X-Mock-Now still wins per request.
  routes.put('/clock', inSession, body, (c) => {
    const session = c.get('session')
    const clock = parseClockSetting(c.get('body'), engine.baseNow(session))
    if ('code' in clock) return problemResponse(clock)
    session.clock = clock
    return c.json(clockView(engine, session))
  })

  routes.delete('/clock', inSession, (c) => {
    const session = c.get('session')
    session.clock = undefined
    return c.json(clockView(engine, session))
  })

  return routes
}

function counts(state: Record<string, Record<string, unknown[]>>) {
  return Object.fromEntries(
    Object.entries(state).map(([provider, collections]) => [
      provider,
      Object.fromEntries(Object.entries(collections).map(([k, v]) => [k, v.length])),
    ]),
  )
}

function clockView(engine: MockEngine, session: Session) {
  const clock = session.clock
  const mode =
    clock === undefined ? (session.scenario.now ? 'scenario' : 'real') : 'frozen' in clock ? 'frozen' : 'offset'
  return {
    ...where(session),
    mode,
    now: formatIso(engine.now(session)),
    ...(clock && 'offsetMs' in clock && { offsetMs: clock.offsetMs }),
  }
}
