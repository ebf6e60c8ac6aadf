import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { seededFaker } from '../../src/core/seeded-faker.js'
import { Table } from '../../src/core/table.js'
import { createApp } from '../../src/index.js'
import { omnitron } from '../../src/providers/omnitron/index.js'
import { orderItemRecord, orderRecord } from '../../src/providers/omnitron/schemas.js'
import { seedOmnitron } from '../../src/providers/omnitron/seed.js'

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

describe('Table.generate: a large generation is made on first need, the same records', () => {
  function setup(lazyFrom: number) {
    const a = table()
    const b = table()
    let made = 0
    const ready = (async () => {
      await a.insert(rec(1))
      await b.insert(rec(100))
      await Table.generate(
        [a, b],
        6,
        function* (emit) {
          for (let i = 0; i < 3; i++) {
            made++
            emit(a, [rec(10 + i)])
            emit(b, [rec(200 + 2 * i, 'g'), rec(201 + 2 * i, 'g')])
            yield
          }
        },
        lazyFrom,
      )
    })()
    return { a, b, ready, made: () => made }
  }

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
    const reads: [string, (t: ReturnType<typeof setup>) => unknown][] = [
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

describe('Omnitron generated records', () => {
  it('are what the schema makes of them (valid, keys in its order): inserting them as they are changes nothing', async () => {
    const refDate = new Date('2025-01-24T00:00:00Z')
    const db = await seedOmnitron(omnitron.scenarioSchema.parse({ generate: { orders: 40, itemsPerOrder: 5 } }), {
      faker: seededFaker(3, refDate),
      refDate,
    })
    expect(db.orderItems.size).toBe(200)
    for (const [t, schema] of [
      [db.orders, orderRecord],
      [db.orderItems, orderItemRecord],
    ] as const) {
      for (const record of t.all()) expect(JSON.stringify(schema.parse(record))).toBe(JSON.stringify(record))
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
