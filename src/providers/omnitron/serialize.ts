import type { OrderItemRecord, OrderRecord } from './schemas.js'

/**
 * Response shapes, key for key in the documented order (docs/providers/omnitron.md):
 * the order of Update Order, the item of Update Order Item, the item of the
 * bulk status update (which says `id` and `product_sku` where the detail says
 * `pk` and `product`).
 */
export const ORDER_KEYS = [
  'pk',
  'number',
  'channel',
  'status',
  'date_placed',
  'customer',
  'shipping_address',
  'billing_address',
  'currency',
  'amount',
  'shipping_amount',
  'shipping_tax_rate',
  'extra_field',
  'payment_option',
  'payment_option_slug',
  'bin_number',
  'installment',
  'installment_count',
  'delivery_type',
  'installment_interest_amount',
  'cargo_company',
  'invoice_number',
  'invoice_date',
  'e_archive_url',
  'refund_amount',
  'discount_refund_amount',
  'shipping_refund_amount',
  'discount_amount',
  'is_send',
  'net_shipping_amount',
  'shipping_interest_amount',
  'tracking_number',
  'carrier_shipping_code',
  'remote_addr',
  'fundstransfertransaction_set',
  'has_gift_box',
  'gift_box_note',
  'external_status',
  'client_type',
  'language_code',
  'notes',
  'delivery_range',
  'shipping_option_slug',
  'segment',
  'modified_date',
  'checkout_provider_id',
  'created_date',
  'cancellation_info',
  'shipping_company',
  'cancel_status',
  'defined_tracking_url',
  'installment_free',
] as const satisfies readonly (keyof OrderRecord)[]

export const ORDER_ITEM_KEYS = [
  'pk',
  'order',
  'product',
  'status',
  'price_currency',
  'price',
  'tax_rate',
  'extra_field',
  'price_list',
  'stock_list',
  'invoice_number',
  'invoice_date',
  'e_archive_url',
  'tracking_number',
  'carrier_shipping_code',
  'shipping_company',
  'shipment_code',
  'external_status',
  'discount_amount',
  'retail_price',
  'attributes',
  'attributes_kwargs',
  'image',
  'parent',
  'shipped_date',
  'delivered_date',
  'estimated_delivery_date',
  'modified_date',
  'created_date',
  'defined_tracking_url',
  'defined_shipping_company',
  'cancel_status',
  'installment_interest_amount',
  'is_tradable',
  'datasource',
  'localized_attributes',
  'localized_attributes_kwargs',
  'cancellation_reconciliation',
  'reconciliation',
  'forced_refund',
  'original_stock',
  'shipping_option_group',
] as const satisfies readonly (keyof OrderItemRecord)[]

/** Bulk response key → record field. */
export const BULK_ITEM_KEYS = [
  ['id', 'pk'],
  ['order', 'order'],
  ['product_sku', 'product_sku'],
  ['status', 'status'],
  ['price_currency', 'price_currency'],
  ['price', 'price'],
  ['tax_rate', 'tax_rate'],
  ['extra_field', 'extra_field'],
  ['price_list', 'price_list'],
  ['stock_list', 'stock_list'],
  ['cancel_status', 'cancel_status'],
  ['invoice_number', 'invoice_number'],
  ['invoice_date', 'invoice_date'],
  ['e_archive_url', 'e_archive_url'],
  ['installment_interest_amount', 'installment_interest_amount'],
  ['tracking_number', 'tracking_number'],
  ['carrier_shipping_code', 'carrier_shipping_code'],
  ['shipping_company', 'shipping_company'],
  ['shipment_code', 'shipment_code'],
  ['external_status', 'external_status'],
  ['discount_amount', 'discount_amount'],
  ['retail_price', 'retail_price'],
  ['attributes', 'attributes'],
  ['attributes_kwargs', 'attributes_kwargs'],
  ['image', 'image'],
] as const satisfies readonly (readonly [string, keyof OrderItemRecord])[]

/**
 * A serializer for a fixed key list, compiled once into one object literal:
 * V8 then builds every answer with the same hidden class instead of adding
 * 25–52 keys one by one (the bulk answer was a tenth of its CPU time).
 * The keys are the constants above, never request data.
 */
function compile<R>(pairs: readonly (readonly [string, string])[]): (record: R) => Record<string, unknown> {
  const body = pairs.map(([key, field]) => `${JSON.stringify(key)}: r[${JSON.stringify(field)}]`).join(', ')
  return new Function('r', `return { ${body} }`) as (record: R) => Record<string, unknown>
}

export const serializeOrder = compile<OrderRecord>(ORDER_KEYS.map((k) => [k, k]))
export const serializeOrderItem = compile<OrderItemRecord>(ORDER_ITEM_KEYS.map((k) => [k, k]))
export const serializeBulkItem = compile<OrderItemRecord>(BULK_ITEM_KEYS)
