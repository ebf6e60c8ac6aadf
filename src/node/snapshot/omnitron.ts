import { orderItemRecord, orderRecord } from '../../providers/omnitron/schemas.js'
import { fieldsOf, type Json, type Reader } from './read.js'

/** Omnitron: each order (GET /api/v1/orders/{pk}/) and its items (GET /api/v1/order_items/?order={pk}), as scenario records. */
export async function snapshotOmnitron(read: Reader, ids: readonly string[], warnings: string[]) {
  const orders: Json[] = []
  const orderItems: Json[] = []
  for (const id of ids) {
    const order = (await read.get(`/api/v1/orders/${encodeURIComponent(id)}/`)) as Json
    orders.push(fieldsOf(orderRecord.shape, order, `order ${id}`, warnings))
    for (const item of await read.all(`/api/v1/order_items/?order=${encodeURIComponent(id)}&limit=100`))
      orderItems.push(fieldsOf(orderItemRecord.shape, item, `order item ${String(item.pk)}`, warnings))
  }
  return { orders, orderItems }
}
