import type { Faker } from '@faker-js/faker'
import { instantFromDate } from '../../core/clock.js'
import { freeKeys } from '../../core/free-keys.js'
import type { SeedContext } from '../../core/provider.js'
import { storeKey } from '../../core/store.js'
import { Table } from '../../core/table.js'
import { formatDrfDateTime } from '../../frameworks/drf/datetime-format.js'
import { DEFAULT_DRF_SETTINGS, type DrfSettings } from '../../frameworks/drf/settings.js'
import {
  DEFAULT_SHIPPING_COMPANIES,
  type OmnitronSection,
  type OrderItemRecord,
  type OrderRecord,
  orderItemRecord,
  orderRecord,
  type TransitionPolicy,
} from './schemas.js'

export interface OmnitronUser {
  username: string
  password: string
  token: string
}

/** The typed handle on a session's omnitron store (routes and createMock().db read it). */
export const omnitronStore = storeKey<OmnitronDb>('omnitron')

/** One session's Omnitron state. */
export interface OmnitronDb {
  /** How the provider runs DRF (scenario `drf`): parsers, release line. */
  drf: DrfSettings
  orders: Table<typeof orderRecord, 'pk'>
  /** The order items: the name scenario files and /__mock/state use. */
  orderItems: Table<typeof orderItemRecord, 'pk'>
  /** @deprecated Since 0.2.0: the same table as `orderItems` (the name scenario files and /__mock/state use); removed in 0.3.0. */
  readonly items: Table<typeof orderItemRecord, 'pk'>
  users: readonly OmnitronUser[]
  tokens: ReadonlyMap<string, OmnitronUser>
  shippingCompanies: readonly string[]
  dataSources: ReadonlySet<number>
  shippingOptionGroups: ReadonlySet<number>
  /** The scenario's transition policy (`settings.transitions`): what omnitron.item.final-status-is-final reads. */
  transitions: TransitionPolicy
}

/** First pks of generated records: clear of any hand-written fixture. */
const GENERATED_ORDER_PK = 900_001
const GENERATED_ITEM_PK = 9_000_001

export async function seedOmnitron(section: OmnitronSection | undefined, ctx: SeedContext): Promise<OmnitronDb> {
  const { refDate } = ctx
  const orderItems = new Table('omnitron.orderItems', orderItemRecord, 'pk', { indexes: ['order'] })
  const db: OmnitronDb = {
    drf: section?.drf ?? DEFAULT_DRF_SETTINGS,
    orders: new Table('omnitron.orders', orderRecord, 'pk'),
    orderItems,
    items: orderItems,
    users: section?.users ?? [],
    tokens: new Map((section?.users ?? []).map((u) => [u.token, u])),
    shippingCompanies: section?.shippingCompanies ?? DEFAULT_SHIPPING_COMPANIES,
    dataSources: new Set(section?.dataSources ?? []),
    shippingOptionGroups: new Set(section?.shippingOptionGroups ?? []),
    transitions: section?.settings.transitions ?? 'documented',
  }
  const generate = section?.generate ?? { orders: 0, itemsPerOrder: 0 }
  const ownOrders = section?.orders ?? []
  const ownItems = section?.orderItems ?? []
  // The faker is this session's own: draws made later (a generation made on first need) see the same sequence.
  await Table.seed([db.orders, db.orderItems], {
    template: ctx.template,
    // The scenario's own records, each over a fake: validated, as any record the scenario writes.
    own(emit) {
      const { faker } = ctx
      for (const o of ownOrders) emit(db.orders, [db.orders.validated({ ...fakeOrder(o.pk, faker, refDate), ...o })])
      for (const it of ownItems)
        emit(db.orderItems, [db.orderItems.validated({ ...fakeItem(it.pk, it.order, faker, refDate), ...it })])
    },
    // Generated records are valid by construction: adopted as they are.
    generated: generate.orders * (1 + generate.itemsPerOrder),
    *generate(emit) {
      const { faker } = ctx
      const orderPk = freeKeys(
        GENERATED_ORDER_PK,
        ownOrders.map((o) => o.pk),
      )
      const itemPk = freeKeys(
        GENERATED_ITEM_PK,
        ownItems.map((it) => it.pk),
      )
      for (let i = 0; i < generate.orders; i++) {
        const order = fakeOrder(orderPk(), faker, refDate)
        const items: OrderItemRecord[] = []
        for (let k = 0; k < generate.itemsPerOrder; k++) items.push(fakeItem(itemPk(), order.pk, faker, refDate))
        emit(db.orders, [order])
        emit(db.orderItems, items)
        yield
      }
    },
  })
  return db
}

function drfDate(d: Date): string {
  return formatDrfDateTime(instantFromDate(d))
}

/** A complete, plausible order, its keys in the schema's order; hand-written fields override it. */
function fakeOrder(pk: number, faker: Faker, refDate: Date): OrderRecord {
  const placed = faker.date.past({ years: 1, refDate })
  const amount = faker.commerce.price({ min: 20, max: 2000, dec: 2 })
  const shipping = faker.helpers.arrayElement(['0.00', '6.10', '9.90', '14.99'])
  return {
    pk,
    number: faker.string.numeric({ length: 16, allowLeadingZeros: false }),
    channel: faker.helpers.arrayElement([1, 2, 3]),
    status: faker.helpers.arrayElement(['200', '400', '450', '500', '550'] as const),
    date_placed: drfDate(placed),
    customer: faker.number.int({ min: 1000, max: 999_999 }),
    shipping_address: faker.number.int({ min: 1000, max: 999_999 }),
    billing_address: faker.number.int({ min: 1000, max: 999_999 }),
    currency: 'try',
    amount,
    shipping_amount: shipping,
    shipping_tax_rate: null,
    extra_field: {},
    payment_option: faker.number.int({ min: 1, max: 500 }),
    payment_option_slug: 'credit_card',
    bin_number: faker.string.numeric(6),
    installment: faker.number.int({ min: 1, max: 500 }),
    installment_count: 1,
    delivery_type: 'standard',
    installment_interest_amount: '0.00',
    cargo_company: faker.number.int({ min: 1, max: 50 }),
    invoice_number: null,
    invoice_date: null,
    e_archive_url: null,
    refund_amount: '0.00',
    discount_refund_amount: '0.00',
    shipping_refund_amount: '0.00',
    discount_amount: '0.00',
    is_send: false,
    net_shipping_amount: shipping,
    shipping_interest_amount: '0.00',
    tracking_number: null,
    carrier_shipping_code: null,
    remote_addr: faker.internet.ipv4(),
    fundstransfertransaction_set: [],
    has_gift_box: false,
    gift_box_note: null,
    external_status: null,
    client_type: faker.helpers.arrayElement(['default', 'ios', 'android']),
    language_code: 'tr-tr',
    notes: null,
    delivery_range: null,
    shipping_option_slug: null,
    segment: null,
    modified_date: drfDate(new Date(placed.getTime() + 60_000)),
    checkout_provider_id: null,
    created_date: drfDate(new Date(placed.getTime() + 5_000)),
    cancellation_info: {},
    shipping_company: null,
    cancel_status: null,
    defined_tracking_url: null,
    installment_free: false,
    payment_type: 'credit_card',
  }
}

/** A complete, plausible order item, its keys in the schema's order; hand-written fields override it. */
function fakeItem(pk: number, order: number, faker: Faker, refDate: Date): OrderItemRecord {
  const created = faker.date.past({ years: 1, refDate })
  const price = faker.commerce.price({ min: 5, max: 900, dec: 2 })
  return {
    pk,
    order,
    product: faker.number.int({ min: 1, max: 99_999 }),
    product_sku: faker.string.numeric(10),
    status: '400',
    price_currency: 'try',
    price,
    tax_rate: '18.00',
    extra_field: {},
    price_list: 1,
    stock_list: 1,
    invoice_number: null,
    invoice_date: null,
    e_archive_url: null,
    tracking_number: null,
    carrier_shipping_code: null,
    shipping_company: null,
    shipment_code: null,
    external_status: null,
    discount_amount: '0.00',
    retail_price: null,
    attributes: {},
    attributes_kwargs: {},
    image: null,
    parent: null,
    shipped_date: null,
    delivered_date: null,
    estimated_delivery_date: null,
    modified_date: drfDate(new Date(created.getTime() + 60_000)),
    created_date: drfDate(created),
    defined_tracking_url: null,
    defined_shipping_company: null,
    cancel_status: null,
    installment_interest_amount: '0.00',
    is_tradable: false,
    datasource: null,
    localized_attributes: {},
    localized_attributes_kwargs: {},
    cancellation_reconciliation: null,
    reconciliation: null,
    forced_refund: false,
    original_stock: 0,
    shipping_option_group: null,
  }
}
