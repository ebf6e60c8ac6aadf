import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { AnyProvider } from '../../src/core/provider.js'
import { buildScenarios } from '../../src/core/scenario/registry.js'
import { seededFaker } from '../../src/core/seeded-faker.js'
import { type SeedTemplate, Table } from '../../src/core/table.js'
import { BUNDLED_SCENARIO_SOURCES } from '../../src/generated/scenarios.js'
import { createApp } from '../../src/index.js'
import { allProviders } from '../../src/providers/index.js'
import { omnitronStore } from '../../src/providers/omnitron/seed.js'

const row = z.object({ id: z.number().int(), group: z.string(), data: z.record(z.string(), z.unknown()) })
const table = () => new Table('t.rows', row, 'id', { indexes: ['group'] })
const rec = (id: number, group = 'a') => ({ id, group, data: { n: id } })

describe('Table.adopt: generated records, as they are', () => {
  it('holds the very objects given, in the @msw/data collection (queries, count, delete)', async () => {
    const t = table()
    await t.insert(rec(1))
    const given = [rec(2), rec(3, 'b')]
    await t.adopt(given)
    expect(t.get(2)).toBe(given[0])
    expect(t.all().map((r) => r.id)).toEqual([1, 2, 3])
    expect(t.collection.count()).toBe(3)
    expect(t.findMany((q) => q.where((r: { group: string }) => r.group === 'b'))).toEqual([given[1]])
    expect(t.where('group', 'a').map((r) => r.id)).toEqual([1, 2])
    expect(t.nextKey()).toBe(4)
    expect(t.delete(2)).toBe(true)
    expect(t.all().map((r) => r.id)).toEqual([1, 3])
    expect(t.collection.count()).toBe(2)
  })

  it('a duplicate key, against the table or within the list, inserts none', async () => {
    const t = table()
    await t.insert(rec(1))
    await expect(t.adopt([rec(5), rec(1)])).rejects.toThrow('t.rows: duplicate id 1')
    await expect(t.adopt([rec(6), rec(6)])).rejects.toThrow('t.rows: duplicate id 6')
    expect(t.all().map((r) => r.id)).toEqual([1])
  })
})

function seedTwo(lazyFrom: number, template?: SeedTemplate) {
  const a = table()
  const b = table()
  let made = 0
  const ready = Table.seed([a, b], {
    lazyFrom,
    ...(template && { template }),
    own(emit) {
      emit(a, [a.validated(rec(1))])
      emit(b, [b.validated(rec(100))])
    },
    generated: 9,
    *generate(emit) {
      for (let i = 0; i < 3; i++) {
        made++
        emit(a, [rec(10 + i)])
        emit(b, [rec(200 + 2 * i, 'g'), rec(201 + 2 * i, 'g')])
        yield
      }
    },
  })
  return { a, b, ready, made: () => made }
}

function setupWith(template: SeedTemplate) {
  return seedTwo(Number.POSITIVE_INFINITY, template)
}

describe('Table.seed: a large generation is made on first need, the same records', () => {
  const setup = (lazyFrom: number) => seedTwo(lazyFrom)

  it("a scenario record's key is found without making the generated ones; any other read makes them all", async () => {
    const lazy = setup(1)
    await lazy.ready
    expect(lazy.made()).toBe(0)
    expect(lazy.a.get(1)?.id).toBe(1)
    expect(lazy.b.get(100)?.id).toBe(100)
    expect(lazy.made()).toBe(0)
    // A key only a generated record has: both tables are filled, in the order the steps ran.
    expect(lazy.b.get(203)?.id).toBe(203)
    expect(lazy.made()).toBe(3)
    expect(lazy.a.all().map((r) => r.id)).toEqual([1, 10, 11, 12])
    expect(lazy.b.all().map((r) => r.id)).toEqual([100, 200, 201, 202, 203, 204, 205])
  })

  it('lazy and eager give the same tables; each kind of read makes the records first', async () => {
    const eager = setup(Number.POSITIVE_INFINITY)
    await eager.ready
    expect(eager.made()).toBe(3)
    const reads: [string, (t: ReturnType<typeof seedTwo>) => unknown][] = [
      ['all', (t) => t.a.all()],
      ['size', (t) => t.a.size],
      ['where', (t) => t.b.where('group', 'g')],
      ['findMany', (t) => t.a.findMany()],
      ['nextKey', (t) => t.a.nextKey()],
      ['has (unknown key)', (t) => t.a.has(999)],
      ['snapshot', (t) => t.b.snapshot()],
      ['collection', (t) => t.a.collection.count()],
    ]
    for (const [name, read] of reads) {
      const lazy = setup(1)
      await lazy.ready
      expect(JSON.stringify(read(lazy)), name).toBe(JSON.stringify(read(eager)))
      expect(lazy.a.snapshot(), name).toEqual(eager.a.snapshot())
      expect(lazy.b.snapshot(), name).toEqual(eager.b.snapshot())
    }
  })

  it('an insert comes after the generated records and finds their keys taken', async () => {
    const lazy = setup(1)
    await lazy.ready
    await expect(lazy.a.insert(rec(11))).rejects.toThrow('duplicate id 11')
    await lazy.a.insert(rec(50))
    expect(lazy.a.all().map((r) => r.id)).toEqual([1, 10, 11, 12, 50])
  })

  it('replacing one table (state import) keeps the generated records of the other', async () => {
    const lazy = setup(1)
    await lazy.ready
    const swap = await lazy.a.prepareReplace([rec(7)])
    swap()
    expect(lazy.a.all().map((r) => r.id)).toEqual([7])
    expect(lazy.b.all().map((r) => r.id)).toEqual([100, 200, 201, 202, 203, 204, 205])
  })
})

describe("Table.seed: a small seed is kept for the scenario's next sessions", () => {
  it('the next session gets equal records, its own copies, made without drawing; writes to either stay theirs', async () => {
    const template: SeedTemplate = {}
    const first = setupWith(template)
    await first.ready
    expect(first.made()).toBe(3)
    first.a.patch(first.a.get(1)!, { data: { n: -1 } })
    first.b.get(200)!.data.n = -2
    const second = setupWith(template)
    await second.ready
    expect(second.made()).toBe(0)
    expect(second.a.get(1)!.data).toEqual({ n: 1 })
    expect(second.b.get(200)!.data).toEqual({ n: 200 })
    expect(second.b.all().map((r) => r.id)).toEqual([100, 200, 201, 202, 203, 204, 205])
    second.a.get(10)!.data.n = -3
    const third = setupWith(template)
    await third.ready
    expect(third.a.get(10)!.data).toEqual({ n: 10 })
    expect(third.a.get(10)).not.toBe(second.a.get(10))
  })

  it("a scenario's own record is copied: the scenario's objects are never the store's", async () => {
    const own = { id: 1, group: 'a', data: { nested: { deep: [1, 2] } } }
    const t = table()
    await Table.seed([t], { own: (emit) => emit(t, [t.validated(own)]), generated: 0 })
    ;(t.get(1)!.data.nested as { deep: number[] }).deep.push(3)
    expect(own.data.nested.deep).toEqual([1, 2])
  })

  it("a caller changing a record it got (createMock().db) changes that session only, never the scenario's next sessions", async () => {
    const app = createApp({})
    const a = (await app.engine.session('default', 'a')).stores.get(omnitronStore)
    const order = a.orders.get(12345)!
    const note = order.extra_field.custom_note
    expect(note).toBeTypeOf('string')
    order.extra_field.custom_note = 'changed in a'
    a.orderItems.get(7105)!.attributes.colour = 'changed in a'
    expect(a.orders.get(12345)!.extra_field.custom_note).toBe('changed in a')
    const b = (await app.engine.session('default', 'b')).stores.get(omnitronStore)
    expect(b.orders.get(12345)!.extra_field.custom_note).toBe(note)
    expect(b.orderItems.get(7105)!.attributes.colour).toBeUndefined()
  })

  it('a "__proto__" key in a scenario record gives the same record in every session (the first, and the copies after it)', async () => {
    const app = createApp({
      bundledScenarios: false,
      defaultScenario: 'p',
      scenarioSources: [
        {
          file: 'p.yaml',
          text: 'providers:\n  omnitron:\n    orders:\n      - pk: 1\n        extra_field: { __proto__: { polluted: true }, a: 1 }\n',
        },
      ],
    })
    const texts: string[] = []
    for (const session of ['one', 'two', 'three']) {
      const res = await app.request('/__mock/state/omnitron/orders/1', { headers: { 'X-Mock-Session': session } })
      expect(res.status).toBe(200)
      const { record } = (await res.json()) as { record: { extra_field: Record<string, unknown> } }
      expect(record.extra_field.a).toBe(1)
      texts.push(JSON.stringify(record))
    }
    expect(texts[1]).toBe(texts[0])
    expect(texts[2]).toBe(texts[0])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('an invalid own record fails the seed with the error insert gives', async () => {
    const t = table()
    const bad = { id: 1, group: 2, data: {} } as never
    const insertError = await t.insert(bad).catch((e: Error) => e.message)
    await expect(Table.seed([t], { own: (emit) => emit(t, [t.validated(bad)]), generated: 0 })).rejects.toThrow(
      insertError as string,
    )
  })
})

describe('generated records (adopted without validation)', () => {
  it("are what their schema makes of them, every provider's (valid, keys in its order): adopting them as they are changes nothing", async () => {
    const refDate = new Date('2025-01-24T00:00:00Z')
    const scenario = buildScenarios(
      [
        ...BUNDLED_SCENARIO_SOURCES,
        {
          file: 'g.yaml',
          text: 'extends: default\nproviders:\n  omnitron: { generate: { orders: 40, itemsPerOrder: 5 } }\n  hamgam: { generate: { orders: 40, itemsPerOrder: 4 } }\n  aymakan: { generate: { orders: 60 } }\n',
        },
      ],
      allProviders,
    ).get('g')!
    for (const provider of allProviders) {
      // Only the generated records: the section without the scenario's own.
      const section = {
        ...(scenario.providers[provider.name] as object),
        orders: [],
        orderItems: [],
        items: [],
        payments: [],
      }
      const faker = seededFaker(3, refDate)
      // The engine holds providers of every kind the same way (AnyProvider).
      const any = provider as AnyProvider
      const db = await any.seed(section, { faker, refDate })
      let checked = 0
      for (const table of Object.values(any.tables(db))) {
        for (const record of table.all()) {
          expect(JSON.stringify(table.schema.parse(record)), `${table.name} ${checked}`).toBe(JSON.stringify(record))
          checked++
        }
      }
      expect(checked, provider.name).toBeGreaterThanOrEqual(60)
    }
  })
})

describe('generated data is pinned', () => {
  // A digest of GET /__mock/state: any change to what a scenario seed generates (a faker upgrade, a cheaper
  // draw, a lazy path) shows here. Users' snapshots rely on the same seed giving the same records.
  it('a scenario with every provider generating gives the same state, byte for byte', async () => {
    const app = createApp({
      scenarioSources: [
        {
          file: 'pinned.yaml',
          text: 'extends: default\nseed: 7\nproviders:\n  omnitron: { generate: { orders: 60, itemsPerOrder: 100 } }\n  hamgam: { generate: { orders: 30, itemsPerOrder: 3 } }\n  aymakan: { generate: { orders: 40 } }\n',
        },
      ],
    })
    const res = await app.request('/__mock/state', { headers: { 'X-Mock-Scenario': 'pinned' } })
    const text = await res.text()
    expect(res.status).toBe(200)
    expect(
      (JSON.parse(text) as { state: { omnitron: { orderItems: unknown[] } } }).state.omnitron.orderItems,
    ).toHaveLength(6012)
    expect(createHash('sha256').update(text).digest('hex')).toBe(
      '994fd472f02af597def4911eb98f6fc68de43c89037f712dff8d191657528bba',
    )
  })
})
