import type { Hono } from 'hono'
import type { MockEngine } from '../core/engine.js'
import type { Session } from '../core/sessions.js'

/** GET /__mock/sessions: the live sessions, most recently used first (the console's first view). */
export function addSessionRoutes(admin: Hono, engine: MockEngine): void {
  admin.get('/sessions', async (c) => {
    const settled = await Promise.allSettled([...engine.sessions.entries()])
    const now = Date.now()
    const sessions = settled
      .filter((s): s is PromiseFulfilledResult<Session> => s.status === 'fulfilled')
      .map(({ value: s }) => ({
        scenario: s.scenario.name,
        session: s.id,
        createdAt: s.createdAt.toISOString(),
        ageSeconds: Math.round((now - s.createdAt.getTime()) / 1000),
        requests: s.journal.total,
        journalSize: s.journal.size,
        writes: s.writes,
      }))
      .reverse()
    return c.json({ count: sessions.length, max: engine.sessions.max, sessions })
  })
}
