/**
 * Hamgam's request and response bodies as the documents give them: the types
 * a client under test sends and reads (the store records are in schemas.ts).
 */
import type { serializeItem, serializeOrder, serializePayment } from './serialize.js'

/** `PATCH /api/orders/{id}/items/{item_id}` (and the item create): every field optional on PATCH. */
export interface HamgamItemWriteRequest {
  product?: number
  unit_price?: number
  unit_discount?: number
  quantity?: number
  notes?: string
}

/** `POST /api/orders/{id}/payments` / `PATCH …/payments/{payment_id}`. */
export interface HamgamPaymentWriteRequest {
  payment_method?: number
  amount?: number
  approved?: boolean
  transaction_id?: string | null
  notes?: string
}

/** An order with its computed totals, items and payments. */
export type HamgamOrderResponse = ReturnType<typeof serializeOrder>
export type HamgamItemResponse = ReturnType<typeof serializeItem>
export type HamgamPaymentResponse = ReturnType<typeof serializePayment>
