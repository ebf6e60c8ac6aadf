import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PyFloat } from '../../src/frameworks/drf/python.js'
import { decodeJsonBody } from '../../src/frameworks/drf/python-json.js'

type Case = { hex?: string; ops?: [number, number, number][]; ok: boolean; message?: string }
const fixture = JSON.parse(readFileSync(new URL('../fixtures/cpython-json-errors.json', import.meta.url), 'utf8')) as {
  python: string
  example_hex: string
  cases: Case[]
}
const example = Buffer.from(fixture.example_hex, 'hex')

function bytesOf(c: Case): Uint8Array {
  if (c.hex !== undefined) return Buffer.from(c.hex, 'hex')
  const b = [...example]
  for (const [kind, i, byte] of c.ops!) {
    if (kind === 0) b.splice(i, 1)
    else if (kind === 1) b.splice(i, 0, byte)
    else b[i] = byte
  }
  return Uint8Array.from(b)
}

describe(`DRF JSON parse errors match CPython ${fixture.python}`, () => {
  it('agrees with CPython on every recorded body', () => {
    const mismatches: string[] = []
    for (const c of fixture.cases) {
      const bytes = bytesOf(c)
      const got = decodeJsonBody(bytes)
      const gotText = got.ok ? 'ok' : `JSON parse error - ${got.message}`
      const want = c.ok ? 'ok' : c.message!
      if (gotText !== want)
        mismatches.push(`${Buffer.from(bytes).toString('latin1').slice(0, 80)}\n  want ${want}\n  got  ${gotText}`)
    }
    expect(mismatches.slice(0, 10).join('\n')).toBe('')
    expect(fixture.cases.length).toBeGreaterThan(3000)
  })

  it('parses valid bodies to the same values as JSON.parse, __proto__ as a plain key', () => {
    const r = decodeJsonBody(new TextEncoder().encode('{"__proto__": {"polluted": 1}, "a": [1, 2.5, "é"]}'))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const v = r.value as Record<string, unknown>
    expect(Object.keys(v)).toEqual(['__proto__', 'a'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(v.a).toEqual([1, new PyFloat(2.5), 'é'])
  })

  it('drops an incomplete UTF-8 sequence at the end, as a non-final StreamReader does', () => {
    const r = decodeJsonBody(Uint8Array.from([...new TextEncoder().encode('{"a": 1}'), 0xe4, 0xb8]))
    expect(r).toEqual({ ok: true, value: { a: 1 } })
  })
})

describe('the one-pass scan before JSON.parse', () => {
  const enc = (s: string) => new TextEncoder().encode(s)
  const deep = (n: number, open = '[', close = ']') => open.repeat(n) + close.repeat(n)

  it('skips strings however their quotes are escaped, and keeps floats inside arrays as Python floats', () => {
    const r = decodeJsonBody(enc(String.raw`{"a\\":"[[\"{","b":"\\\\","c":[1.0,"]",2.5e3]}`))
    expect(r.ok).toBe(true)
    const v = (r as { value: Record<string, unknown> }).value
    expect(Object.keys(v)).toEqual(['a\\', 'b', 'c'])
    expect(v.c).toEqual([new PyFloat(1), ']', new PyFloat(2500)])
  })

  it('finds a too-deep container (brackets inside strings not counted), even after a number only the exact scanner reads', () => {
    expect(decodeJsonBody(enc(deep(901)))).toEqual({
      ok: false,
      message: 'maximum recursion depth exceeded while decoding a JSON array from a unicode string',
    })
    expect(decodeJsonBody(enc(`[0${'1'.repeat(20)}, ${deep(901, '{"a":', '}')}]`))).toEqual({
      ok: false,
      message: 'maximum recursion depth exceeded while decoding a JSON object from a unicode string',
    })
    const inString = `["${'['.repeat(5000)}"]`
    expect(decodeJsonBody(enc(inString))).toEqual({ ok: true, value: ['['.repeat(5000)] })
    expect(decodeJsonBody(enc(deep(900))).ok).toBe(true)
  })
})
