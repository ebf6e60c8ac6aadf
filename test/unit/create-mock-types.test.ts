/** Point 12 of the first-hour issue: names, types and handles a TypeScript user relies on. */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { TableError } from '../../src/core/table.js'
import { createHandlers } from '../../src/msw.js'
import {
  type AymakanOrderRequest,
  createMock,
  type OmnitronOrderItemResponse,
  type OmnitronOrderItemUpdateRequest,
  type OmnitronOrderStatus,
  type OrderItemRecord,
  type ProviderState,
} from '../../src/node/index.js'
import { ORDER_ITEM_KEYS } from '../../src/providers/omnitron/serialize.js'

const BASE = 'https://omnitron.example.com'
const mock = await createMock({ baseUrls: { omnitron: BASE } })
const server = setupServer(...mock.handlers)
const AUTH = { Authorization: 'Token omnitron-test-token' }

describe('createMock(): typed, validated, session-bound', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => mock.reset())
  afterAll(() => server.close())

  it('db.orderItems is the collection scenario files and /__mock/state call orderItems; db.items an alias', async () => {
    const db = await mock.db('omnitron')
    expect(db.orderItems.get(1340653)).toMatchObject({ order: 946856, status: '400' })
    // biome-ignore lint/suspicious/noExplicitAny: the deprecated alias, read on purpose
    expect((db as any).items.get(1340653)).toBe(db.orderItems.get(1340653))
    const state = await mock.state()
    expect(state.omnitron.orderItems.find((i) => i.pk === 1340653)).toEqual({ ...db.orderItems.get(1340653) })
  })

  it('mock.state() is typed from the providers tables', async () => {
    const state = await mock.state()
    expectTypeOf(state).toEqualTypeOf<ProviderState>()
    expectTypeOf(state.omnitron.orderItems).toEqualTypeOf<OrderItemRecord[]>()
    expectTypeOf(state.aymakan.orders[0]!.order_id).toEqualTypeOf<string>()
    expectTypeOf(state.hamgam).toHaveProperty('payments')
    // @ts-expect-error not a collection of Omnitron's
    state.omnitron.items
  })

  it('db.*.patch validates each changed field as an import would, and changes nothing when refused', async () => {
    const db = await mock.db('omnitron')
    const item = db.orderItems.get(1340653)!
    const bad = { status: 'shipped', price_list: 'x', nope: 1 } as unknown as Partial<OrderItemRecord>
    let thrown: unknown
    try {
      db.orderItems.patch(item, { tracking_number: 'TRK-OK', ...bad })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(TableError)
    expect((thrown as TableError).problems).toEqual([
      expect.stringMatching(/^status: /),
      expect.stringMatching(/^price_list: /),
      'nope: unknown field',
    ])
    expect(item).toMatchObject({ status: '400', tracking_number: null })
    expect(() => db.orderItems.patch(item, { pk: 1 })).toThrow(/key cannot change/)
    db.orderItems.patch(item, { tracking_number: 'TRK-OK' })
    const res = await fetch(`${BASE}/api/v1/order_items/1340653/`, { headers: AUTH })
    expect((await res.json()).tracking_number).toBe('TRK-OK')
  })

  it('db.*.patch takes a value equal to the stored one as it is, and still checks a changed one', async () => {
    const db = await mock.db('omnitron', { session: 'same-value' })
    const item = db.orderItems.get(1340653)!
    const extra = structuredClone(item.extra_field)
    db.orderItems.patch(item, { extra_field: extra, status: item.status })
    expect(item.extra_field).toBe(extra)
    const changed = { ...extra, nested: { deep: [1, { ok: true }] } }
    db.orderItems.patch(item, { extra_field: changed })
    expect(item.extra_field).toEqual(changed)
    expect(() => db.orderItems.patch(item, { status: '999' as never })).toThrow(TableError)
    expect(item.status).toBe('400')
  })

  it('db.*.patch remembers only what a field accepted: a value refused stays refused on any record, an accepted one passes', async () => {
    const db = await mock.db('omnitron', { session: 'accepted-memo' })
    const [a, b] = db.orderItems.all()
    db.orderItems.patch(a!, { modified_date: '2025-02-01T10:00:00.000000Z' })
    expect(() => db.orderItems.patch(b!, { modified_date: 'yesterday' })).toThrow(/modified_date: /)
    expect(() => db.orderItems.patch(a!, { modified_date: 'yesterday' })).toThrow(/modified_date: /)
    expect(() => db.orderItems.patch(b!, { status: '999' as never })).toThrow(/status: /)
    db.orderItems.patch(b!, { modified_date: '2025-02-01T10:00:00.000000Z' })
    expect([a!.modified_date, b!.modified_date]).toEqual(['2025-02-01T10:00:00.000000Z', '2025-02-01T10:00:00.000000Z'])
  })

  it('a session selector is checked as the control headers are, never coerced', async () => {
    const SESSION_RULE =
      "A selector's session is a session id of 1 to 128 visible ASCII characters (no spaces), as X-Mock-Session's"
    for (const call of [
      (s: never) => mock.db('omnitron', s),
      (s: never) => mock.state(s),
      (s: never) => mock.requests(s),
      (s: never) => mock.countRequests(s),
      (s: never) => mock.clearRequests(s),
    ]) {
      await expect(call(null as never)).rejects.toThrow(
        new TypeError('A session selector is an object ({ scenario?, session? }), got null'),
      )
      await expect(call([] as never)).rejects.toThrow('got an array')
      await expect(call({ scenario: 5 } as never)).rejects.toThrow(
        "A selector's scenario is a scenario name (a string), got number",
      )
      await expect(call({ session: {} } as never)).rejects.toThrow(`${SESSION_RULE}, got object`)
      await expect(call({ session: 'has space' } as never)).rejects.toThrow(
        `${SESSION_RULE}, got "has space" (9 characters)`,
      )
      await expect(call({ session: 'x'.repeat(129) } as never)).rejects.toThrow('(129 characters)')
    }
    expect(() => mock.reset({ session: '' })).toThrow(`${SESSION_RULE}, got "" (0 characters)`)
    // An inherited key selects nothing: this is the default session, not "other".
    const db = await mock.db('omnitron', Object.create({ session: 'other' }))
    db.orders.patch(db.orders.get(12345)!, { is_send: true })
    expect((await mock.db('omnitron')).orders.get(12345)!.is_send).toBe(true)
    expect((await mock.db('omnitron', { session: 'other' })).orders.get(12345)!.is_send).toBe(false)
    // The longest id the header takes is taken here too.
    await expect(mock.db('omnitron', { session: 'x'.repeat(128) })).resolves.toBeDefined()
  })

  it("a db handle keeps the seeding's unvalidated writes and the tables' methods out of reach", async () => {
    const db = await mock.db('omnitron', { session: 'internals' })
    // biome-ignore lint/suspicious/noExplicitAny: reaching for members a user should not call, on purpose
    const items = db.orderItems as any
    expect(() => items.adopt).toThrow(
      "db.<collection>.adopt is the seeding's own: it stores records unvalidated; change records with patch, insert, replace or delete, which validate",
    )
    expect(() => items.prepareReplace).toThrow(/use mock\.importState\(state\)/)
    expect(() => items.collection).toThrow(
      /its writes skip the table's checks and indexes; read with get, all or findMany/,
    )
    expect(() => {
      items.patch = () => undefined
    }).toThrow(
      'db.<collection>.patch cannot be assigned: change records with patch, insert, replace or delete, which validate',
    )
    // The app's table is untouched: a write over HTTP still goes through its patch.
    const res = await fetch(`${BASE}/api/v1/order_items/1340653/`, {
      method: 'PATCH',
      headers: { ...AUTH, 'Content-Type': 'application/json', 'X-Mock-Session': 'internals' },
      body: JSON.stringify({ tracking_number: 'TR-INTERNALS' }),
    })
    expect(res.status).toBe(200)
    expect(db.orderItems.get(1340653)!.tracking_number).toBe('TR-INTERNALS')
    expect(db.orderItems.findMany).toBeTypeOf('function')
  })

  it('a db handle taken before reset() throws a clear error; a new handle reads the re-seeded session', async () => {
    const db = await mock.db('omnitron', { session: 'h1' })
    const orders = db.orders
    orders.patch(orders.get(12345)!, { is_send: true })
    mock.reset()
    expect(() => db.orders).toThrow(/session "h1" of scenario "default", which mock\.reset\(\) .* has dropped/)
    expect(() => orders.get(12345)).toThrow(/await mock\.db\('omnitron', \{ session: 'h1' \}\)/)
    expect((await mock.db('omnitron', { session: 'h1' })).orders.get(12345)!.is_send).toBe(false)
  })

  it('the documented payload types come from the root entry', async () => {
    const sent: OmnitronOrderItemUpdateRequest = { status: '450', tracking_number: 'TRK-2' }
    const res = await fetch(`${BASE}/api/v1/order_items/1340653/`, {
      method: 'PATCH',
      headers: { ...AUTH, 'Content-Type': 'application/json' },
      body: JSON.stringify(sent),
    })
    const body = (await res.json()) as OmnitronOrderItemResponse
    expect(Object.keys(body)).toEqual([...ORDER_ITEM_KEYS])
    expect(body.tracking_number).toBe('TRK-2')
    expectTypeOf(body.status).toEqualTypeOf<OmnitronOrderStatus>()
    expectTypeOf<OmnitronOrderItemUpdateRequest['status']>().toEqualTypeOf<OmnitronOrderStatus | undefined>()
    expectTypeOf<AymakanOrderRequest['payment_method']>().toEqualTypeOf<'prepaid' | 'postpaid'>()
  })

  it('baseUrls takes provider names only', () => {
    // @ts-expect-error a misspelt provider is a type error
    expect(() => createHandlers({ app: mock.app, baseUrls: { omnitorn: BASE } })).toThrow(
      'createHandlers: baseUrls names no mounted provider "omnitorn" (known: omnitron, hamgam, aymakan)',
    )
  })
})
