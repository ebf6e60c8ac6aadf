/** The validator's work grows with the items sent, not with their square. */
import { describe, expect, it } from 'vitest'
import { validate } from '../../src/frameworks/laravel/validator.js'

const rules = { order_items: ['required', 'array'], 'order_items.*.sku_code': ['required', 'string'] } as const
const items = (n: number) => ({ order_items: Array.from({ length: n }, () => ({ quantity: 1 })) })
const time = (n: number) => {
  const start = performance.now()
  const errors = validate(items(n), rules)
  expect(Object.keys(errors)).toHaveLength(n)
  return performance.now() - start
}

describe('Laravel validator at scale', () => {
  it('8x the items takes well under 64x the time (linear, not quadratic)', () => {
    time(500) // warm-up
    // The fastest of three runs each: a busy machine can stall any one run, never make one faster.
    const best = (n: number) => Math.min(time(n), time(n), time(n))
    const small = Math.max(best(1000), 1)
    const large = best(8000)
    expect(large / small).toBeLessThan(30)
  })
})
