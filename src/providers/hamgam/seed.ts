import type { Faker } from '@faker-js/faker'
import { instantFromDate } from '../../core/clock.js'
import { freeKeys } from '../../core/free-keys.js'
import type { SeedContext } from '../../core/provider.js'
import { storeKey } from '../../core/store.js'
import { Table } from '../../core/table.js'
import { formatDrfDateTime } from '../../frameworks/drf/datetime-format.js'
import { DEFAULT_DRF_SETTINGS, type DrfSettings } from '../../frameworks/drf/settings.js'
import {
  type HamgamSection,
  type HamgamUser,
  type ItemRecord,
  itemRecord,
  type OrderRecord,
  orderRecord,
  type PaymentRecord,
  type ProductRecord,
  paymentRecord,
} from './schemas.js'

type Catalogue<T extends { id: number }> = ReadonlyMap<number, T>

/** The typed handle on a session's hamgam store (routes and createMock().db read it). */
export const hamgamStore = storeKey<HamgamDb>('hamgam')

/** One session's Hamgam state. */
export interface HamgamDb {
  /** How the provider runs DRF (scenario `drf`): parsers, release line. */
  drf: DrfSettings
  orders: Table<typeof orderRecord, 'id'>
  items: Table<typeof itemRecord, 'id'>
  payments: Table<typeof paymentRecord, 'id'>
  tokens: ReadonlyMap<string, HamgamUser>
  products: Catalogue<ProductRecord>
  customers: Catalogue<HamgamSection['customers'][number]>
  paymentMethods: Catalogue<HamgamSection['paymentMethods'][number]>
  shippingMethods: Catalogue<HamgamSection['shippingMethods'][number]>
  countries: Catalogue<HamgamSection['countries'][number]>
  states: Catalogue<HamgamSection['states'][number]>
  cities: Catalogue<HamgamSection['cities'][number]>
}

const GENERATED_ORDER_ID = 900_001
const GENERATED_ITEM_ID = 9_000_001

const byId = <T extends { id: number }>(list: readonly T[]) => new Map(list.map((r) => [r.id, r]))

/** A hand-written record over a generated one; a written created_at without updated_at carries over. */
function over<T extends { created_at: string; updated_at: string }>(generated: T, written: Partial<T>): T {
  const merged = { ...generated, ...written }
  if (written.created_at !== undefined && written.updated_at === undefined) merged.updated_at = written.created_at
  return merged
}
const drfDate = (d: Date) => formatDrfDateTime(instantFromDate(d))

/** The product snapshot an item keeps (product_data). */
export function productSnapshot(p: ProductRecord): Record<string, unknown> {
  return { id: p.id, name: p.name, sku: p.sku, price: p.price }
}

export async function seedHamgam(section: HamgamSection | undefined, ctx: SeedContext): Promise<HamgamDb> {
  const { refDate } = ctx
  const s: HamgamSection = section ?? {
    drf: DEFAULT_DRF_SETTINGS,
    users: [],
    products: [],
    customers: [],
    paymentMethods: [],
    shippingMethods: [],
    countries: [],
    states: [],
    cities: [],
    orders: [],
    items: [],
    payments: [],
    generate: { orders: 0, itemsPerOrder: 0 },
  }
  const products = byId(s.products)
  const db: HamgamDb = {
    drf: s.drf,
    orders: new Table('hamgam.orders', orderRecord, 'id'),
    items: new Table('hamgam.items', itemRecord, 'id', { indexes: ['order'] }),
    payments: new Table('hamgam.payments', paymentRecord, 'id', { indexes: ['order'] }),
    tokens: new Map(s.users.map((u) => [u.token, u])),
    products,
    customers: byId(s.customers),
    paymentMethods: byId(s.paymentMethods),
    shippingMethods: byId(s.shippingMethods),
    countries: byId(s.countries),
    states: byId(s.states),
    cities: byId(s.cities),
  }
  // The faker is this session's own: draws made later (a generation made on first need) see the same sequence.
  await Table.seed([db.orders, db.items, db.payments], {
    template: ctx.template,
    // The scenario's own records, each over a fake: validated, as any record the scenario writes.
    own(emit) {
      const { faker } = ctx
      for (const o of s.orders)
        emit(db.orders, [db.orders.validated(over(fakeOrder(o.id, faker, refDate, s), o as Partial<OrderRecord>))])
      for (const raw of s.items) {
        const it = raw as Partial<ItemRecord> & { id: number; order: number; product: number }
        emit(db.items, [
          db.items.validated(over(fakeItem(it.id, it.order, products.get(it.product)!, faker, refDate), it)),
        ])
      }
      for (const raw of s.payments) {
        const p = raw as Partial<PaymentRecord> & { id: number; order: number }
        emit(db.payments, [db.payments.validated(over(fakePayment(p.id, p.order, faker, refDate, s), p))])
      }
    },
    // Generated records are valid by construction: adopted as they are.
    generated: s.generate.orders * (1 + s.generate.itemsPerOrder),
    *generate(emit) {
      const { faker } = ctx
      const orderId = freeKeys(
        GENERATED_ORDER_ID,
        s.orders.map((o) => o.id),
      )
      const itemId = freeKeys(
        GENERATED_ITEM_ID,
        s.items.map((it) => it.id),
      )
      for (let i = 0; i < s.generate.orders; i++) {
        const order = fakeOrder(orderId(), faker, refDate, s)
        const items: ItemRecord[] = []
        for (let k = 0; k < s.generate.itemsPerOrder; k++)
          items.push(fakeItem(itemId(), order.id, faker.helpers.arrayElement(s.products), faker, refDate))
        emit(db.orders, [order])
        emit(db.items, items)
        yield
      }
    },
  })
  return db
}

const pick = <T extends { id: number }>(faker: Faker, list: readonly T[]) =>
  list.length ? faker.helpers.arrayElement(list).id : null

function fakeOrder(id: number, faker: Faker, refDate: Date, s: HamgamSection): OrderRecord {
  const created = faker.date.past({ years: 1, refDate })
  return {
    id,
    key: faker.string.alphanumeric({ length: 12, casing: 'upper' }),
    status: faker.helpers.arrayElement(['new', 'processing', 'processing', 'hold'] as const),
    customer: pick(faker, s.customers),
    payment_method: pick(faker, s.paymentMethods),
    shipping_method: pick(faker, s.shippingMethods),
    shipping_cost: faker.helpers.arrayElement([0, 250_000, 450_000]),
    notes: '',
    extra: {},
    created_at: drfDate(created),
    updated_at: drfDate(new Date(created.getTime() + 3_600_000)),
    billing_country: pick(faker, s.countries),
    billing_state: pick(faker, s.states),
    billing_city: pick(faker, s.cities),
    billing_address: faker.location.streetAddress(),
    billing_postal_code: faker.string.numeric(10),
    billing_national_code: faker.string.numeric(10),
    billing_mobile_number: `09${faker.string.numeric(9)}`,
    billing_first_name: faker.person.firstName(),
    billing_last_name: faker.person.lastName(),
  }
}

function fakeItem(id: number, order: number, product: ProductRecord, faker: Faker, refDate: Date): ItemRecord {
  const created = faker.date.past({ years: 1, refDate })
  return {
    id,
    order,
    product: product.id,
    product_name: product.name,
    product_data: productSnapshot(product),
    unit_price: product.price,
    unit_discount: 0,
    quantity: faker.number.int({ min: 1, max: 3 }),
    notes: '',
    created_at: drfDate(created),
    updated_at: drfDate(created),
  }
}

function fakePayment(id: number, order: number, faker: Faker, refDate: Date, s: HamgamSection): PaymentRecord {
  const created = faker.date.past({ years: 1, refDate })
  return {
    id,
    order,
    payment_method: pick(faker, s.paymentMethods) ?? 1,
    amount: faker.number.int({ min: 10_000, max: 5_000_000 }),
    approved: true,
    transaction_id: faker.string.alphanumeric(16),
    notes: '',
    created_at: drfDate(created),
    updated_at: drfDate(created),
  }
}
