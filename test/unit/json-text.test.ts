import { describe, expect, it } from 'vitest'
import { walkJsonText } from '../../src/core/json-text.js'

function walk(text: string, stopAt?: { depth?: number; numbers?: number }) {
  const opened: number[] = []
  const numbers: [string, boolean, number][] = []
  const finished = walkJsonText(text, {
    open: (bracket, depth) => {
      opened.push(bracket === 0x5b ? -depth : depth)
      return stopAt?.depth === undefined || depth < stopAt.depth
    },
    number: (start, end, isFloat, digits) => {
      numbers.push([text.slice(start, end), isFloat, digits])
      return stopAt?.numbers === undefined || numbers.length < stopAt.numbers
    },
  })
  return { finished, opened, numbers }
}

/** The walk both frameworks' decoders take before trusting JSON.parse (python-json.ts, php-json.ts). */
describe('walkJsonText', () => {
  it('reports containers with their depth and number tokens, and skips strings whatever they hold', () => {
    expect(walk('{"a": [1, -2.5e3, {"b\\"[{": "x\\\\"}], "c": 12345678901234567}')).toEqual({
      finished: true,
      opened: [1, -2, 3],
      numbers: [
        ['1', false, 1],
        ['-2.5e3', true, 3],
        ['12345678901234567', false, 17],
      ],
    })
  })
  it('ends at an unterminated string, and stops where a visitor says so', () => {
    expect(walk('[1, "abc').finished).toBe(true)
    expect(walk('[1, "abc').numbers).toEqual([['1', false, 1]])
    expect(walk('[[[[1]]]]', { depth: 3 })).toMatchObject({ finished: false, opened: [-1, -2, -3] })
    expect(walk('[1, 2, 3]', { numbers: 2 })).toMatchObject({
      finished: false,
      numbers: [
        ['1', false, 1],
        ['2', false, 1],
      ],
    })
  })
  it('takes a depth back down at each closing bracket', () => {
    expect(walk('[[], {}, [[]]]').opened).toEqual([-1, -2, 2, -2, -3])
  })
})
