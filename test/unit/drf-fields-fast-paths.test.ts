import { describe, expect, it } from 'vitest'
import { lookupCodec } from '../../src/frameworks/drf/codecs.js'
import { charField, primaryKeyField } from '../../src/frameworks/drf/fields.js'
import { pyStrip } from '../../src/frameworks/drf/media-types.js'
import { PyBigInt, PyFloat } from '../../src/frameworks/drf/python.js'

/**
 * The write path's shortcuts (a bulk validates a hundred entries) answer exactly as the general
 * path: these pin the edges where a shortcut could differ from DRF.
 */
describe('pyStrip (str.strip())', () => {
  it.each([
    ['abc', 'abc'],
    ['a b', 'a b'],
    ['!~', '!~'],
    [' abc', 'abc'],
    ['abc\t', 'abc'],
    ['\x85abc\xa0', 'abc'],
    ['\u3000a\u2028', 'a'],
    ['\x1fa\x1c', 'a'],
    ['\x7fa\x7f', '\x7fa\x7f'], // DEL is not white space
    ['é', 'é'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (input, stripped) => {
    expect(pyStrip(input)).toBe(stripped)
  })
})

describe('CharField validators', () => {
  const field = charField({ maxLength: 3 })
  it('counts code points, not UTF-16 units, against max_length', () => {
    expect(field.toInternal('😀😀😀')).toEqual({ ok: true, value: '😀😀😀' })
    expect(field.toInternal('😀😀😀😀')).toEqual({
      ok: false,
      errors: ['Ensure this field has no more than 3 characters.'],
    })
    expect(field.toInternal('abcd')).toEqual({
      ok: false,
      errors: ['Ensure this field has no more than 3 characters.'],
    })
  })
  it('refuses a lone surrogate, high or low, and accepts a pair', () => {
    expect(field.toInternal('a\ud800')).toEqual({
      ok: false,
      errors: ['Surrogate characters are not allowed: U+D800.'],
    })
    expect(field.toInternal('\udfffb')).toEqual({
      ok: false,
      errors: ['Surrogate characters are not allowed: U+DFFF.'],
    })
    expect(field.toInternal('\ud83d\ude00')).toEqual({ ok: true, value: '😀' })
  })
})

describe('PrimaryKeyRelatedField', () => {
  const field = primaryKeyField((pk) => pk === 0 || pk === 7)
  it('takes an int as Python would: -0 is 0, a float is truncated, a bool is refused', () => {
    expect(Object.is((field.toInternal(-0) as { value: number }).value, 0)).toBe(true)
    expect(field.toInternal(7)).toEqual({ ok: true, value: 7 })
    expect(field.toInternal(new PyFloat(7.9))).toEqual({ ok: true, value: 7 })
    expect(field.toInternal('7')).toEqual({ ok: true, value: 7 })
    expect(field.toInternal(8)).toEqual({ ok: false, errors: ['Invalid pk "8" - object does not exist.'] })
    expect(field.toInternal(true)).toEqual({ ok: false, errors: ['Incorrect type. Expected pk value, received bool.'] })
    expect(field.toInternal(new PyBigInt('90071992547409930'))).toEqual({
      ok: false,
      errors: ['Invalid pk "90071992547409930" - object does not exist.'],
    })
  })
})

describe('codecs.lookup, remembered', () => {
  it('answers the same the first time, the second time, and after the memory was cleared', () => {
    const names = ['utf-8', 'UTF8', ' latin-1 ', 'no-such-codec', 'utf_16', 'x'.repeat(100)]
    const first = names.map(lookupCodec)
    expect(first.slice(0, 4)).toEqual([lookupCodec('utf_8'), lookupCodec('utf_8'), lookupCodec('latin_1'), undefined])
    expect(first[0]).toBeDefined()
    for (let i = 0; i < 600; i++) lookupCodec(`unknown-${i}`)
    expect(names.map(lookupCodec)).toEqual(first)
    expect(names.map(lookupCodec)).toEqual(first)
  })
})
