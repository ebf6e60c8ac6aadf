/**
 * Aymakan's request and response bodies as the documents give them: the
 * types a client under test sends and reads (the store records are in schemas.ts).
 */
import type { PAYMENT_METHODS } from './schemas.js'
import type { serializeOrder } from './serialize.js'

export interface AymakanAddress {
  address1: string
  city: string
  address2?: string | null
  country?: string | null
  country_code?: string | null
  first_name?: string | null
  last_name?: string | null
  [field: string]: unknown
}

export interface AymakanOrderItemRequest {
  sku_code: string
  name?: string | null
  display_price?: number | null
  selling_price?: number | null
  is_substituted?: boolean | null
  quantity?: number | null
  tax_percent?: number | null
  tax?: number | null
  unit_price?: number | null
  subtotal?: number | null
  total?: number | null
  discount?: number | null
  tax_inclusive?: boolean | null
}

/** `POST /api/v1/orders` (create, with hub_code) and `PUT /api/v1/orders[/{order_id}]` (update while on hold). */
export interface AymakanOrderRequest {
  order_id: string
  hub_code?: string
  order_items: AymakanOrderItemRequest[]
  payment_method: (typeof PAYMENT_METHODS)[number]
  shipping_address: AymakanAddress
  billing_address?: AymakanAddress | null
  invoice?: Record<string, unknown> | null
  customer?: { email?: string | null; avatar?: string | null; [field: string]: unknown } | null
  shipment?: Record<string, unknown> | null
  [field: string]: unknown
}

/** The order as the documented success example shows it. */
export type AymakanOrderResponse = ReturnType<typeof serializeOrder>

/** Every answer's envelope: `{success, message, data, meta}` (a 422 adds `errors`). */
export interface AymakanEnvelope<Data = unknown> {
  success: boolean
  message: string
  data: Data
  meta: unknown
  errors?: Record<string, string[]>
}
