import type { Faker } from '@faker-js/faker'
import type { SeedContext } from '../../core/provider.js'
import { storeKey } from '../../core/store.js'
import { Table } from '../../core/table.js'
import { newOrder } from './build.js'
import { type AymakanSection, ORDER_STATUSES, orderRecord } from './schemas.js'

/** The typed handle on a session's aymakan store (routes and createMock().db read it). */
export const aymakanStore = storeKey<AymakanDb>('aymakan')

/** One session's Aymakan state. */
export interface AymakanDb {
  orders: Table<typeof orderRecord, 'order_id'>
  apiKeys: ReadonlySet<string>
  skus: ReadonlyMap<string, { sku_code: string; name?: string | undefined }>
  hubs: readonly string[]
  sellerName: string
  /** Counter behind the object ids of order items created by requests. */
  objectCounter: number
  /** Insertion sequence of orders. */
  seq: number
}

export async function seedAymakan(section: AymakanSection | undefined, ctx: SeedContext): Promise<AymakanDb> {
  const { refDate } = ctx
  const s = section ?? {
    apiKeys: [],
    sellerName: 'Mock Store',
    hubs: ['mockHub'],
    skus: [],
    orders: [],
    generate: { orders: 0 },
  }
  const db: AymakanDb = {
    orders: new Table('aymakan.orders', orderRecord, 'order_id', { indexes: ['status'] }),
    apiKeys: new Set(s.apiKeys),
    skus: new Map(s.skus.map((k) => [k.sku_code, k])),
    hubs: s.hubs,
    sellerName: s.sellerName,
    objectCounter: 0,
    seq: s.orders.length + s.generate.orders,
  }
  const now = refDate.toISOString().replace('.000Z', 'Z')
  // The faker is this session's own: draws made later (a generation made on first need) see the same sequence.
  const ids = { objectId: () => ctx.faker.database.mongodbObjectId(), now }
  let seq = 0
  await Table.seed([db.orders], {
    template: ctx.template,
    // The scenario's own orders, built as a create request would build them: validated, as any record the scenario writes.
    own(emit) {
      for (const o of s.orders) {
        const order = newOrder(o, ids, {
          status: o.status,
          hubCode: o.hub_code ?? s.hubs[0]!,
          sellerName: s.sellerName,
          seq: seq++,
          ...(o.delivery_type !== undefined && { deliveryType: o.delivery_type }),
          ...(o.transactions !== undefined && { transactions: o.transactions }),
        })
        emit(db.orders, [db.orders.validated(order)])
      }
    },
    // Generated records are valid by construction: adopted as they are.
    generated: s.generate.orders,
    *generate(emit) {
      const { faker } = ctx
      for (let i = 0; i < s.generate.orders; i++) {
        const order = newOrder(fakeInput(faker, refDate, s), ids, {
          status: faker.helpers.arrayElement(ORDER_STATUSES),
          hubCode: s.hubs[0]!,
          sellerName: s.sellerName,
          seq: seq++,
        })
        emit(db.orders, [order])
        yield
      }
    },
  })
  return db
}

function fakeInput(faker: Faker, refDate: Date, s: AymakanSection) {
  const sku = faker.helpers.arrayElement(s.skus)
  const price = faker.number.int({ min: 10, max: 900 })
  return {
    order_id: `ord-${faker.string.alphanumeric({ length: 12, casing: 'lower' })}`,
    order_created_at: faker.date
      .past({ years: 1, refDate })
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
    payment_method: faker.helpers.arrayElement(['prepaid', 'postpaid']),
    order_items: [
      { sku_code: sku.sku_code, name: sku.name, quantity: 1, unit_price: price, selling_price: price, total: price },
    ],
    shipping_address: {
      address1: faker.location.streetAddress(),
      city: faker.location.city(),
      country: 'Saudi Arabia',
      country_code: 'SA',
      first_name: faker.person.firstName(),
      last_name: faker.person.lastName(),
      phone: faker.phone.number(),
    },
    invoice: { currency: 'SAR', subtotal: price, total: price, total_paid: price },
  }
}
