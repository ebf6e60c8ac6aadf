/**
 * The journal cannot block or bloat the process (linear-time path filters,
 * bodies cut when recorded, a byte cap across sessions), and an evicted
 * session is told, logged and counted.
 */
import { fileURLToPath } from 'node:url'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MockEvent } from '../../src/core/engine.js'
import { createHandlers } from '../../src/msw.js'
import { createApp, type MockApp, startServer } from '../../src/node/index.js'
import { spawnCli } from '../support/spawn.js'
import { forEachTransport, JSON_HEADERS, json, MSW_BASES } from '../support/transports.js'

const BIN = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))

forEachTransport((t) => {
  const requests = (session: string, query: string) =>
    t().admin(`/requests?${query}`, { headers: { 'X-Mock-Session': session } })

  it('a backtracking-prone /regex/ over a long path answers at once (linear-time matching)', async () => {
    const api = t().client('omnitron')
    const path = `/${'a'.repeat(40)}!`
    await api(path)
    // A backtracking engine would need ~2^40 steps for this one.
    const res = await requests(api.session, `path=${encodeURIComponent('/(a+)+$/')}`)
    expect(res.status).toBe(200)
    expect((await json(res)).count).toBe(0)
    const hit = await requests(api.session, `path=${encodeURIComponent('/^\\/a+!$/')}`)
    expect((await json(hit)).count).toBe(1)
    expect((await json(await requests(api.session, 'path=/aaaa*'))).count).toBe(1)
  })

  it('a pattern RE2 cannot compile (or a backreference) is a 400 problem', async () => {
    for (const bad of ['/(/', '/(a)\\1/']) {
      const res = await requests('x', `path=${encodeURIComponent(bad)}`)
      expect(res.status).toBe(400)
      expect((await json(res)).code).toBe('bad-journal-filter')
    }
  })

  it('a 1 MB body is cut to 64 KiB when recorded', async () => {
    const api = t().client('omnitron')
    const big = JSON.stringify({ extra_field: { pad: 'é'.repeat(500_000) } })
    expect((await api('/api/v1/order_items/7105/', { method: 'PATCH', headers: JSON_HEADERS, body: big })).status).toBe(
      200,
    )
    const [entry] = (await json(await requests(api.session, 'method=PATCH'))).requests
    expect(new TextEncoder().encode(entry.body.replace(/…\[\d+ more bytes\]$/, '')).length).toBeLessThanOrEqual(
      64 * 1024,
    )
    expect(entry.body).toMatch(/…\[\d+ more bytes\]$/)
    expect(entry.responseBody).toMatch(/…\[\d+ more characters\]$/)
    expect(
      new TextEncoder().encode(entry.responseBody.replace(/…\[\d+ more characters\]$/, '')).length,
    ).toBeLessThanOrEqual(64 * 1024)
  })
})

describe('the journal byte cap across sessions', () => {
  it('keeps all journals under maxJournalBytes, dropping the oldest entries of any session first', async () => {
    const app = createApp({ maxJournalBytes: 2 * 1024 * 1024 })
    const body = JSON.stringify({ extra_field: { pad: 'x'.repeat(200_000) } })
    for (let i = 0; i < 30; i++) {
      await app.request('/omnitron/api/v1/order_items/7105/', {
        method: 'PATCH',
        headers: { ...JSON_HEADERS, 'X-Mock-Session': `s${i % 3}` },
        body,
      })
    }
    const health = await json(await app.request('/__mock/health'))
    expect(health.journalBytes).toBeLessThanOrEqual(2 * 1024 * 1024)
    expect(health.journalBytes).toBeGreaterThan(1024 * 1024)
    const ids = async (s: string) =>
      (await json(await app.request('/__mock/requests', { headers: { 'X-Mock-Session': s } }))).requests.map(
        (r: { id: number }) => r.id,
      )
    // Request i went to session s(i % 3) as its entry floor(i / 3) + 1; the newest survive in every session.
    const kept = [...(await ids('s0')), ...(await ids('s1')), ...(await ids('s2'))]
    expect(kept.length).toBeLessThan(30)
    expect((await ids('s2')).at(-1)).toBe(10)
    expect((await ids('s0'))[0]).toBeGreaterThan(1)
  })
})

describe('session eviction is visible', () => {
  const runs: { name: string; setup: () => Promise<{ app: MockApp; base: string; stop: () => unknown }> }[] = [
    {
      name: 'over HTTP',
      setup: async () => {
        const server = await startServer({ port: 0, maxSessions: 2, onEvent: (e) => events.push(e) })
        return { app: server.app, base: `${server.url}/omnitron`, stop: () => server.close() }
      },
    },
    {
      name: 'in-process (MSW)',
      setup: async () => {
        const app = createApp({ maxSessions: 2, onEvent: (e) => events.push(e) })
        const msw = setupServer(...createHandlers({ app, baseUrls: MSW_BASES }))
        msw.listen({ onUnhandledRequest: 'error' })
        return { app, base: MSW_BASES.omnitron, stop: () => msw.close() }
      },
    },
  ]
  const events: MockEvent[] = []

  for (const run of runs) {
    describe(run.name, () => {
      let ctx: Awaited<ReturnType<(typeof runs)[number]['setup']>>
      beforeAll(async () => {
        events.length = 0
        ctx = await run.setup()
      })
      afterAll(() => ctx.stop())
      const patch = (session: string, tracking: string) =>
        fetch(`${ctx.base}/api/v1/order_items/7105/`, {
          method: 'PATCH',
          headers: { ...JSON_HEADERS, 'X-Mock-Session': session },
          body: JSON.stringify({ tracking_number: tracking }),
        })

      it('the evicted session gets an X-Mock-Warning once, the event names it, health counts it', async () => {
        expect((await patch('mine', 'MINE')).headers.get('x-mock-warning')).toBeNull()
        await patch('other-1', 'X')
        await patch('other-2', 'Y')
        expect(events).toEqual([
          expect.objectContaining({ type: 'session-evicted', scenario: 'default', session: 'mine', maxSessions: 2 }),
        ])
        const again = await fetch(`${ctx.base}/api/v1/order_items/7105/`, {
          headers: { ...JSON_HEADERS, 'X-Mock-Session': 'mine' },
        })
        expect(again.headers.get('x-mock-warning')).toBe(
          'session "mine" of scenario "default" was evicted (least recently used; --max-sessions 2); its state was re-seeded from the scenario',
        )
        // The state is the scenario's again, not what was written.
        expect((await json(again)).tracking_number).not.toBe('MINE')
        const next = await fetch(`${ctx.base}/api/v1/order_items/7105/`, {
          headers: { ...JSON_HEADERS, 'X-Mock-Session': 'mine' },
        })
        expect(next.headers.get('x-mock-warning')).toBeNull()
        const health = await json(await ctx.app.request('/__mock/health'))
        expect(health.evictions).toBe(2)
      })
    })
  }
})

describe('the CLI logs evictions', () => {
  it('names the evicted session in a warning line, even with --quiet', async () => {
    const cli = await spawnCli(BIN, ['--quiet', '--max-sessions', '1'])
    try {
      for (const session of ['first', 'second']) {
        await fetch(`${cli.url}/omnitron/api/v1/orders/12345/`, {
          headers: { ...JSON_HEADERS, 'X-Mock-Session': session },
        })
      }
      await new Promise((r) => setTimeout(r, 100))
      expect(cli.output()).toContain(
        'warning: session "first" of scenario "default" was evicted (least recently used; --max-sessions 1)\n',
      )
    } finally {
      await cli.stop('SIGTERM')
    }
  })
})
