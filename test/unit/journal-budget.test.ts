import { describe, expect, it } from 'vitest'
import { Journal, JournalBudget } from '../../src/core/journal.js'

const entry = (i: number) => ({
  time: '2026-01-01T00:00:00.000Z',
  provider: 'omnitron',
  method: 'GET',
  path: `/api/v1/orders/${i}/`,
  query: {},
  headers: { accept: '*/*' },
  body: null,
  status: 200,
  responseHeaders: {},
  responseBody: '{}',
  durationMs: 1,
  rules: [],
  unmatched: false,
})

describe('the journals byte budget', () => {
  it('lets go of the entries of cleared journals (evicted sessions), not only of those dropped for the budget', () => {
    const budget = new JournalBudget(256 * 1024 * 1024)
    const kept = new Journal(1000, budget)
    for (let i = 0; i < 10; i++) kept.add(entry(i))
    // 20,000 sessions, each one request, each evicted (its journal cleared) while under the byte budget.
    for (let s = 0; s < 20_000; s++) {
      const journal = new Journal(1000, budget)
      journal.add(entry(s))
      journal.clear()
    }
    expect(budget.held).toBeLessThanOrEqual(1025 + 2 * 10)
    expect(kept.list()).toHaveLength(10)
    expect(budget.bytes).toBeGreaterThan(0)
  })

  it('lets go of the entries a full ring buffer drops', () => {
    const budget = new JournalBudget(256 * 1024 * 1024)
    const journal = new Journal(100, budget)
    for (let i = 0; i < 20_000; i++) journal.add(entry(i))
    expect(journal.list()).toHaveLength(100)
    expect(budget.held).toBeLessThanOrEqual(1025 + 200)
  })
})
