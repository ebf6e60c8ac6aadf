/**
 * Omnitron's request and response bodies as the documents give them: the
 * types a client under test sends and reads (the store records are in schemas.ts).
 */

import type { CANCEL_STATUSES, ORDER_STATUSES, OrderItemRecord, OrderRecord } from './schemas.js'
import type { BULK_ITEM_KEYS, ORDER_ITEM_KEYS, ORDER_KEYS } from './serialize.js'

export type OmnitronOrderStatus = (typeof ORDER_STATUSES)[number]
export type OmnitronCancelStatus = (typeof CANCEL_STATUSES)[number]

/** `POST /api/v1/auth/login/` body, and its answer. */
export interface OmnitronLoginRequest {
  username: string
  password: string
}
export interface OmnitronLoginResponse {
  key: string
}

/** `PATCH /api/v1/orders/{pk}/`: only `is_send` is applied; `status` is validated, not applied. */
export interface OmnitronOrderUpdateRequest {
  is_send?: boolean
  status?: OmnitronOrderStatus
}

/** An order as `GET`/`PATCH /api/v1/orders/{pk}/` and the orders list answer it: the documented keys. */
export type OmnitronOrderResponse = Pick<OrderRecord, (typeof ORDER_KEYS)[number]>

/** `PATCH /api/v1/order_items/{pk}/`: every field optional; datetimes as ISO 8601 strings. */
export interface OmnitronOrderItemUpdateRequest {
  status?: OmnitronOrderStatus
  extra_field?: Record<string, unknown>
  attributes?: Record<string, string | boolean>
  attributes_kwargs?: Record<string, Record<string, unknown>>
  cancel_status?: OmnitronCancelStatus | null
  tracking_number?: string | null
  defined_tracking_url?: string | null
  invoice_number?: string | null
  invoice_date?: string | null
  e_archive_url?: string | null
  carrier_shipping_code?: string | null
  shipping_company?: string | null
  parent?: number | null
  shipped_date?: string | null
  delivered_date?: string | null
  estimated_delivery_date?: string | null
  defined_shipping_company?: string | null
  data_source?: number | null
  shipping_option_group?: number | null
}

/** An order item as `GET`/`PATCH /api/v1/order_items/{pk}/` answer it: the documented keys. */
export type OmnitronOrderItemResponse = Pick<OrderItemRecord, (typeof ORDER_ITEM_KEYS)[number]>

/** `PATCH /api/i1/order_items/bulk_status_update/`: entries of one order. */
export interface OmnitronBulkStatusUpdateRequest {
  orderitem_set: ({ id: number } & Pick<
    OmnitronOrderItemUpdateRequest,
    'status' | 'invoice_number' | 'invoice_date' | 'e_archive_url' | 'tracking_number' | 'shipping_company'
  >)[]
}

/** One item of the bulk answer (a 200 is a list of them, in request order). */
export type OmnitronBulkItemResponse = {
  [E in (typeof BULK_ITEM_KEYS)[number] as E[0]]: OrderItemRecord[E[1]]
}

/** The bulk 400: one entry per failing entry (`args.orderitem_id` is the entry's id as Python's str()). */
export type OmnitronBulkErrorResponse = { message: Record<string, string[]>; args: { orderitem_id?: string } }[]

/** DRF's page: `GET /api/i1/orders/`, `GET /api/v1/order_items/`. */
export interface OmnitronPage<T> {
  count: number
  next: string | null
  previous: string | null
  results: T[]
}

/** DRF's validation error body: field → messages. */
export type OmnitronFieldErrors = Record<string, string[] | Record<string, string[]>>
