import { laravelJson } from '../../frameworks/laravel/json.js'
import { type OrderRecord, statusLabel } from './schemas.js'

/** The `success / message / data / meta` envelope every Aymakan answer uses. */
export function envelope(
  status: number,
  success: boolean,
  message: string,
  data: unknown = null,
  meta: unknown = null,
  extra: Record<string, unknown> = {},
): Response {
  return laravelJson(status, { success, message, data, meta, ...extra })
}

/** The order exactly as the documented success example shows it, key for key. */
export function serializeOrder(o: OrderRecord, options: { items?: boolean } = {}) {
  const items = o.order_items as { seller_sku_code: string; quantity: number }[]
  return {
    order_id: o.order_id,
    status: statusLabel(o.status),
    hub_code: o.hub_code,
    customer: o.customer,
    seller_name: o.seller_name,
    order_alias: o.order_alias,
    ...((options.items ?? true) && { order_items: o.order_items }),
    total_item_count: items.reduce((sum, it) => sum + it.quantity, 0),
    total_sku_count: new Set(items.map((it) => it.seller_sku_code)).size,
    total: items.length,
    billing_address: o.billing_address,
    shipping_address: o.shipping_address,
    reason: o.reason,
    cancelled_reason: o.cancelled_reason,
    sub_status: o.sub_status,
    transactions: o.transactions,
    slot: o.slot,
    order_created_at: o.order_created_at,
    invoice: o.invoice,
    shipment: o.shipment,
    delivery_type: o.delivery_type,
    payment_method: o.payment_method === 'postpaid' ? 'Postpaid' : 'Prepaid',
    shipment_created_at: o.shipment_created_at,
    order_shipped_at: o.order_shipped_at,
    order_delivered_at: o.order_delivered_at,
    meta_data: { is_update_order_allowed: o.status === 'on_hold' },
  }
}
