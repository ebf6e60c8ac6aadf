/**
 * X-Mock-Delay works over its whole range on every method (the stalled-client
 * cut-off never counts time the server itself waits), and a shutdown ends
 * pending delays at once: the requests are answered, the CLI exits 0.
 */
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, type RunningServer, startServer } from '../../src/node/index.js'
import { spawnCli } from '../support/spawn.js'

const BIN = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
const OMNITRON = { Authorization: 'Token omnitron-test-token', 'Content-Type': 'application/json' }
const ITEM = '/omnitron/api/v1/order_items/7105/'

const call = (base: string, method: string, delayMs: number, session = 'delays') =>
  fetch(`${base}${ITEM}`, {
    method,
    headers: { ...OMNITRON, 'X-Mock-Session': session, 'X-Mock-Delay': String(delayMs) },
    ...(method !== 'GET' && method !== 'HEAD' && { body: '{}' }),
  }).then(
    (r) => r.status,
    (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? e.message,
  )

describe('delays longer than the request deadline', () => {
  // The deadlines are scaled down (600 ms for a whole request) so a delay past them takes a second, not 35.
  const REQUEST_MS = 1000
  const DELAY = 2.5 * REQUEST_MS
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ port: 0, timeouts: { headersMs: REQUEST_MS, requestMs: REQUEST_MS } })
  })
  afterAll(() => server.close())

  it.each(['GET', 'HEAD', 'PATCH', 'PUT', 'POST', 'DELETE'])(
    '%s with a delay past the deadline is answered',
    async (m) => {
      const status = await call(server.url, m, DELAY)
      expect(typeof status).toBe('number')
      expect(status).toBeLessThan(500)
    },
  )

  it('100 concurrent delayed GETs are all answered', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => call(server.url, 'GET', DELAY, `g${i % 5}`)),
    )
    expect(new Set(statuses)).toEqual(new Set([200]))
  })

  it('a client that stalls its body is still cut off while others wait on delays', async () => {
    // Both sessions seeded first (see the report on a stall that arrives while sessions seed).
    await call(server.url, 'GET', 0, 'stalled')
    await call(server.url, 'GET', 0)
    const waiting = call(server.url, 'GET', DELAY)
    const { connect } = await import('node:net')
    const socket = connect(server.port, '127.0.0.1')
    const closed = new Promise<boolean>((resolve) => {
      socket.on('close', () => resolve(true))
      socket.on('error', () => undefined)
    })
    socket.write(
      `PATCH ${ITEM} HTTP/1.1\r\nHost: x\r\nX-Mock-Session: stalled\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`,
    )
    expect(await Promise.race([closed, new Promise<boolean>((r) => setTimeout(() => r(false), 10 * DELAY))])).toBe(true)
    expect(await waiting).toBe(200)
  }, 60_000)
})

describe('shutdown ends pending delays', () => {
  it('server.close() answers every request waiting on a delay at once', async () => {
    const server = await startServer({ port: 0 })
    const LONG = 60_000
    const pending = Array.from({ length: 50 }, (_, i) => call(server.url, i % 2 ? 'GET' : 'PATCH', LONG, `s${i % 3}`))
    // Every request is in and waiting before the close.
    while (server.app.engine.delaying < pending.length) await new Promise((r) => setTimeout(r, 20))
    const started = performance.now()
    await server.close()
    const statuses = await Promise.all(pending)
    expect(new Set(statuses)).toEqual(new Set([200]))
    expect(performance.now() - started).toBeLessThan(LONG / 20)
  })

  it('in-process: engine.shutdown() ends a pending delay, and later ones do not wait', async () => {
    const app = createApp()
    const req = async () => (await app.request(ITEM, { headers: { ...OMNITRON, 'X-Mock-Delay': '60000' } })).status
    const pending = req()
    const started = performance.now()
    await new Promise((r) => setTimeout(r, 50))
    app.engine.shutdown()
    expect(await pending).toBe(200)
    expect(await req()).toBe(200)
    expect(performance.now() - started).toBeLessThan(60_000 / 20)
  })

  it('the CLI on SIGTERM answers requests waiting on a 60 s delay and exits 0 well within its grace period', async () => {
    const cli = await spawnCli(BIN, ['--quiet'])
    const pending = [call(cli.url, 'GET', 60_000), call(cli.url, 'PATCH', 60_000)]
    const health = async () => (await (await fetch(`${cli.url}/__mock/health`)).json()) as { delaying: number }
    while ((await health()).delaying < 2) await new Promise((r) => setTimeout(r, 20))
    const started = performance.now()
    const code = await cli.stop('SIGTERM')
    expect(code).toBe(0)
    expect(await Promise.all(pending)).toEqual([200, 200])
    // The grace period is 10 s; the exit does not wait for it.
    expect(performance.now() - started).toBeLessThan(10_000 / 4)
    expect(cli.output()).not.toContain('did not finish')
  })
})
