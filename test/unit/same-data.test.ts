import { describe, expect, it } from 'vitest'
import { sameData } from '../../src/core/same-data.js'

// Decides whether a scenario may take another's seeded records: a "yes" must mean the seed makes the same.
describe('sameData', () => {
  it('holds for equal JSON data, nested', () => {
    expect(sameData({ a: [1, { b: 'x', c: null }], d: true }, { a: [1, { b: 'x', c: null }], d: true })).toBe(true)
    expect(sameData(Number.NaN, Number.NaN)).toBe(true)
  })

  it('fails on key order, a missing or undefined key, -0, lengths and types', () => {
    expect(sameData({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false)
    expect(sameData({ a: 1, b: undefined }, { a: 1 })).toBe(false)
    expect(sameData({ a: 0 }, { a: -0 })).toBe(false)
    expect(sameData([1, 2], [1, 2, 3])).toBe(false)
    expect(sameData([1], { 0: 1 })).toBe(false)
    expect(sameData({ a: '1' }, { a: 1 })).toBe(false)
    expect(sameData(null, {})).toBe(false)
  })

  it('takes other objects only when they are the very same one', () => {
    const d = new Date(0)
    expect(sameData({ d }, { d })).toBe(true)
    expect(sameData({ d }, { d: new Date(0) })).toBe(false)
    expect(sameData(new Map(), new Map())).toBe(false)
  })

  it('answers no past 64 levels rather than recursing without end', () => {
    const deep = (n: number): unknown => (n === 0 ? 1 : { x: deep(n - 1) })
    expect(sameData(deep(60), deep(60))).toBe(true)
    expect(sameData(deep(100), deep(100))).toBe(false)
  })
})
