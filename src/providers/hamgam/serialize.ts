import type { ItemRecord, OrderRecord, PaymentRecord } from './schemas.js'
import type { HamgamDb } from './seed.js'

/**
 * Response shapes, key for key as Update Order Item's tables list them, with the
 * computed fields derived from the raw items and payments every time an
 * order is rendered — so they can never be stale after any write.
 * The formulas are the mock's (the docs only say "computed field").
 */

export function itemTotals(it: Pick<ItemRecord, 'unit_price' | 'unit_discount' | 'quantity'>) {
  const subtotal = it.unit_price * it.quantity
  const discount = it.unit_discount * it.quantity
  return { subtotal, discount, total: subtotal - discount }
}

export function orderTotals(
  shippingCost: number,
  items: readonly Pick<ItemRecord, 'unit_price' | 'unit_discount' | 'quantity'>[],
  payments: readonly Pick<PaymentRecord, 'amount' | 'approved'>[],
) {
  let quantity = 0
  let itemsSubtotal = 0
  let itemsDiscount = 0
  for (const it of items) {
    const t = itemTotals(it)
    quantity += it.quantity
    itemsSubtotal += t.subtotal
    itemsDiscount += t.discount
  }
  const total = itemsSubtotal - itemsDiscount + shippingCost
  const amountPaid = payments.reduce((sum, p) => sum + (p.approved ? p.amount : 0), 0)
  const outstanding = Math.max(total - amountPaid, 0)
  return {
    count: items.length,
    quantity,
    items_subtotal: itemsSubtotal,
    items_discount: itemsDiscount,
    subtotal: itemsSubtotal,
    total_discount: itemsDiscount,
    total,
    amount_paid: amountPaid,
    amount_outstanding: outstanding,
    is_paid: outstanding === 0,
  }
}

export function serializeItem(it: ItemRecord) {
  const t = itemTotals(it)
  return {
    id: it.id,
    product: it.product,
    product_name: it.product_name,
    product_data: it.product_data,
    unit_price: it.unit_price,
    unit_discount: it.unit_discount,
    quantity: it.quantity,
    notes: it.notes,
    subtotal: t.subtotal,
    discount: t.discount,
    total: t.total,
    created_at: it.created_at,
    updated_at: it.updated_at,
  }
}

/** Not documented: the fields of the create request, plus id and timestamps (assumption). */
export function serializePayment(p: PaymentRecord) {
  return {
    id: p.id,
    payment_method: p.payment_method,
    amount: p.amount,
    approved: p.approved,
    transaction_id: p.transaction_id,
    notes: p.notes,
    created_at: p.created_at,
    updated_at: p.updated_at,
  }
}

/** Items by id; payments newest first (the payments list's default ordering). */
export const orderItems = (db: HamgamDb, order: OrderRecord) =>
  db.items.where('order', order.id).sort((a, b) => a.id - b.id)
export const orderPayments = (db: HamgamDb, order: OrderRecord) =>
  db.payments
    .where('order', order.id)
    .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id))

export function serializeOrder(db: HamgamDb, o: OrderRecord) {
  const items = orderItems(db, o)
  const payments = orderPayments(db, o)
  const customer = o.customer === null ? undefined : db.customers.get(o.customer)
  const method = o.payment_method === null ? undefined : db.paymentMethods.get(o.payment_method)
  const shipping = o.shipping_method === null ? undefined : db.shippingMethods.get(o.shipping_method)
  const place = <T>(map: ReadonlyMap<number, T>, key: number | null) => (key === null ? null : (map.get(key) ?? null))
  return {
    id: o.id,
    key: o.key,
    status: o.status,
    customer_data: customer
      ? {
          id: customer.id,
          username: customer.username,
          full_name: `${customer.first_name} ${customer.last_name}`.trim(),
        }
      : null,
    payment_method_data: method ? { id: method.id, name: method.name, image: method.image } : null,
    shipping_method_data: shipping ? { id: shipping.id, name: shipping.name, price: shipping.price } : null,
    shipping_cost: o.shipping_cost,
    notes: o.notes,
    extra: o.extra,
    created_at: o.created_at,
    updated_at: o.updated_at,
    billing_country_data: place(db.countries, o.billing_country),
    billing_state_data: place(db.states, o.billing_state),
    billing_city_data: place(db.cities, o.billing_city),
    billing_address: o.billing_address,
    billing_postal_code: o.billing_postal_code,
    billing_national_code: o.billing_national_code,
    billing_mobile_number: o.billing_mobile_number,
    billing_first_name: o.billing_first_name,
    billing_last_name: o.billing_last_name,
    ...orderTotals(o.shipping_cost, items, payments),
    items: items.map(serializeItem),
    payments: payments.map(serializePayment),
  }
}
