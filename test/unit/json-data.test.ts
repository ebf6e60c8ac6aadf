import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonDataIssue, jsonDataProblem } from '../../src/core/json-data.js'
import { buildScenarios, ScenarioError } from '../../src/core/scenario/registry.js'
import { TableError } from '../../src/core/table.js'
import { createMock, type Mock } from '../../src/create-mock.js'
import { PyBigInt, PyFloat } from '../../src/frameworks/drf/python.js'
import { PhpNumber } from '../../src/frameworks/laravel/php.js'
import { allProviders } from '../../src/providers/index.js'

/**
 * A JSON field's schema takes any value inside; what the mock stores must still be data every
 * answer renders as it is. Before this check, an in-process write of a cycle or a BigInt made
 * every later answer showing the record a 500, and a Date, a Map, NaN or undefined was rendered
 * as something else.
 */
const cyclic = () => {
  const v: Record<string, unknown> = { a: 1 }
  v.self = v
  return v
}
const sparse = () => {
  const list = [1]
  list[2] = 3 // index 1 is a hole
  return list
}
const nested = (depth: number) => {
  let v: unknown = 1
  for (let i = 0; i < depth; i++) v = [v]
  return v
}

describe('jsonDataIssue', () => {
  it.each([
    ['a string', 'x'],
    ['a finite number', -1.5],
    ['true', true],
    ['null', null],
    ['nested JSON', { a: [1, 'x', null, { b: false }], c: {} }],
    ['an object without a prototype', Object.assign(Object.create(null), { a: 1 })],
    ['an own __proto__ key', JSON.parse('{"__proto__": {"x": 1}}')],
    [
      'a shared (not cyclic) reference',
      (() => {
        const shared = { s: 1 }
        return { a: shared, b: [shared, shared] }
      })(),
    ],
    [
      "DRF's and PHP's number types",
      { f: new PyFloat(1), i: new PyBigInt('123456789012345678901'), p: new PhpNumber('float', 2) },
    ],
    ['nesting past the quick look (500 levels)', nested(500)],
  ])('takes %s', (_, value) => {
    expect(jsonDataIssue(value)).toBeUndefined()
  })

  it.each([
    ['a cycle', cyclic(), ['self'], 'a cycle (the value contains itself)'],
    [
      'a cycle through a list',
      (() => {
        const v: unknown[] = []
        v.push({ back: v })
        return { list: v }
      })(),
      ['list', 0, 'back'],
      'a cycle (the value contains itself)',
    ],
    ['a BigInt', { n: 10n }, ['n'], 'a BigInt (JSON.stringify cannot write one)'],
    ['a function', { f: () => 1 }, ['f'], 'a function (JSON has none)'],
    ['undefined', { u: undefined }, ['u'], 'undefined (JSON has none)'],
    ['a symbol value', { s: Symbol('s') }, ['s'], 'a symbol (JSON has none)'],
    ['NaN', { list: [1, Number.NaN] }, ['list', 1], 'NaN (JSON has no such number)'],
    ['Infinity', { x: Number.POSITIVE_INFINITY }, ['x'], 'Infinity (JSON has no such number)'],
    ['a Date', { d: new Date(0) }, ['d'], 'a Date, not a JSON object or array'],
    ['a Map', { m: new Map() }, ['m'], 'a Map, not a JSON object or array'],
    ['a class instance', { c: new (class Thing {})() }, ['c'], 'a Thing, not a JSON object or array'],
    ['a symbol key', { o: { [Symbol('k')]: 1 } }, ['o'], 'a symbol key (JSON has none)'],
    ['a sparse array', { l: sparse() }, ['l'], 'a sparse array (JSON has no holes)'],
  ])('refuses %s, with its path', (_, value, path, reason) => {
    expect(jsonDataIssue(value)).toEqual({ path, reason })
  })

  it('refuses nesting past its bound without using the call stack (100,000 levels)', () => {
    expect(jsonDataIssue(nested(100_000))?.reason).toBe('nested deeper than 1000 levels')
    expect(jsonDataIssue(nested(10), 5)?.reason).toBe('nested deeper than 5 levels')
  })

  it('names the path from the field', () => {
    expect(jsonDataProblem({ a: [{ b: 10n }] }, 'extra_field')).toBe(
      'extra_field.a.0.b: a BigInt (JSON.stringify cannot write one)',
    )
    expect(jsonDataProblem({ a: 1 }, 'extra_field')).toBeUndefined()
  })
})

describe('in-process writes store JSON data only', () => {
  let mock: Mock
  beforeAll(async () => {
    mock = await createMock({ baseUrls: { omnitron: 'http://omnitron.test' } })
  })
  afterAll(() => mock.reset())

  const get = async (pk: number) => {
    const res = await mock.app.fetch(
      new Request(`http://mock.test/omnitron/api/v1/order_items/${pk}/`, {
        headers: { Authorization: 'Token omnitron-test-token' },
      }),
    )
    return { status: res.status, body: await res.text() }
  }

  it.each([
    ['a cycle', cyclic(), 'extra_field.self: a cycle (the value contains itself)'],
    ['a BigInt', { n: 10n }, 'extra_field.n: a BigInt (JSON.stringify cannot write one)'],
    ['a Date', { d: new Date(0) }, 'extra_field.d: a Date, not a JSON object or array'],
    ['undefined', { u: undefined }, 'extra_field.u: undefined (JSON has none)'],
  ])(
    'db.*.patch refuses %s in a JSON field, naming it; nothing changes and the record still answers',
    async (_, value, message) => {
      const db = await mock.db('omnitron')
      const item = db.orderItems.all()[0]!
      const before = await get(item.pk)
      expect(() => db.orderItems.patch(item, { extra_field: value as never, tracking_number: 'TR-X' })).toThrow(
        new TableError(`omnitron.orderItems: invalid change (nothing changed): ${message}`, [message]),
      )
      expect(item.tracking_number).not.toBe('TR-X')
      expect(await get(item.pk)).toEqual(before)
      expect(before.status).toBe(200)
    },
  )

  it.each([
    ['a BigInt', 10n, 'reconciliation: a BigInt (JSON.stringify cannot write one)'],
    ['a function', () => 1, 'reconciliation: a function (JSON has none)'],
    ['undefined', undefined, 'reconciliation: undefined (JSON has none)'],
  ])('db.*.patch refuses %s as a whole field that takes any value (z.unknown())', async (_, value, message) => {
    const db = await mock.db('omnitron')
    const item = db.orderItems.all()[0]!
    const before = item.reconciliation
    expect(() => db.orderItems.patch(item, { reconciliation: value as never })).toThrow(
      new TableError(`omnitron.orderItems: invalid change (nothing changed): ${message}`, [message]),
    )
    expect(item.reconciliation).toBe(before)
    expect((await get(item.pk)).status).toBe(200)
  })

  it('db.*.insert and db.*.replace refuse such a value too', async () => {
    const db = await mock.db('omnitron')
    const item = db.orderItems.all()[0]!
    const copy = JSON.parse(JSON.stringify(item))
    await expect(db.orderItems.insert({ ...copy, pk: 99_999_999, extra_field: { n: 1n } })).rejects.toThrow(
      'omnitron.orderItems: invalid record: extra_field.n: a BigInt (JSON.stringify cannot write one)',
    )
    expect(db.orderItems.get(99_999_999)).toBeUndefined()
    expect(() => db.orderItems.replace(item, { ...copy, extra_field: { f: () => 1 } })).toThrow(
      'omnitron.orderItems: invalid record (nothing changed): extra_field.f: a function (JSON has none)',
    )
    expect(item.extra_field).toEqual(copy.extra_field)
  })

  it('importState lists such values as problems and imports nothing', async () => {
    const state = await mock.state()
    const items = (state as { omnitron: { orderItems: Record<string, unknown>[] } }).omnitron.orderItems
    items[0]!.extra_field = cyclic()
    items[1]!.extra_field = { d: new Date(0) }
    await expect(mock.importState(state)).rejects.toThrow(
      'State not imported (nothing changed):\n' +
        '  - omnitron.orderItems[0].extra_field.self: a cycle (the value contains itself)\n' +
        '  - omnitron.orderItems[1].extra_field.d: a Date, not a JSON object or array',
    )
    expect((await get(items[0]!.pk as number)).status).toBe(200)
  })
})

describe('scenario files hold JSON data only', () => {
  const problemsOf = (text: string) => {
    try {
      buildScenarios([{ file: 'scenarios/bad.yaml', text }], allProviders)
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError)
      return (error as ScenarioError).problems
    }
    throw new Error('expected a ScenarioError')
  }

  it('refuses an alias inside its own anchor (a cycle), placed', () => {
    const text =
      'providers:\n  omnitron:\n    orderItems:\n      - &item\n        pk: 10\n        extra_field:\n          self: *item\n'
    expect(problemsOf(text)).toEqual([
      'scenarios/bad.yaml:7:17: providers.omnitron.orderItems[0].extra_field.self: a cycle (the value contains itself)',
    ])
  })

  it.each([
    ['.nan', 'NaN (JSON has no such number)'],
    ['.inf', 'Infinity (JSON has no such number)'],
  ])('refuses %s, placed', (literal, reason) => {
    const text = `providers:\n  omnitron:\n    orderItems:\n      - pk: 10\n        extra_field:\n          x: ${literal}\n`
    expect(problemsOf(text)).toEqual([
      `scenarios/bad.yaml:6:14: providers.omnitron.orderItems[0].extra_field.x: ${reason}`,
    ])
  })
})
