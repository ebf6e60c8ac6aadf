/**
 * Concurrent writes over real HTTP on overlapping records: hundreds of item
 * PATCHes and bulk updates at once. Afterwards, replaying the accepted
 * requests one by one, in the order the journal says they took effect, into a
 * fresh session gives exactly the same state: nothing lost, no interleaving
 * inside a request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/node/index.js'

const H = { Authorization: 'Token omnitron-test-token', 'Content-Type': 'application/json' }
const ITEMS = [1, 2, 3]
const CLOCK = JSON.stringify({ now: '2025-03-03T03:03:03.333333Z' })

/** A small deterministic generator, so a failure can be replayed. */
function lcg(seed: number) {
  let s = seed >>> 0
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
}

describe('concurrent writes', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ port: 0 })
  })
  afterAll(() => server.close())

  const admin = (session: string, path: string, init: RequestInit = {}) =>
    fetch(`${server.url}/__mock${path}`, {
      ...init,
      headers: { 'X-Mock-Session': session, ...(init.headers as Record<string, string>) },
    })

  it('the final state equals a serial replay of the accepted requests in journal order', async () => {
    const random = lcg(42)
    const statuses = ['450', '500', '510', '550', '999', '100']
    const requests = Array.from({ length: 300 }, (_, i) => {
      if (random() < 0.3) {
        const entries = ITEMS.filter(() => random() < 0.7).map((id) => ({
          id,
          status: statuses[Math.floor(random() * statuses.length)],
          tracking_number: `B${i}-${id}`,
        }))
        return {
          path: '/api/i1/order_items/bulk_status_update/',
          body: JSON.stringify({ orderitem_set: entries.length ? entries : [{ id: 1, invoice_number: `I${i}` }] }),
        }
      }
      const id = ITEMS[Math.floor(random() * ITEMS.length)]
      const body =
        random() < 0.5
          ? { tracking_number: `P${i}` }
          : { status: statuses[Math.floor(random() * statuses.length)], extra_field: { [`k${i % 7}`]: i } }
      return { path: `/api/v1/order_items/${id}/`, body: JSON.stringify(body) }
    })

    const live = 'concurrent-live'
    await admin(live, '/clock', { method: 'PUT', body: CLOCK })
    const answers = await Promise.all(
      requests.map((r) =>
        fetch(`${server.url}/omnitron${r.path}`, {
          method: 'PATCH',
          headers: { ...H, 'X-Mock-Session': live },
          body: r.body,
        }).then((res) => res.status),
      ),
    )
    expect(answers.filter((s) => s === 200).length).toBeGreaterThan(50)
    expect(answers.filter((s) => s === 400).length).toBeGreaterThan(10)
    expect(answers.every((s) => s === 200 || s === 400)).toBe(true)

    const journal = (await (await admin(live, '/requests?method=PATCH')).json()).requests as {
      path: string
      body: string
      status: number
      writeSeq?: number
    }[]
    expect(journal).toHaveLength(300)
    const accepted = journal.filter((e) => e.status === 200).sort((a, b) => a.writeSeq! - b.writeSeq!)
    expect(accepted.map((e) => e.writeSeq)).toEqual(accepted.map((_, i) => i + 1))
    expect(journal.filter((e) => e.status !== 200).every((e) => e.writeSeq === undefined)).toBe(true)

    const replay = 'concurrent-replay'
    await admin(replay, '/clock', { method: 'PUT', body: CLOCK })
    for (const e of accepted) {
      const res = await fetch(`${server.url}/omnitron${e.path}`, {
        method: 'PATCH',
        headers: { ...H, 'X-Mock-Session': replay },
        body: e.body,
      })
      expect(res.status).toBe(200)
    }
    const stateOf = async (session: string) => (await (await admin(session, '/state')).json()).state
    expect(await stateOf(replay)).toEqual(await stateOf(live))
  }, 60_000)

  it('concurrent creates of one Aymakan order_id: exactly one wins', async () => {
    const session = 'concurrent-create'
    const body = JSON.stringify({
      order_id: 'race-1',
      hub_code: 'ollkomHub',
      payment_method: 'prepaid',
      order_items: [{ sku_code: 'SKU-AC-47' }],
      shipping_address: { address1: 'a', city: 'b' },
    })
    const statuses = await Promise.all(
      Array.from({ length: 50 }, () =>
        fetch(`${server.url}/aymakan/api/v1/orders`, {
          method: 'POST',
          headers: {
            'api-key': 'aymakan-test-key',
            'Content-Type': 'application/json',
            Accept: 'application/json',
            'X-Mock-Session': session,
          },
          body,
        }).then((r) => r.status),
      ),
    )
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 400)).toHaveLength(49)
  })
})
