import { z } from 'zod'
import type { ApiSpec, OperationSpec, ParameterSpec } from '../../core/openapi/spec.js'
import {
  DRF_FALLBACKS,
  DRF_RESPONSES,
  DRF_SCHEMAS,
  drfCommonResponses,
  drfNegotiated,
  drfPage,
  drfViewExtras,
  TOKEN_SCHEME,
} from '../../frameworks/drf/openapi.js'
import { documentedItemUpdateRequest } from './documented.js'
import { hamgamRules, OPERATION } from './rules.js'
import {
  cityRecord,
  customerRecord,
  itemRecord,
  ORDER_ITEM_PERMISSION,
  orderRecord,
  paymentMethodRecord,
  paymentRecord,
  placeRecord,
  shippingMethodRecord,
} from './schemas.js'

/** Built on first use (GET /__mock/openapi, openApiDocuments()): nothing on a request's or start-up's path reads it. */
let built: ApiSpec | undefined
export function hamgamApi(): ApiSpec {
  built ??= build()
  return built
}

function build(): ApiSpec {
  /**
   * Hamgam's operations for its OpenAPI document, from the stored records'
   * schemas: the rendered order is the record plus the computed fields
   * serialize.ts derives (their formulas are the mock's).
   */

  const money = itemRecord.shape.unit_price
  const o = orderRecord.shape
  const item = itemRecord
    .omit({ order: true })
    .extend({ subtotal: money, discount: money, total: money })
    .meta({ description: 'An order item with its computed subtotal, discount and total.' })
  const payment = paymentRecord.omit({ order: true }).meta({ description: 'A payment of an order.' })
  const order = z
    .object({
      id: o.id,
      key: o.key,
      status: o.status,
      customer_data: customerRecord.pick({ id: true, username: true }).extend({ full_name: z.string() }).nullable(),
      payment_method_data: paymentMethodRecord.nullable(),
      shipping_method_data: shippingMethodRecord.nullable(),
      shipping_cost: o.shipping_cost,
      notes: o.notes,
      extra: o.extra,
      created_at: o.created_at,
      updated_at: o.updated_at,
      billing_country_data: placeRecord.nullable(),
      billing_state_data: placeRecord.nullable(),
      billing_city_data: z.union([cityRecord, placeRecord]).nullable(),
      billing_address: o.billing_address,
      billing_postal_code: o.billing_postal_code,
      billing_national_code: o.billing_national_code,
      billing_mobile_number: o.billing_mobile_number,
      billing_first_name: o.billing_first_name,
      billing_last_name: o.billing_last_name,
      count: z.number().int().min(0),
      quantity: z.number().int().min(0),
      items_subtotal: money,
      items_discount: money,
      subtotal: money,
      total_discount: money,
      total: money,
      amount_paid: money,
      amount_outstanding: money,
      is_paid: z.boolean(),
      items: z.array(item),
      payments: z.array(payment),
    })
    .meta({ description: 'An order with its items, payments and computed totals (computed on every answer).' })

  const itemUpdate = z
    .object({
      product: z.number().int(),
      unit_price: z.number().int(),
      unit_discount: z.number().int(),
      quantity: z.number().int(),
      notes: z.string(),
    })
    .partial()
  const paymentFields = {
    payment_method: z.number().int(),
    amount: z.number().int(),
    approved: z.boolean(),
    transaction_id: z.string().max(255).nullable(),
    notes: z.string(),
  }
  const paymentCreate = z.object(paymentFields).partial().required({ payment_method: true, amount: true })
  const paymentUpdate = z.object(paymentFields).partial()

  const rulesOf = (operation: string) => hamgamRules.filter((r) => r.operations.includes(operation)).map((r) => r.id)
  const idParam = (name: string, what: string): ParameterSpec => ({
    name,
    in: 'path',
    description: `The ${what}'s id (unknown, or of another order: 404).`,
    schema: z.number().int().positive(),
    source: 'documented',
  })
  const pageParams: ParameterSpec[] = [
    {
      name: 'limit',
      in: 'query',
      description: 'Page size (default 10).',
      schema: z.number().int().positive(),
      source: 'assumption',
    },
    {
      name: 'offset',
      in: 'query',
      description: 'Records to skip.',
      schema: z.number().int().min(0),
      source: 'assumption',
    },
  ]
  const json = (schema: z.ZodType) => ({ 'application/json': { schema } })
  const ok = (description: string, schema: z.ZodType, source: 'documented' | 'assumption' = 'assumption') => ({
    description,
    source,
    content: json(schema),
  })

  interface View {
    path: string
    id: string
    name: string
    permission?: boolean
    parameters: ParameterSpec[]
    operations: Omit<OperationSpec, 'path' | 'parameters'>[]
  }

  const ORDER = idParam('id', 'order')
  const views: View[] = [
    {
      path: '/api/orders',
      id: 'orders',
      name: 'Order List',
      parameters: [],
      operations: [
        {
          method: 'get',
          operationId: 'listOrders',
          summary: 'List orders',
          tags: ['Orders'],
          source: 'assumption',
          responses: { '200': ok('A page of orders.', drfPage(order)) },
        },
      ],
    },
    {
      path: '/api/orders/{id}',
      id: 'order',
      name: 'Order Detail',
      parameters: [ORDER],
      operations: [
        {
          method: 'get',
          operationId: 'getOrder',
          summary: 'Retrieve an order',
          tags: ['Orders'],
          source: 'assumption',
          responses: { '200': ok('The order.', order), '404': 'DrfNotFound' },
        },
      ],
    },
    {
      path: '/api/orders/{id}/items',
      id: 'orderItems',
      name: 'Order Item List',
      permission: true,
      parameters: [ORDER],
      operations: [
        {
          method: 'get',
          operationId: 'listOrderItems',
          summary: 'List an order’s items',
          tags: ['Order items'],
          source: 'assumption',
          responses: { '200': ok('A page of items.', drfPage(item)), '404': 'DrfNotFound' },
        },
      ],
    },
    {
      path: '/api/orders/{id}/items/{item_id}',
      id: 'orderItem',
      name: 'Order Item Detail',
      permission: true,
      parameters: [ORDER, idParam('item_id', 'item')],
      operations: [
        {
          method: 'get',
          operationId: 'getOrderItem',
          summary: 'Retrieve an order item',
          tags: ['Order items'],
          source: 'assumption',
          responses: { '200': ok('The item.', item), '404': 'DrfNotFound' },
        },
        {
          method: 'patch',
          operationId: 'updateOrderItem',
          summary: 'Update Order Item',
          description: `Staff (permission ${ORDER_ITEM_PERMISSION}) or Admin only. Answers the whole order with its recomputed totals.`,
          tags: ['Order items'],
          source: 'documented',
          rules: rulesOf(OPERATION.itemUpdate),
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: itemUpdate,
                examples: {
                  documented: {
                    summary: 'The documented request',
                    value: documentedItemUpdateRequest,
                    source: 'documented',
                  },
                },
              },
            },
          },
          responses: {
            '200': ok('The whole order after the update.', order, 'documented'),
            '400': 'DrfBadRequest',
            '404': 'DrfNotFound',
            ...drfCommonResponses({ authenticated: false, body: true }),
          },
        },
        {
          method: 'delete',
          operationId: 'deleteOrderItem',
          summary: 'Delete an order item',
          tags: ['Order items'],
          source: 'assumption',
          rules: rulesOf(OPERATION.itemDelete),
          responses: { '200': ok('The order after the delete.', order), '400': 'DrfBadRequest', '404': 'DrfNotFound' },
        },
      ],
    },
    {
      path: '/api/orders/{id}/payments',
      id: 'payments',
      name: 'Payment List',
      parameters: [ORDER],
      operations: [
        {
          method: 'get',
          operationId: 'listPayments',
          summary: 'List an order’s payments (newest first)',
          tags: ['Payments'],
          source: 'assumption',
          responses: { '200': ok('A page of payments.', drfPage(payment)), '404': 'DrfNotFound' },
        },
        {
          method: 'post',
          operationId: 'createPayment',
          summary: 'Add a payment',
          tags: ['Payments'],
          source: 'assumption',
          rules: rulesOf(OPERATION.paymentCreate),
          requestBody: { required: true, content: json(paymentCreate) },
          responses: {
            '201': ok('The new payment.', payment),
            '400': 'DrfBadRequest',
            '404': 'DrfNotFound',
            ...drfCommonResponses({ authenticated: false, body: true }),
          },
        },
      ],
    },
    {
      path: '/api/orders/{id}/payments/{payment_id}',
      id: 'payment',
      name: 'Payment Detail',
      parameters: [ORDER, idParam('payment_id', 'payment')],
      operations: [
        {
          method: 'get',
          operationId: 'getPayment',
          summary: 'Retrieve a payment',
          tags: ['Payments'],
          source: 'assumption',
          responses: { '200': ok('The payment.', payment), '404': 'DrfNotFound' },
        },
        {
          method: 'patch',
          operationId: 'updatePayment',
          summary: 'Update a payment',
          tags: ['Payments'],
          source: 'assumption',
          rules: rulesOf(OPERATION.paymentUpdate),
          requestBody: { required: true, content: json(paymentUpdate) },
          responses: {
            '200': ok('The payment after the update.', payment),
            '400': 'DrfBadRequest',
            '404': 'DrfNotFound',
            ...drfCommonResponses({ authenticated: false, body: true }),
          },
        },
      ],
    },
  ]

  const ITEM_SEARCH: ParameterSpec[] = [
    {
      name: 'search',
      in: 'query',
      description: 'Terms matched against id, product id and product name.',
      schema: z.string(),
      source: 'assumption',
    },
    {
      name: 'ordering',
      in: 'query',
      description: 'Comma-separated fields, `-` for descending.',
      schema: z.string(),
      source: 'assumption',
    },
  ]
  const withPaging = (op: View['operations'][number]) =>
    op.operationId === 'listOrderItems'
      ? [...ITEM_SEARCH, ...pageParams]
      : op.operationId.startsWith('list')
        ? pageParams
        : []

  // No APPEND_SLASH on Hamgam: a path with or without its slash is simply another URL.
  const { appendSlash: _appendSlash, ...withoutAppendSlash } = DRF_FALLBACKS

  return drfNegotiated({
    provider: 'hamgam',
    trailingSlash: 'exact',
    title: 'Hamgam',
    description:
      "Hamgam's core order API as this mock serves it (a Django REST framework service, no trailing slashes). Every call needs a token; order items need a Staff user with the order-item permission or an Admin. Each part says whether the provider documents it (`x-mock-source: documented`), the framework does (`framework`) or the mock assumes it (`assumption`).",
    securitySchemes: { Token: { ...TOKEN_SCHEME, source: 'documented' } },
    security: ['Token'],
    schemas: {
      ...DRF_SCHEMAS,
      Order: order,
      OrderItem: item,
      Payment: payment,
      OrderItemUpdate: itemUpdate,
      PaymentCreate: paymentCreate,
      PaymentUpdate: paymentUpdate,
    },
    responses: DRF_RESPONSES,
    fallbacks: withoutAppendSlash,
    tags: [
      { name: 'Orders', description: 'Orders with computed totals.' },
      { name: 'Order items', description: 'Staff (order-item permission) or Admin only.' },
      { name: 'Payments', description: 'Payments of an order.' },
      { name: 'DRF view metadata', description: 'OPTIONS and HEAD, which every DRF view answers.' },
    ],
    operations: views.flatMap((v) => [
      ...v.operations.map(
        (op): OperationSpec => ({
          ...op,
          path: v.path,
          parameters: [...v.parameters, ...withPaging(op)],
          responses: {
            ...op.responses,
            // a customer is refused everywhere; a staff user without the permission on the item views
            ...drfCommonResponses({ authenticated: true, permission: true }),
          },
        }),
      ),
      ...drfViewExtras(v.path, v.id, v.name, {
        authenticated: true,
        permission: true,
        hasGet: v.operations.some((op) => op.method === 'get'),
        parameters: v.parameters,
      }),
    ]),
  })
}
