import { ORDER_STATUSES as AYMAKAN_STATUSES, statusLabel } from '../../providers/aymakan/schemas.js'
import { type Json, pick, type Reader } from './read.js'

/**
 * Aymakan: each order (GET /api/v1/orders/{order_id}) turned back into the
 * create body the scenario takes (labels to codes, seller_sku_code to
 * sku_code), plus its SKUs.
 */
const AYMAKAN_ITEM_KEYS = [
  'display_price',
  'selling_price',
  'is_substituted',
  'quantity',
  'tax_percent',
  'tax',
  'unit_price',
  'total',
  'tax_inclusive',
  'discount',
] as const
const ADDRESS_KEYS = [
  'address1',
  'address2',
  'city',
  'country',
  'first_name',
  'last_name',
  'phone',
  'state',
  'zip',
  'state_code',
  'country_code',
  'latitude',
  'longitude',
] as const

export async function snapshotAymakan(read: Reader, ids: readonly string[], warnings: string[]) {
  const orders: Json[] = []
  const skus = new Map<string, Json>()
  let sellerName: string | undefined
  for (const id of ids) {
    const body = (await read.get(`/api/v1/orders/${encodeURIComponent(id)}`)) as { data?: Json }
    const o = body.data ?? {}
    const status = AYMAKAN_STATUSES.find((s) => statusLabel(s) === o.status)
    if (!status) {
      warnings.push(`order ${id}: status ${JSON.stringify(o.status)} is not one the mock knows; the order is left out`)
      continue
    }
    sellerName ??= typeof o.seller_name === 'string' ? o.seller_name : undefined
    const items = ((o.order_items as Json[] | undefined) ?? []).map((it) => {
      const sku = String(it.seller_sku_code ?? '')
      skus.set(sku, { sku_code: sku })
      return { sku_code: sku, ...pick(it, AYMAKAN_ITEM_KEYS) }
    })
    orders.push({
      order_id: o.order_id,
      status,
      ...pick(o, ['hub_code']),
      payment_method: o.payment_method === 'Postpaid' ? 'postpaid' : 'prepaid',
      order_items: items,
      shipping_address: pick(o.shipping_address, ADDRESS_KEYS),
      billing_address: pick(o.billing_address, ADDRESS_KEYS),
      invoice: pick(o.invoice, [
        'currency',
        'subtotal',
        'shipping_tax',
        'sub_total_tax_inclusive',
        'sub_total_discount_inclusive',
        'shipping_tax_inclusive',
        'shipping_discount_inclusive',
        'shipping_price',
        'shipping_refund',
        'tax',
        'tax_percent',
        'discount',
        'total',
        'total_paid',
        'total_due',
        'total_refunded',
        'payment_method',
      ]),
      customer: pick(o.customer, ['first_name', 'last_name', 'mobile', 'mobile_code', 'email', 'avatar', 'gender']),
      shipment: pick(o.shipment, ['awb_number', 'awb_label', 'shipping_partner_tag', 'shipping_partner_name']),
      ...pick(o, ['order_created_at', 'delivery_type', 'transactions']),
    })
  }
  return { ...(sellerName !== undefined && { sellerName }), skus: [...skus.values()], orders }
}
