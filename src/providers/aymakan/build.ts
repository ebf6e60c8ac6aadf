import type { Input } from '../../frameworks/laravel/http.js'
import { isPhpArray } from '../../frameworks/laravel/php.js'
import type { OrderRecord, OrderStatus } from './schemas.js'

/**
 * From a create/update body (validated) to the stored order: the one mapping
 * used by the scenario seed, POST and PUT. The stored objects already have the
 * documented success example's keys, in its order; what the request does not
 * carry gets the example's empty values.
 */

/** Go's zero time, as the documented response shows for dates not set yet. */
export const ZERO_TIME = '0001-01-01T00:00:00Z'

/** Omniful's country ids: only the one the documentation shows is known. */
const OMNIFUL_COUNTRIES: Record<string, [number, string]> = { US: [12, 'United States of America'] }

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v))
/**
 * A number field as stored. `numeric` passes a float beyond PHP's range (`1e400`, INF), which
 * json_encode cannot write (Laravel would fail to answer at all); the mock stores null, what its
 * answer always showed for it, so every stored value stays JSON data.
 */
const num = (v: unknown) => {
  if (v === undefined || v === null || v === '') return 0
  const n = Number(v)
  return Number.isFinite(n) ? n : null
}
const bool = (v: unknown) => v === true || v === 1 || v === '1'
const obj = (v: unknown): Input => (isPhpArray(v) && !Array.isArray(v) ? (v as Input) : {})

export interface BuildContext {
  /** A new 24-hex object id for an order item. */
  objectId(): string
  /** "now" as an ISO 8601 string, for a new order's order_created_at. */
  now: string
}

function item(raw: unknown, ids: BuildContext) {
  const it = obj(raw)
  return {
    id: ids.objectId(),
    seller_sku_code: str(it.sku_code),
    display_price: num(it.display_price),
    selling_price: num(it.selling_price),
    is_substituted: bool(it.is_substituted),
    substitute_seller_sku_codes: null,
    serialised_sku_codes: null,
    item_barcodes: null,
    quantity: it.quantity === undefined || it.quantity === null ? 1 : num(it.quantity),
    tax_percent: num(it.tax_percent),
    tax: num(it.tax),
    reason: '',
    picked_quantity: 0,
    packed_quantity: 0,
    unit_price: num(it.unit_price),
    total: num(it.total),
    tax_inclusive: bool(it.tax_inclusive),
    discount: num(it.discount),
  }
}

function billingAddress(raw: unknown) {
  const a = obj(raw)
  return {
    address1: str(a.address1),
    address2: str(a.address2),
    city: str(a.city),
    country: str(a.country),
    first_name: str(a.first_name),
    last_name: str(a.last_name),
    phone: str(a.phone),
    state: str(a.state),
    zip: str(a.zip),
    state_code: str(a.state_code),
    country_code: str(a.country_code),
    latitude: num(a.latitude),
    longitude: num(a.longitude),
  }
}

/**
 * The billing address's fields, then Omniful's. One literal, not a spread of
 * the billing address plus fields: an object grown by that many added fields
 * leaves V8's fast mode, and every later read, copy and render of it is slow.
 */
function shippingAddress(raw: unknown) {
  const a = obj(raw)
  const countryCode = str(a.country_code)
  const [countryId, countryName] = OMNIFUL_COUNTRIES[countryCode.toUpperCase()] ?? [0, '']
  return {
    address1: str(a.address1),
    address2: str(a.address2),
    city: str(a.city),
    country: str(a.country),
    first_name: str(a.first_name),
    last_name: str(a.last_name),
    phone: str(a.phone),
    state: str(a.state),
    zip: str(a.zip),
    state_code: str(a.state_code),
    country_code: countryCode,
    latitude: num(a.latitude),
    longitude: num(a.longitude),
    google_address: '',
    google_place_id: 0,
    google_place_name: '',
    omniful_country_id: countryId,
    omniful_country: countryName,
    omniful_state_id: 0,
    omniful_state: '',
    omniful_city_id: 0,
    omniful_city: '',
    postal_code: '',
    google_latitude: 0,
    google_longitude: 0,
    google_address_category: '',
  }
}

function invoice(raw: unknown) {
  const i = obj(raw)
  return {
    currency: str(i.currency),
    subtotal: num(i.subtotal),
    shipping_tax: num(i.shipping_tax),
    sub_total_tax_inclusive: bool(i.sub_total_tax_inclusive),
    sub_total_discount_inclusive: bool(i.sub_total_discount_inclusive),
    shipping_tax_inclusive: bool(i.shipping_tax_inclusive),
    shipping_discount_inclusive: bool(i.shipping_discount_inclusive),
    shipping_price: num(i.shipping_price),
    shipping_refund: num(i.shipping_refund),
    tax: num(i.tax),
    tax_percent: num(i.tax_percent),
    discount: num(i.discount),
    total: num(i.total),
    total_paid: num(i.total_paid),
    total_due: num(i.total_due),
    total_refunded: num(i.total_refunded),
    payment_method: str(i.payment_method),
    loyalty_discount: 0,
    wallet_amount: 0,
  }
}

function customer(raw: unknown) {
  const c = obj(raw)
  return {
    id: '',
    first_name: str(c.first_name),
    last_name: str(c.last_name),
    mobile: str(c.mobile),
    mobile_code: str(c.mobile_code),
    email: str(c.email),
    avatar: str(c.avatar),
    gender: str(c.gender),
  }
}

function shipment(raw: unknown) {
  const s = obj(raw)
  return {
    shipment_created_at: ZERO_TIME,
    order_delivered_at: ZERO_TIME,
    order_shipped_at: ZERO_TIME,
    shipping_partner_order_id: '',
    awb_number: str(s.awb_number),
    shipping_partner_status: '',
    awb_label: str(s.awb_label),
    shipping_partner_tag: str(s.shipping_partner_tag),
    shipping_partner_name: str(s.shipping_partner_name),
    shipment_id: '',
    shipping_options: ['manual_dispatch', 'shipping_partner'],
    number_of_boxes: 0,
  }
}

/** What an update replaces: items, addresses, invoice, customer, shipment and the other sent fields. */
export function contentsFrom(input: Input, ids: BuildContext, current?: OrderRecord): Partial<OrderRecord> {
  return {
    // PHP iterates an array's values whatever its keys (a JSON object of items too).
    order_items: (isPhpArray(input.order_items) ? Object.values(input.order_items) : []).map((it) => item(it, ids)),
    billing_address: billingAddress(input.billing_address),
    shipping_address: shippingAddress(input.shipping_address),
    invoice: invoice(input.invoice),
    customer: customer(input.customer),
    shipment: shipment(input.shipment),
    payment_method: input.payment_method === 'postpaid' ? 'postpaid' : 'prepaid',
    order_created_at:
      input.order_created_at != null ? str(input.order_created_at) : (current?.order_created_at ?? ids.now),
    note: input.note == null ? null : str(input.note),
    is_cash_on_delivery: input.is_cash_on_delivery == null ? null : bool(input.is_cash_on_delivery),
    require_shipping: input.require_shipping == null ? null : bool(input.require_shipping),
  }
}

export function newOrder(
  input: Input,
  ids: BuildContext,
  fixed: {
    status: OrderStatus
    hubCode: string
    sellerName: string
    seq: number
    deliveryType?: string
    transactions?: Record<string, unknown>[]
  },
): OrderRecord {
  return {
    order_id: str(input.order_id),
    status: fixed.status,
    hub_code: fixed.hubCode,
    customer: {},
    seller_name: fixed.sellerName,
    order_alias: '',
    order_items: [],
    billing_address: {},
    shipping_address: {},
    reason: '',
    cancelled_reason: '',
    sub_status: '',
    transactions: fixed.transactions ?? [],
    slot: { delivery_date: '', start_time: 0, end_time: 0 },
    order_created_at: '',
    invoice: {},
    shipment: {},
    delivery_type: fixed.deliveryType ?? 'express_delivery',
    payment_method: 'prepaid',
    shipment_created_at: ZERO_TIME,
    order_shipped_at: ZERO_TIME,
    order_delivered_at: ZERO_TIME,
    note: null,
    is_cash_on_delivery: null,
    require_shipping: null,
    seq: fixed.seq,
    ...contentsFrom(input, ids),
  }
}

/**
 * A MongoDB-style ObjectId (what the documented item ids look like), made
 * deterministic: the clock's seconds, a hash of the order id, a counter.
 */
export function objectId(seconds: number, orderId: string, counter: number): string {
  let h = 0x811c9dc5
  for (let i = 0; i < orderId.length; i++) h = Math.imul(h ^ orderId.charCodeAt(i), 0x01000193)
  const hash = ((h >>> 0).toString(16).padStart(8, '0') + (counter >>> 24).toString(16).padStart(2, '0')).slice(0, 10)
  return (
    (Math.floor(seconds) >>> 0).toString(16).padStart(8, '0') +
    hash +
    (counter & 0xffffff).toString(16).padStart(6, '0')
  )
}
