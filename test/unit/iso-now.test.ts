import { afterEach, describe, expect, it, vi } from 'vitest'
import { isoNow } from '../../src/core/clock.js'

/** The journal's arrival stamp: the same text as `new Date().toISOString()` at every instant. */
describe('isoNow', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it.each([
    0, 1, 999, 1000, 1001, -1, -1000, -1001, 1_764_590_399_999, 1_764_590_400_000, 1_764_590_400_007,
    253_402_300_799_999, 253_402_300_800_000, -62_167_219_200_001, 951_782_400_000,
  ])('at %d ms', (ms) => {
    vi.useFakeTimers({ now: ms, toFake: ['Date'] })
    expect(isoNow()).toBe(new Date(ms).toISOString())
  })

  it('moving back and forth within and across seconds', () => {
    const instants = [5_000, 5_001, 5_999, 5_000, 6_000, 4_999, 5_500, 5_500, 1_764_590_400_123, 5_001]
    for (const ms of instants) {
      vi.useFakeTimers({ now: ms, toFake: ['Date'] })
      expect(isoNow()).toBe(new Date(ms).toISOString())
    }
  })
})
