import { idOf, type Json, pick, type Reader } from './read.js'

/**
 * Hamgam: each order (GET /api/orders/{id}, with its items and payments) as
 * scenario records, plus the catalogue entries it names (products,
 * customers, payment and shipping methods, places), so the mock renders it alike.
 */
export async function snapshotHamgam(read: Reader, ids: readonly string[], warnings: string[]) {
  const byId = () => new Map<number, Json>()
  const products = byId()
  const customers = byId()
  const paymentMethods = byId()
  const shippingMethods = byId()
  const countries = byId()
  const states = byId()
  const cities = byId()
  const orders: Json[] = []
  const items: Json[] = []
  const payments: Json[] = []
  for (const id of ids) {
    const o = (await read.get(`/api/orders/${encodeURIComponent(id)}`)) as Json
    const customer = o.customer_data as { id: number; username: string; full_name: string } | null
    if (customer) {
      const [first = '', ...rest] = customer.full_name.split(' ')
      customers.set(customer.id, {
        id: customer.id,
        username: customer.username,
        first_name: first,
        last_name: rest.join(' '),
      })
    }
    const method = o.payment_method_data as Json | null
    if (method) paymentMethods.set(method.id as number, pick(method, ['id', 'name', 'image']))
    const shipping = o.shipping_method_data as Json | null
    if (shipping) shippingMethods.set(shipping.id as number, pick(shipping, ['id', 'name', 'price']))
    for (const [data, into, keys] of [
      [o.billing_country_data, countries, ['id', 'active', 'name', 'code']],
      [o.billing_state_data, states, ['id', 'active', 'name', 'code']],
      [o.billing_city_data, cities, ['id', 'active', 'name']],
    ] as const)
      if (data) into.set(idOf(data)!, pick(data, keys))
    orders.push({
      ...pick(o, ['id', 'key', 'status', 'shipping_cost', 'notes', 'extra', 'created_at', 'updated_at']),
      customer: idOf(o.customer_data),
      payment_method: idOf(o.payment_method_data),
      shipping_method: idOf(o.shipping_method_data),
      billing_country: idOf(o.billing_country_data),
      billing_state: idOf(o.billing_state_data),
      billing_city: idOf(o.billing_city_data),
      ...pick(o, [
        'billing_address',
        'billing_postal_code',
        'billing_national_code',
        'billing_mobile_number',
        'billing_first_name',
        'billing_last_name',
      ]),
    })
    for (const it of (o.items as Json[] | undefined) ?? []) {
      const data = (it.product_data ?? {}) as Json
      products.set(it.product as number, {
        id: it.product,
        name: typeof data.name === 'string' ? data.name : it.product_name,
        sku: typeof data.sku === 'string' ? data.sku : `product-${String(it.product)}`,
        price: Number.isInteger(data.price) ? data.price : it.unit_price,
      })
      items.push({
        ...pick(it, ['id']),
        order: o.id,
        ...pick(it, [
          'product',
          'product_name',
          'product_data',
          'unit_price',
          'unit_discount',
          'quantity',
          'notes',
          'created_at',
          'updated_at',
        ]),
      })
    }
    for (const p of (o.payments as Json[] | undefined) ?? []) {
      if (!paymentMethods.has(p.payment_method as number)) {
        paymentMethods.set(p.payment_method as number, {
          id: p.payment_method,
          name: `Payment method ${String(p.payment_method)}`,
          image: null,
        })
        warnings.push(
          `payment method ${String(p.payment_method)}: its name is not in the order; written as a placeholder`,
        )
      }
      payments.push({
        ...pick(p, ['id']),
        order: o.id,
        ...pick(p, ['payment_method', 'amount', 'approved', 'transaction_id', 'notes', 'created_at', 'updated_at']),
      })
    }
  }
  const list = (m: Map<number, Json>) => [...m.values()]
  return {
    products: list(products),
    customers: list(customers),
    paymentMethods: list(paymentMethods),
    shippingMethods: list(shippingMethods),
    countries: list(countries),
    states: list(states),
    cities: list(cities),
    orders,
    items,
    payments,
  }
}
