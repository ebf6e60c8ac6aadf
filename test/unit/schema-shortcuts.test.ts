import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { quickCheckFor } from '../../src/core/schema-shortcuts.js'
import { Table, TableError } from '../../src/core/table.js'

/**
 * Table.patch accepts a JSON object field at one look instead of zod's walk: the shortcut
 * must never accept what zod refuses, and must take the plain objects a write carries.
 */
const json = z.record(z.string(), z.unknown())

class Thing {
  a = 1
}
const withSymbol = { a: 1, [Symbol('s')]: 2 }
const hiddenSymbol = Object.defineProperty({ a: 1 }, Symbol('h'), { value: 2, enumerable: false })
const ownProto = JSON.parse('{"__proto__": {"x": 1}, "a": 1}')
const nullProto = Object.assign(Object.create(null), { a: 1 })

const values: [string, unknown][] = [
  ['empty object', {}],
  ['nested JSON', { a: { b: [1, 'x', null] }, c: true }],
  ['own __proto__ key', ownProto],
  ['null prototype', nullProto],
  ['constructor key (string)', { constructor: 'x' }],
  ['constructor key (function)', { constructor: () => 1 }],
  ['constructor key (object)', { constructor: {} }],
  ['enumerable symbol key', withSymbol],
  ['non-enumerable symbol key', hiddenSymbol],
  ['class instance', new Thing()],
  ['Date', new Date(0)],
  ['Map', new Map()],
  ['array', [1]],
  ['null', null],
  ['string', 'x'],
  ['number', 1],
  ['undefined', undefined],
]

describe('quickCheckFor: never accepts what zod refuses', () => {
  const schemas: [string, z.ZodType][] = [
    ['record', json],
    ['array of records', z.array(json)],
    ['array of arrays of records', z.array(z.array(json))],
  ]
  for (const [schemaName, schema] of schemas)
    it.each(values)(`${schemaName}: %s`, (_, value) => {
      const quick = quickCheckFor(schema)!
      expect(quick).toBeTypeOf('function')
      for (const v of schemaName === 'record'
        ? [value]
        : schemaName === 'array of records'
          ? [[value], [{}, value]]
          : [[[value]]]) {
        const answer = quick(v)
        if (answer === true) expect(schema.safeParse(v).success).toBe(true)
      }
    })

  it('takes the plain objects a JSON body makes, alone and in a list', () => {
    const body = JSON.parse('{"a": {"b": 1}, "items": [{"id": "x", "q": 2}, {}]}')
    expect(quickCheckFor(json)!(body.a)).toBe(true)
    expect(quickCheckFor(json)!(ownProto)).toBe(true)
    expect(quickCheckFor(json)!(nullProto)).toBe(true)
    expect(quickCheckFor(z.array(json))!(body.items)).toBe(true)
    expect(quickCheckFor(z.array(json))!([])).toBe(true)
  })

  it('leaves to zod what needs a look inside: constructor keys, symbols, other prototypes, non-objects', () => {
    for (const v of [{ constructor: 'x' }, withSymbol, hiddenSymbol, new Thing(), new Date(0), [1], null, 'x'])
      expect(quickCheckFor(json)!(v)).toBeUndefined()
    expect(quickCheckFor(z.array(json))!([{}, 1])).toBeUndefined()
    expect(quickCheckFor(z.array(json))!({})).toBeUndefined()
  })

  it('has no shortcut for a schema with a check, a refinement or other key and value types', () => {
    expect(quickCheckFor(z.array(json).min(1))).toBeUndefined()
    expect(quickCheckFor(z.record(z.string().min(1), z.unknown()))).toBeUndefined()
    expect(quickCheckFor(z.record(z.string(), z.string()))).toBeUndefined()
    expect(quickCheckFor(z.record(z.enum(['a']), z.unknown()))).toBeUndefined()
    expect(quickCheckFor(json.refine(() => false))).toBeUndefined()
    expect(quickCheckFor(z.array(json.and(z.object({ id: z.string() }))))).toBeUndefined()
    expect(quickCheckFor(z.string())).toBeUndefined()
  })
})

describe('Table.patch with a JSON object field', () => {
  const table = () => {
    const t = new Table('things', z.object({ id: z.number(), meta: json, list: z.array(json) }), 'id')
    return t
  }

  it('stores the plain object given (the same object, own __proto__ key kept)', async () => {
    const t = table()
    await t.insert({ id: 1, meta: {}, list: [] })
    const record = t.get(1)!
    const meta = JSON.parse('{"__proto__": {"x": 1}, "k": "v"}')
    const list = [{ a: 1 }, {}]
    t.patch(record, { meta, list })
    expect(record.meta).toBe(meta)
    expect(Object.keys(record.meta)).toEqual(['__proto__', 'k'])
    expect(record.list).toBe(list)
  })

  it('still refuses what zod refuses, changing nothing', async () => {
    const t = table()
    await t.insert({ id: 1, meta: { keep: true }, list: [] })
    const record = t.get(1)!
    expect(() => t.patch(record, { meta: new Date(0) as never })).toThrow(TableError)
    expect(() => t.patch(record, { list: [{}, 5] as never })).toThrow(/list\.1: /)
    expect(() => t.patch(record, { meta: { [Symbol('s')]: 1 } as never })).toThrow(/meta/)
    expect(record.meta).toEqual({ keep: true })
    expect(record.list).toEqual([])
  })

  it('reads each changed value once: what is stored is what was checked', async () => {
    const t = table()
    await t.insert({ id: 1, meta: {}, list: [] })
    const record = t.get(1)!
    let reads = 0
    const changes = {
      get meta() {
        reads++
        return reads === 1 ? { ok: true } : (new Date(0) as never)
      },
    }
    t.patch(record, changes)
    expect(reads).toBe(1)
    expect(record.meta).toEqual({ ok: true })
  })
})
