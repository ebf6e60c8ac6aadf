import { z } from 'zod'
import type { ApiSpec, OperationSpec, ParameterSpec } from '../../core/openapi/spec.js'
import {
  DRF_FALLBACKS,
  DRF_RESPONSES,
  DRF_SCHEMAS,
  drfCommonResponses,
  drfFieldErrors,
  drfNegotiated,
  drfPage,
  drfViewExtras,
  TOKEN_SCHEME,
} from '../../frameworks/drf/openapi.js'
import {
  documentedBulkError,
  documentedBulkRequest,
  documentedBulkResponse,
  documentedItemRequest,
  documentedItemResponse,
  documentedOrderResponse,
} from './documented.js'
import { OPERATION, omnitronRules } from './rules.js'
import { CANCEL_STATUSES, ORDER_STATUSES, orderItemRecord, orderRecord } from './schemas.js'
import { BULK_ITEM_KEYS, ORDER_ITEM_KEYS, ORDER_KEYS } from './serialize.js'
import { BULK_FIELDS } from './writes.js'

/** Built on first use (GET /__mock/openapi, openApiDocuments()): nothing on a request's or start-up's path reads it. */
let built: ApiSpec | undefined
export function omnitronApi(): ApiSpec {
  built ??= build()
  return built
}

function build(): ApiSpec {
  /**
   * Omnitron's operations for its OpenAPI document, from the schemas the mock
   * stores and serialises with: the response bodies are the records picked by
   * the serializers' key lists, so a key added to one shows in the other.
   */

  const mask = <K extends string>(keys: readonly K[]) =>
    Object.fromEntries(keys.map((k) => [k, true])) as { [P in K]: true }

  const order = orderRecord
    .pick(mask(ORDER_KEYS))
    .meta({ description: 'An order, key for key as Update Order returns it.' })
  const orderItem = orderItemRecord
    .pick(mask(ORDER_ITEM_KEYS))
    .meta({ description: 'An order item, key for key as Update Order Item returns it.' })
  const bulkItem = z
    .object(Object.fromEntries(BULK_ITEM_KEYS.map(([key, field]) => [key, orderItemRecord.shape[field]])))
    .meta({ description: 'An order item as the bulk status update returns it (`id` and `product_sku`).' })

  const item = orderItemRecord.shape
  const orderUpdate = z
    .object({ status: orderRecord.shape.status, is_send: z.boolean() })
    .partial()
    .meta({ description: 'Only `is_send` is meant to change here (the documented use); unknown keys are ignored.' })
  const itemFields = {
    status: item.status,
    extra_field: item.extra_field.describe('Merged into the stored extra_field at the top level.'),
    attributes: item.attributes,
    attributes_kwargs: item.attributes_kwargs,
    cancel_status: item.cancel_status,
    tracking_number: z.string().max(255).nullable(),
    defined_tracking_url: z.string().max(255).nullable(),
    invoice_number: z.string().max(255).nullable(),
    invoice_date: z.string().nullable().describe('A datetime, YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].'),
    e_archive_url: z.string().max(255).nullable(),
    carrier_shipping_code: z.string().max(255).nullable(),
    shipping_company: z.string().nullable().describe("One of the scenario's shipping companies."),
    parent: z.number().int().nullable(),
    shipped_date: z.string().nullable(),
    delivered_date: z.string().nullable(),
    estimated_delivery_date: z.string().nullable().describe('YYYY-MM-DD'),
    defined_shipping_company: z.string().max(255).nullable(),
    data_source: z.number().int().nullable(),
    shipping_option_group: z.number().int().nullable(),
  }
  const itemUpdate = z.object(itemFields).partial().meta({ description: 'Any subset of the documented parameters.' })
  const bulkEntry = z
    .object({ id: z.number().int(), ...Object.fromEntries(BULK_FIELDS.map((f) => [f, itemFields[f]])) })
    .partial()
    .required({ id: true })
  const bulkUpdate = z.object({ orderitem_set: z.array(bulkEntry).min(1) })
  const bulkErrors = z
    .array(
      z.object({
        message: z.union([drfFieldErrors, z.array(z.string())]),
        args: z.object({ orderitem_id: z.string() }).partial(),
      }),
    )
    .meta({ description: 'One entry per failing order item; nothing is written when any fails.' })
  const login = z.object({ username: z.string(), password: z.string() }).partial().required({ password: true })

  const rulesOf = (operation: string) => omnitronRules.filter((r) => r.operations.includes(operation)).map((r) => r.id)

  const pk = (what: string): ParameterSpec => ({
    name: 'pk',
    in: 'path',
    description: `The ${what}'s primary key (anything else is 404).`,
    schema: z.number().int().positive(),
    source: 'documented',
  })
  const pageParams: ParameterSpec[] = [
    { name: 'page', in: 'query', description: 'Page number, or `last`.', schema: z.string(), source: 'assumption' },
    {
      name: 'limit',
      in: 'query',
      description: 'Page size (default 10); a bad value falls back to the default.',
      schema: z.number().int().positive(),
      source: 'assumption',
    },
  ]
  const json = (schema: z.ZodType, examples?: Record<string, { summary: string; value: unknown }>) => ({
    'application/json': {
      schema,
      ...(examples && {
        examples: Object.fromEntries(
          Object.entries(examples).map(([k, e]) => [k, { ...e, source: 'documented' as const }]),
        ),
      }),
    },
  })
  const auth = drfCommonResponses({ authenticated: true })
  const write = drfCommonResponses({ authenticated: true, body: true })

  const views: { operations: OperationSpec[]; path: string; id: string; name: string; parameters?: ParameterSpec[] }[] =
    [
      {
        path: '/api/v1/auth/login/',
        id: 'login',
        name: 'Login',
        operations: [
          {
            method: 'post',
            path: '/api/v1/auth/login/',
            operationId: 'login',
            summary: 'Log in: the token for `Authorization: Token <key>`',
            tags: ['Auth'],
            source: 'assumption',
            authenticated: false,
            requestBody: {
              required: true,
              content: {
                ...json(login),
                'application/x-www-form-urlencoded': { schema: login },
              },
            },
            responses: {
              '200': {
                description: 'The user’s token.',
                source: 'assumption',
                content: json(z.object({ key: z.string() })),
              },
              '400': 'DrfBadRequest',
              '415': 'DrfUnsupportedMediaType',
            },
          },
        ],
      },
      {
        path: '/api/i1/orders/',
        id: 'listOrders',
        name: 'Order List',
        operations: [
          {
            method: 'get',
            path: '/api/i1/orders/',
            operationId: 'listOrders',
            summary: 'List orders',
            tags: ['Orders'],
            source: 'assumption',
            parameters: [
              {
                name: 'status',
                in: 'query',
                description: 'Order status code.',
                schema: z.enum(ORDER_STATUSES),
                source: 'assumption',
              },
              {
                name: 'cancel_status',
                in: 'query',
                description: 'Cancel status.',
                schema: z.enum(CANCEL_STATUSES),
                source: 'assumption',
              },
              { name: 'number', in: 'query', description: 'Order number.', schema: z.string(), source: 'assumption' },
              {
                name: 'is_send',
                in: 'query',
                description: 'true/false/1/0; anything else: no filter.',
                schema: z.string(),
                source: 'framework',
              },
              ...pageParams,
            ],
            responses: {
              '200': { description: 'A page of orders.', source: 'assumption', content: json(drfPage(order)) },
              '400': 'DrfBadRequest',
              '404': 'DrfNotFound',
              ...auth,
            },
          },
        ],
      },
      {
        path: '/api/v1/orders/{pk}/',
        id: 'order',
        name: 'Order Detail',
        parameters: [pk('order')],
        operations: [
          {
            method: 'get',
            path: '/api/v1/orders/{pk}/',
            operationId: 'getOrder',
            summary: 'Retrieve an order',
            tags: ['Orders'],
            source: 'assumption',
            parameters: [pk('order')],
            responses: {
              '200': { description: 'The order.', source: 'assumption', content: json(order) },
              '404': 'DrfNotFound',
              ...auth,
            },
          },
          {
            method: 'patch',
            path: '/api/v1/orders/{pk}/',
            operationId: 'updateOrder',
            summary: 'Update Order (is_send)',
            tags: ['Orders'],
            source: 'documented',
            parameters: [pk('order')],
            rules: rulesOf(OPERATION.orderUpdate),
            requestBody: {
              required: true,
              content: json(orderUpdate, { isSend: { summary: 'Mark as sent to the ERP', value: { is_send: true } } }),
            },
            responses: {
              '200': {
                description: 'The order after the update.',
                source: 'documented',
                content: json(order, {
                  documented: { summary: 'The documented response', value: documentedOrderResponse },
                }),
              },
              '400': 'DrfBadRequest',
              '404': 'DrfNotFound',
              ...write,
            },
          },
        ],
      },
      {
        path: '/api/v1/order_items/',
        id: 'listOrderItems',
        name: 'Order Item List',
        operations: [
          {
            method: 'get',
            path: '/api/v1/order_items/',
            operationId: 'listOrderItems',
            summary: 'List order items',
            tags: ['Order items'],
            source: 'assumption',
            parameters: [
              {
                name: 'order',
                in: 'query',
                description: 'An existing order pk.',
                schema: z.number().int(),
                source: 'assumption',
              },
              ...pageParams,
            ],
            responses: {
              '200': { description: 'A page of order items.', source: 'assumption', content: json(drfPage(orderItem)) },
              '400': 'DrfBadRequest',
              '404': 'DrfNotFound',
              ...auth,
            },
          },
        ],
      },
      {
        path: '/api/v1/order_items/{pk}/',
        id: 'orderItem',
        name: 'Order Item Detail',
        parameters: [pk('order item')],
        operations: [
          {
            method: 'get',
            path: '/api/v1/order_items/{pk}/',
            operationId: 'getOrderItem',
            summary: 'Retrieve an order item',
            tags: ['Order items'],
            source: 'assumption',
            parameters: [pk('order item')],
            responses: {
              '200': { description: 'The order item.', source: 'assumption', content: json(orderItem) },
              '404': 'DrfNotFound',
              ...auth,
            },
          },
          {
            method: 'patch',
            path: '/api/v1/order_items/{pk}/',
            operationId: 'updateOrderItem',
            summary: 'Update Order Item',
            tags: ['Order items'],
            source: 'documented',
            parameters: [pk('order item')],
            rules: rulesOf(OPERATION.itemUpdate),
            requestBody: {
              required: true,
              content: json(itemUpdate, {
                documented: { summary: 'The documented request', value: documentedItemRequest },
              }),
            },
            responses: {
              '200': {
                description: 'The item after the update (and its rules).',
                source: 'documented',
                content: json(orderItem, {
                  documented: { summary: 'The documented response', value: documentedItemResponse },
                }),
              },
              '400': 'DrfBadRequest',
              '404': 'DrfNotFound',
              ...write,
            },
          },
        ],
      },
      {
        path: '/api/i1/order_items/bulk_status_update/',
        id: 'bulkStatusUpdate',
        name: 'Order Item Bulk Status Update',
        operations: [
          {
            method: 'patch',
            path: '/api/i1/order_items/bulk_status_update/',
            operationId: 'bulkStatusUpdate',
            summary: 'Order Item Bulk Status Update',
            description: 'All entries must belong to one order; atomic: any error and nothing is written.',
            tags: ['Order items'],
            source: 'documented',
            rules: rulesOf(OPERATION.bulkUpdate),
            requestBody: {
              required: true,
              content: json(bulkUpdate, {
                documented: { summary: 'The documented request', value: documentedBulkRequest },
              }),
            },
            responses: {
              '200': {
                description: 'The updated items.',
                source: 'documented',
                content: json(z.array(bulkItem), {
                  documented: { summary: 'The documented response', value: documentedBulkResponse },
                }),
              },
              '400': {
                description: 'The failing entries (or `{"detail": …}` for a body that is not JSON).',
                source: 'documented',
                content: json(z.union([bulkErrors, DRF_SCHEMAS.DrfDetail]), {
                  documented: { summary: 'The documented error', value: documentedBulkError },
                }),
              },
              ...write,
            },
          },
        ],
      },
    ]

  return drfNegotiated({
    provider: 'omnitron',
    trailingSlash: 'exact',
    title: 'Omnitron (Akinon)',
    description:
      "Akinon Omnitron's order and order-item update endpoints, as this mock serves them (a Django REST framework service). Each part says whether the provider documents it (`x-mock-source: documented`), the framework does (`framework`) or the mock assumes it (`assumption`).",
    externalDocs: { url: 'https://docs.akinon.com/', description: "Akinon's documentation" },
    realServer: {
      url: 'https://{customer_api_url}',
      description: 'A real Omnitron instance',
      variables: { customer_api_url: { default: 'omnitron.example.com' } },
    },
    securitySchemes: { Token: { ...TOKEN_SCHEME, source: 'documented' } },
    security: ['Token'],
    schemas: {
      ...DRF_SCHEMAS,
      Order: order,
      OrderItem: orderItem,
      BulkOrderItem: bulkItem,
      OrderUpdate: orderUpdate,
      OrderItemUpdate: itemUpdate,
      BulkStatusUpdate: bulkUpdate,
      BulkErrors: bulkErrors,
    },
    responses: DRF_RESPONSES,
    fallbacks: DRF_FALLBACKS,
    tags: [
      { name: 'Auth', description: 'Logging in (not in the documented pages).' },
      { name: 'Orders', description: 'Orders.' },
      { name: 'Order items', description: 'Order items and the bulk status update.' },
      { name: 'DRF view metadata', description: 'OPTIONS and HEAD, which every DRF view answers.' },
    ],
    operations: views.flatMap((v) => [
      ...v.operations,
      ...drfViewExtras(v.path, v.id, v.name, {
        authenticated: v.id !== 'login',
        hasGet: v.operations.some((o) => o.method === 'get'),
        ...(v.parameters && { parameters: v.parameters }),
      }),
    ]),
  })
}
