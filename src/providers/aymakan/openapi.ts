import { z } from 'zod'
import type { ApiSpec, OperationSpec, ParameterSpec, ResponseSpec } from '../../core/openapi/spec.js'
import {
  LARAVEL_BAD_OVERRIDE,
  LARAVEL_FALLBACKS,
  LARAVEL_RESPONSES,
  laravelAnswers,
  laravelHeads,
  laravelOptions,
} from '../../frameworks/laravel/openapi.js'
import { documentedSuccess, documentedUpdateRequest, documentedValidationError } from './documented.js'
import { aymakanRules, OPERATION } from './rules.js'
import { ORDER_STATUSES, orderRecord, PAYMENT_METHODS, statusLabel } from './schemas.js'

/** Built on first use (GET /__mock/openapi, openApiDocuments()): nothing on a request's or start-up's path reads it. */
let built: ApiSpec | undefined
export function aymakanApi(): ApiSpec {
  built ??= build()
  return built
}

function build(): ApiSpec {
  /**
   * Aymakan's operations for its OpenAPI document: the envelope every answer
   * uses, the order as serialize.ts renders it (from the stored record's
   * schema), the request as the Laravel rules in writes.ts read it.
   */

  const r = orderRecord.shape
  const json = z.record(z.string(), z.unknown())
  const order = z
    .object({
      order_id: r.order_id,
      status: z.enum(ORDER_STATUSES.map(statusLabel) as [string, ...string[]]).describe('The status label.'),
      hub_code: r.hub_code,
      customer: r.customer,
      seller_name: r.seller_name,
      order_alias: r.order_alias,
      order_items: r.order_items.optional().describe('Left out of the list unless include=order_items.'),
      total_item_count: z.number().int().min(0),
      total_sku_count: z.number().int().min(0),
      total: z.number().int().min(0),
      billing_address: r.billing_address,
      shipping_address: r.shipping_address,
      reason: r.reason,
      cancelled_reason: r.cancelled_reason,
      sub_status: r.sub_status,
      transactions: r.transactions,
      slot: r.slot,
      order_created_at: r.order_created_at,
      invoice: r.invoice,
      shipment: r.shipment,
      delivery_type: r.delivery_type,
      payment_method: z.enum(['Prepaid', 'Postpaid']),
      shipment_created_at: r.shipment_created_at,
      order_shipped_at: r.order_shipped_at,
      order_delivered_at: r.order_delivered_at,
      meta_data: z.object({ is_update_order_allowed: z.boolean() }),
    })
    .meta({ description: 'An order, key for key as the documented success example shows it.' })

  const envelope = <D extends z.ZodType, M extends z.ZodType>(data: D, meta: M) =>
    z.object({ success: z.boolean(), message: z.string(), data, meta })
  const failure = envelope(z.null(), z.null()).meta({ description: 'A refusal: `success: false` and the reason.' })
  const validationFailure = failure
    .extend({
      validation_errors: z.record(z.string(), z.string()).describe('The first message of each failing field.'),
    })
    .meta({ description: 'Laravel validation failed (422): the first message per field, in the envelope.' })
  const pageMeta = z.object({
    current_page: z.number().int(),
    last_page: z.number().int(),
    per_page: z.number().int(),
    total: z.number().int(),
  })

  const number = z.number().nullable().optional()
  const string = z.string().nullable().optional()
  const boolean = z.boolean().nullable().optional()
  const address = (required: boolean) =>
    z
      .object({
        address1: required ? z.string() : string,
        city: required ? z.string() : string,
        address2: string,
        country: string,
        country_code: string,
        state: string,
        state_code: string,
        first_name: string,
        last_name: string,
        phone: string,
        zip: string,
        latitude: number,
        longitude: number,
      })
      .loose()
  const orderBody = (mode: 'create' | 'update') =>
    z
      .object({
        order_id: z.string().describe(mode === 'update' ? 'An existing order.' : 'A new, unique order id.'),
        ...(mode === 'create' && { hub_code: z.string().describe("One of the scenario's hubs.") }),
        order_items: z.array(
          z
            .object({
              sku_code: z.string().describe("A SKU of the scenario's catalogue."),
              name: string,
              display_price: number,
              selling_price: number,
              is_substituted: boolean,
              quantity: z.number().int().nullable().optional(),
              tax_percent: number,
              tax: number,
              unit_price: number,
              subtotal: number,
              total: number,
              discount: number,
              tax_inclusive: boolean,
            })
            .loose(),
        ),
        payment_method: z.enum(PAYMENT_METHODS),
        shipping_address: address(true),
        billing_address: address(false).nullable().optional(),
        order_created_at: string,
        invoice: json.nullable().optional(),
        customer: json.nullable().optional(),
        shipment: json.nullable().optional(),
        is_cash_on_delivery: boolean,
        require_shipping: boolean,
        note: string,
        meta_data: json.nullable().optional(),
      })
      .loose()
  const createBody = orderBody('create')
  const updateBody = orderBody('update')

  const doc = <T>(summary: string, value: T) => ({ documented: { summary, value, source: 'documented' as const } })
  const rulesOf = (operation: string) => aymakanRules.filter((x) => x.operations.includes(operation)).map((x) => x.id)
  const okResponse = (
    description: string,
    schema: z.ZodType,
    source: 'documented' | 'assumption',
    example?: unknown,
  ): ResponseSpec => ({
    description,
    source,
    content: {
      'application/json': {
        schema,
        ...(example !== undefined && { examples: doc('The documented response', example) }),
      },
    },
  })

  const RESPONSES: Record<string, ResponseSpec> = {
    ...LARAVEL_RESPONSES,
    AymakanUnauthenticated: {
      description: 'No accepted key in `api-key` (or `Authorization`, `Authorization: Bearer`).',
      source: 'assumption',
      content: { 'application/json': { schema: failure } },
    },
    AymakanValidationError: {
      description: 'The body failed validation; nothing changed.',
      source: 'documented',
      content: {
        'application/json': {
          schema: validationFailure,
          examples: doc('The documented error', documentedValidationError),
        },
      },
    },
    AymakanRefused: {
      description: 'A business rule refused the write (e.g. the order is no longer on hold); nothing changed.',
      source: 'documented',
      content: { 'application/json': { schema: failure } },
    },
    AymakanOrderNotFound: {
      description: 'No order with this id.',
      source: 'assumption',
      content: { 'application/json': { schema: failure } },
    },
  }

  const auth = { '401': 'AymakanUnauthenticated' }
  /** A POST may name another method in `_method` (Laravel's method override): routed by it, or refused before routing. */
  const overridable: Record<string, ResponseSpec | string> = {
    '400': {
      description: `A business rule refused the write; nothing changed. ${LARAVEL_BAD_OVERRIDE.description}`,
      source: 'documented',
      content: {
        'application/json': {
          schema: z.union([failure, LARAVEL_BAD_OVERRIDE.json]),
          examples: {
            override: { summary: '`{"_method": "P-UT"}`', value: LARAVEL_BAD_OVERRIDE.example, source: 'framework' },
          },
        },
        'text/html': { schema: z.string() },
      },
    },
    '405': 'LaravelMethodNotAllowed',
  }

  const write = (operation: string, body: z.ZodType, source: 'documented' | 'assumption', example?: unknown) => ({
    rules: rulesOf(operation),
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: body,
          ...(example !== undefined && { examples: doc('The documented request', example) }),
        },
        'application/x-www-form-urlencoded': { schema: body },
      },
    },
    responses: {
      '200': okResponse(
        'The order after the write.',
        envelope(order, z.null()),
        source,
        source === 'documented' ? documentedSuccess : undefined,
      ),
      '400': 'AymakanRefused',
      '422': 'AymakanValidationError',
      ...auth,
    },
  })

  const withOverride = <W extends { responses: Record<string, ResponseSpec | string> }>(w: W): W => ({
    ...w,
    responses: { ...w.responses, ...overridable },
  })

  const q = (name: string, description: string, schema: z.ZodType): ParameterSpec => ({
    name,
    in: 'query',
    description,
    schema,
    source: 'assumption',
  })

  const operations: OperationSpec[] = [
    {
      method: 'get',
      path: '/api/v1/orders',
      operationId: 'listOrders',
      summary: 'List orders',
      tags: ['Orders'],
      source: 'assumption',
      parameters: [
        q('per_page', 'Page size (default 15, at most 100).', z.number().int().positive()),
        q('page', 'Page number (default 1).', z.number().int().positive()),
        q('status', 'A status code; an unknown one lists nothing.', z.string()),
        q('order_id', 'Only this order.', z.string()),
        q('include', '`order_items` to include the items.', z.string()),
      ],
      responses: { '200': okResponse('A page of orders.', envelope(z.array(order), pageMeta), 'assumption'), ...auth },
    },
    {
      method: 'post',
      path: '/api/v1/orders',
      operationId: 'createOrder',
      summary: 'Create an order (on hold)',
      tags: ['Orders'],
      source: 'assumption',
      ...withOverride(write(OPERATION.create, createBody, 'assumption')),
    },
    {
      method: 'put',
      path: '/api/v1/orders',
      operationId: 'updateOrder',
      summary: 'Update Order (only while on hold)',
      tags: ['Orders'],
      source: 'documented',
      ...write(OPERATION.update, updateBody, 'documented', documentedUpdateRequest),
    },
    {
      method: 'get',
      path: '/api/v1/orders/{order_id}',
      operationId: 'getOrder',
      summary: 'Retrieve an order',
      tags: ['Orders'],
      source: 'assumption',
      parameters: [
        { name: 'order_id', in: 'path', description: 'The order id.', schema: z.string(), source: 'assumption' },
      ],
      responses: {
        '200': okResponse('The order.', envelope(order, z.null()), 'assumption'),
        '404': 'AymakanOrderNotFound',
        ...auth,
      },
    },
    {
      method: 'put',
      path: '/api/v1/orders/{order_id}',
      operationId: 'updateOrderById',
      summary: 'Update an order by id (body order_id must match)',
      tags: ['Orders'],
      source: 'assumption',
      parameters: [
        { name: 'order_id', in: 'path', description: 'The order id.', schema: z.string(), source: 'assumption' },
      ],
      ...write(OPERATION.update, updateBody, 'assumption'),
    },
  ]

  return laravelAnswers({
    provider: 'aymakan',
    trailingSlash: 'ignored',
    title: 'Aymakan Fulfillment',
    description:
      "Aymakan's Fulfillment API v1 orders as this mock serves them (a Laravel app): every answer is a `success / message / data / meta` envelope. Each part says whether the provider documents it (`x-mock-source: documented`), the framework does (`framework`) or the mock assumes it (`assumption`).",
    realServer: { url: 'https://dev-fc-api.aymakan.net', description: "Aymakan's development server" },
    securitySchemes: {
      ApiKey: {
        type: 'apiKey',
        in: 'header',
        name: 'api-key',
        description: 'Your API key. `Authorization: <key>` and `Authorization: Bearer <key>` are accepted too.',
        source: 'documented',
      },
    },
    security: ['ApiKey'],
    schemas: {
      LaravelMessage: LARAVEL_RESPONSES.LaravelRouteNotFound!.content!['application/json']!.schema,
      Order: order,
      Failure: failure,
      ValidationFailure: validationFailure,
      CreateOrder: createBody,
      UpdateOrder: updateBody,
    },
    responses: RESPONSES,
    fallbacks: LARAVEL_FALLBACKS,
    tags: [{ name: 'Orders', description: 'Orders of the fulfillment API.' }],
    operations: [...operations, ...laravelHeads(operations), ...laravelOptions(operations)],
  })
}
