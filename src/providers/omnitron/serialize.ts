import type { OrderItemRecord, OrderRecord } from './schemas.js'

/**
 * Response shapes, key for key in the documented order (seed 000):
 * the order of Update Order, the item of Update Order Item, the item of the
 * bulk status update (which says `id` and `product_sku` where the detail says
 * `pk` and `product`).
 */
export const ORDER_KEYS = [
  'pk', 'number', 'channel', 'status', 'date_placed', 'customer', 'shipping_address', 'billing_address', 'currency', 'amount',
  'shipping_amount', 'shipping_tax_rate', 'extra_field', 'payment_option', 'payment_option_slug', 'bin_number', 'installment',
  'installment_count', 'delivery_type', 'installment_interest_amount', 'cargo_company', 'invoice_number', 'invoice_date',
  'e_archive_url', 'refund_amount', 'discount_refund_amount', 'shipping_refund_amount', 'discount_amount', 'is_send',
  'net_shipping_amount', 'shipping_interest_amount', 'tracking_number', 'carrier_shipping_code', 'remote_addr',
  'fundstransfertransaction_set', 'has_gift_box', 'gift_box_note', 'external_status', 'client_type', 'language_code', 'notes',
  'delivery_range', 'shipping_option_slug', 'segment', 'modified_date', 'checkout_provider_id', 'created_date',
  'cancellation_info', 'shipping_company', 'cancel_status', 'defined_tracking_url', 'installment_free',
] as const satisfies readonly (keyof OrderRecord)[]

export const ORDER_ITEM_KEYS = [
  'pk', 'order', 'product', 'status', 'price_currency', 'price', 'tax_rate', 'extra_field', 'price_list', 'stock_list',
  'invoice_number', 'invoice_date', 'e_archive_url', 'tracking_number', 'carrier_shipping_code', 'shipping_company',
  'shipment_code', 'external_status', 'discount_amount', 'retail_price', 'attributes', 'attributes_kwargs', 'image', 'parent',
  'shipped_date', 'delivered_date', 'estimated_delivery_date', 'modified_date', 'created_date', 'defined_tracking_url',
  'defined_shipping_company', 'cancel_status', 'installment_interest_amount', 'is_tradable', 'datasource',
  'localized_attributes', 'localized_attributes_kwargs', 'cancellation_reconciliation', 'reconciliation', 'forced_refund',
  'original_stock', 'shipping_option_group',
] as const satisfies readonly (keyof OrderItemRecord)[]

/** Bulk response key → record field. */
export const BULK_ITEM_KEYS = [
  ['id', 'pk'], ['order', 'order'], ['product_sku', 'product_sku'], ['status', 'status'], ['price_currency', 'price_currency'],
  ['price', 'price'], ['tax_rate', 'tax_rate'], ['extra_field', 'extra_field'], ['price_list', 'price_list'],
  ['stock_list', 'stock_list'], ['cancel_status', 'cancel_status'], ['invoice_number', 'invoice_number'],
  ['invoice_date', 'invoice_date'], ['e_archive_url', 'e_archive_url'], ['installment_interest_amount', 'installment_interest_amount'],
  ['tracking_number', 'tracking_number'], ['carrier_shipping_code', 'carrier_shipping_code'], ['shipping_company', 'shipping_company'],
  ['shipment_code', 'shipment_code'], ['external_status', 'external_status'], ['discount_amount', 'discount_amount'],
  ['retail_price', 'retail_price'], ['attributes', 'attributes'], ['attributes_kwargs', 'attributes_kwargs'], ['image', 'image'],
] as const satisfies readonly (readonly [string, keyof OrderItemRecord])[]

function pick<R, K extends keyof R>(record: R, keys: readonly K[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of keys) out[k as string] = record[k]
  return out
}

export const serializeOrder = (o: OrderRecord) => pick(o, ORDER_KEYS)
export const serializeOrderItem = (it: OrderItemRecord) => pick(it, ORDER_ITEM_KEYS)
export function serializeBulkItem(it: OrderItemRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, field] of BULK_ITEM_KEYS) out[key] = it[field]
  return out
}
