import { z } from 'zod'
import { mapResponses } from '../../core/openapi/map.js'
import type { ApiSpec, HeaderSpec, OperationSpec, ParameterSpec, ResponseSpec } from '../../core/openapi/spec.js'
import { DJANGO_404_HTML, DRF } from './responses.js'

/**
 * The shapes every DRF-based provider answers with, for its OpenAPI document:
 * DRF's error bodies and Django's pages, as named schemas and shared responses.
 * Their bodies are the framework's (rest_framework/exceptions.py, django.views.defaults).
 */

export const drfDetail = z.object({ detail: z.string() }).meta({
  description: "DRF's error body for an exception: one message under `detail`.",
})

/** A field's errors: a list of messages, or (a dict or nested serializer) errors by key. */
export const drfFieldMessages: z.ZodType = z.lazy(() =>
  z.union([z.array(z.string()), z.record(z.string(), drfFieldMessages)]),
)

export const drfFieldErrors = z.record(z.string(), drfFieldMessages).meta({
  description:
    "DRF's ValidationError body: messages by field name; errors not tied to a field are under `non_field_errors`.",
  examples: [
    { status: ['No matching type.'] },
    { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] },
  ],
})

/** SimpleMetadata's description of one serializer field (get_field_info): type, flags, label, then constraints. */
const drfFieldInfo = z
  .object({ type: z.string(), required: z.boolean(), read_only: z.boolean(), label: z.string() })
  .loose()

export const drfOptionsMetadata = z.object({
  name: z.string(),
  description: z.string(),
  renders: z.array(z.string()).describe('The media types the view renders (JSON, then the browsable API).'),
  parses: z.array(z.string()).describe('The media types it parses (JSON, form and multipart by default).'),
  actions: z
    .object({ POST: z.record(z.string(), drfFieldInfo) })
    .optional()
    .describe("Only on a view that allows POST: the fields of the serializer it writes, in the serializer's order."),
})

export const drfPage = <T extends z.ZodType>(item: T) =>
  z.object({
    count: z.number().int().min(0),
    next: z.string().nullable().describe('Absolute URL of the next page, or null.'),
    previous: z.string().nullable().describe('Absolute URL of the previous page, or null.'),
    results: z.array(item),
  })

export const DRF_SCHEMAS = {
  DrfDetail: drfDetail,
  DrfFieldErrors: drfFieldErrors,
  DrfFieldMessages: drfFieldMessages,
  DrfOptionsMetadata: drfOptionsMetadata,
} as const

const json = (schema: z.ZodType, examples?: Record<string, { summary: string; value: unknown }>) => ({
  'application/json': {
    schema,
    ...(examples && {
      examples: Object.fromEntries(
        Object.entries(examples).map(([k, e]) => [k, { ...e, source: 'framework' as const }]),
      ),
    }),
  },
})

export const ALLOW_HEADER: Record<string, HeaderSpec> = {
  Allow: { description: "The view's methods: DRF sends it on every answer of a view.", schema: z.string() },
}

/** The mock's hint on a provider answer (never in the body): why the path did not match, the likely intended one. */
const hint = (required: boolean, description: string): Record<string, HeaderSpec> => ({
  'X-Mock-Error': { description: `The mock's hint, not the provider's: ${description}`, schema: z.string(), required },
})

/** The browsable API (rest_framework.renderers.BrowsableAPIRenderer), chosen by content negotiation. */
const browsableApi = z
  .string()
  .describe(
    "The browsable API's HTML page (an Accept preferring text/html, as a browser sends, or ?format=api): the status line, the headers and the JSON body indented by 4. A 400 for more than 1000 form fields is Django's own Bad Request page instead.",
  )

/** Shared responses, by the names operations and fallbacks use. */
export const DRF_RESPONSES: Record<string, ResponseSpec> = {
  DrfBadRequest: {
    description:
      "Validation failed (field errors, DRF's ValidationError), or the body is not JSON (`JSON parse error - …`). Nothing changed.",
    source: 'framework',
    headers: ALLOW_HEADER,
    content: {
      'application/json': {
        schema: z.union([drfFieldErrors, drfDetail]),
        examples: {
          fieldErrors: { summary: 'A field error', value: { status: ['No matching type.'] }, source: 'documented' },
          parseError: {
            summary: 'A body that is not JSON',
            value: { detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' },
            source: 'framework',
          },
        },
      },
    },
  },
  DrfUnauthenticated: {
    description: 'No valid `Authorization: Token <key>` header (rest_framework.authentication.TokenAuthentication).',
    source: 'framework',
    headers: {
      'WWW-Authenticate': { description: 'Always `Token`.', schema: z.literal('Token'), required: true },
      ...ALLOW_HEADER,
    },
    content: json(drfDetail, {
      missing: { summary: 'No credentials', value: { detail: DRF.notAuthenticated } },
      invalid: { summary: 'Unknown token', value: { detail: DRF.invalidToken } },
    }),
  },
  DrfPermissionDenied: {
    description: 'Authenticated, but the user may not do this.',
    source: 'framework',
    headers: ALLOW_HEADER,
    content: json(drfDetail, { denied: { summary: 'Permission denied', value: { detail: DRF.permissionDenied } } }),
  },
  DrfNotFound: {
    description:
      'No such record (or a page past the last one: `Invalid page.`; or a `?format=` no renderer has: `Not found.`).',
    source: 'framework',
    headers: {
      ...ALLOW_HEADER,
      ...hint(false, 'on a path one typo from a literal route, `not-found; did you mean …`.'),
    },
    content: json(drfDetail, {
      record: { summary: 'Unknown record', value: { detail: DRF.notFound } },
      page: { summary: 'Page out of range', value: { detail: DRF.invalidPage } },
    }),
  },
  DrfMethodNotAllowed: {
    description: 'The path exists but its view does not serve this method; `Allow` lists those it does.',
    source: 'framework',
    headers: ALLOW_HEADER,
    content: json(drfDetail, {
      put: { summary: 'PUT on a view without it', value: { detail: DRF.methodNotAllowed('PUT') } },
    }),
  },
  DrfNotAcceptable: {
    description:
      'Content negotiation found no renderer for the Accept header (or `?format=json` with an Accept only the browsable API satisfies). Before authentication; always compact JSON (finalize_response falls back to the first renderer).',
    source: 'framework',
    headers: ALLOW_HEADER,
    content: json(drfDetail, { csv: { summary: 'Accept: text/csv', value: { detail: DRF.notAcceptable } } }),
  },
  DrfUnsupportedMediaType: {
    description:
      "A body whose Content-Type no parser takes: DRF's defaults parse JSON, form and multipart bodies (JSON only where the scenario's `drf.parsers` is `json-only`).",
    source: 'framework',
    headers: ALLOW_HEADER,
    content: json(drfDetail, {
      form: {
        summary: 'A form body',
        value: { detail: DRF.unsupportedMediaType('application/x-www-form-urlencoded') },
      },
    }),
  },
  DrfOptions: {
    description: "DRF's SimpleMetadata for the view.",
    source: 'framework',
    headers: ALLOW_HEADER,
    content: json(drfOptionsMetadata),
  },
  DrfHead: { description: 'The GET answer without its body.', source: 'framework', headers: ALLOW_HEADER },
  DjangoNotFoundPage: {
    description: "No URL pattern matches: Django's HTML 404 page (DEBUG off), `text/html; charset=utf-8`.",
    source: 'framework',
    headers: hint(false, '`no-route; closest: …`, the routes nearest to the path.'),
    content: {
      'text/html': {
        schema: z.string(),
        examples: { page: { summary: "Django's page", value: DJANGO_404_HTML, source: 'framework' } },
      },
    },
  },
  DjangoAppendSlash: {
    description: 'APPEND_SLASH: the path matches only with a trailing slash; a permanent redirect to it, query kept.',
    source: 'framework',
    headers: {
      Location: { description: 'The same path with its slash.', schema: z.string(), required: true },
      ...hint(true, '`append-slash; …`, what Python requests and fetch each do with the redirect.'),
    },
  },
  DrfInjectedFault: {
    description:
      "An error injected by a scenario fault or X-Mock-Fault: DRF's body for the status, Django's HTML page for a 500, nginx's page for 502/504 (or the fault's own body). A 429 is DRF's Throttled with `Retry-After: 1` unless the fault sets its own headers.",
    source: 'assumption',
    headers: {
      'Retry-After': {
        description: "A 429's wait in seconds (DRF's Throttled): 1, or the fault's own header.",
        schema: z.string(),
      },
    },
    content: {
      'application/json': { schema: z.unknown() },
      'text/html': { schema: z.string() },
      'text/plain': { schema: z.string() },
    },
  },
}

/** The statuses every DRF operation can answer, by the shared names above. */
export function drfCommonResponses(opts: { authenticated: boolean; permission?: boolean; body?: boolean }) {
  return {
    ...(opts.authenticated && { '401': 'DrfUnauthenticated' }),
    ...(opts.permission && { '403': 'DrfPermissionDenied' }),
    ...(opts.body && { '415': 'DrfUnsupportedMediaType' }),
  }
}

/** OPTIONS and HEAD of a DRF view: APIView answers both for every view (HEAD only where there is a GET). */
export function drfViewExtras(
  path: string,
  idBase: string,
  viewName: string,
  opts: { authenticated: boolean; permission?: boolean; hasGet: boolean; parameters?: ParameterSpec[] },
): OperationSpec[] {
  const common = drfCommonResponses(opts)
  const shared = {
    path,
    tags: ['DRF view metadata'],
    source: 'framework' as const,
    authenticated: opts.authenticated,
    ...(opts.parameters && { parameters: opts.parameters }),
  }
  return [
    {
      ...shared,
      method: 'options',
      operationId: `${idBase}Options`,
      summary: `${viewName}: view metadata`,
      responses: { '200': 'DrfOptions', ...common },
    },
    ...(opts.hasGet
      ? [
          {
            ...shared,
            method: 'head' as const,
            operationId: `${idBase}Head`,
            summary: `${viewName}: GET without the body`,
            responses: { '200': 'DrfHead', default: 'DrfHead' },
          },
        ]
      : []),
  ]
}

/**
 * What every DRF view does with content negotiation (APIView.initial, before
 * authentication): an Accept no renderer satisfies is 406, a `?format=` no
 * renderer has is 404, and every JSON answer of a view can be the browsable
 * API's HTML page instead.
 */
export function drfNegotiated(api: ApiSpec): ApiSpec {
  const withPage = mapResponses(api, (r, at) =>
    r.content?.['application/json'] && !r.content['text/html'] && at.shared !== 'DrfNotAcceptable'
      ? { ...r, content: { ...r.content, 'text/html': { schema: browsableApi } } }
      : r,
  )
  return {
    ...withPage,
    operations: withPage.operations.map((op) =>
      op.method === 'head'
        ? op
        : { ...op, responses: { '404': 'DrfNotFound', ...op.responses, '406': 'DrfNotAcceptable' } },
    ),
  }
}

export const DRF_FALLBACKS = {
  unmatchedPath: 'DjangoNotFoundPage',
  appendSlash: 'DjangoAppendSlash',
  methodNotAllowed: 'DrfMethodNotAllowed',
  injectedFault: 'DrfInjectedFault',
} as const

export const TOKEN_SCHEME = {
  type: 'apiKey',
  in: 'header',
  name: 'Authorization',
  description:
    'DRF TokenAuthentication: `Authorization: Token <key>` (keyword case-insensitive). A missing or bad header is 401 with `WWW-Authenticate: Token`.',
} as const
