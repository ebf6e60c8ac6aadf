import { z } from 'zod'
import { mapResponses } from '../../core/openapi/map.js'
import type { ApiSpec, HeaderSpec, OperationSpec, ResponseSpec } from '../../core/openapi/spec.js'

/**
 * What a Laravel app answers outside its controllers, for the OpenAPI
 * document: the router's 404 and 405 (JSON when the client asks for JSON,
 * the minimal HTML page otherwise) and the HTTP-exception body.
 */

export const laravelMessage = z.object({ message: z.string() }).meta({
  description: "Laravel's JSON rendering of an HTTP exception.",
})

const page = (description: string, json: string, extra?: Record<string, HeaderSpec>): ResponseSpec => ({
  description,
  source: 'framework',
  ...(extra && { headers: extra }),
  content: {
    'application/json': {
      schema: laravelMessage,
      examples: { json: { summary: 'With Accept: application/json', value: { message: json }, source: 'framework' } },
    },
    'text/html': { schema: z.string() },
  },
})

export const LARAVEL_RESPONSES: Record<string, ResponseSpec> = {
  LaravelRouteNotFound: page(
    'No route matches the path (JSON with an Accept asking for it, else the HTML error page).',
    'The route api/v1/nothing could not be found.',
  ),
  LaravelMethodNotAllowed: page(
    "The path exists but not for this method (the request's own, or the one a POST names in `_method` / `X-HTTP-Method-Override`): JSON when the client asks for it, else Symfony's 405 page.",
    'The DELETE method is not supported for route api/v1/orders. Supported methods: GET, HEAD, POST, PUT.',
    { Allow: { description: 'The methods the path serves, `, `-separated.', schema: z.string(), required: true } },
  ),
  LaravelInjectedFault: {
    description:
      "An error injected by a scenario fault or X-Mock-Fault: Laravel's `{\"message\"}` for the status (or the fault's own body). A 429 is ThrottleRequests' answer: `Retry-After: 1` and the X-RateLimit headers, unless the fault sets its own.",
    source: 'assumption',
    headers: {
      'Retry-After': { description: "A 429's wait in seconds: 1, or the fault's own header.", schema: z.string() },
      'X-RateLimit-Limit': { description: "A 429's limit per minute.", schema: z.string() },
      'X-RateLimit-Remaining': { description: "A 429's remaining attempts: 0.", schema: z.string() },
    },
    content: {
      'application/json': { schema: z.unknown() },
      'text/plain': { schema: z.string() },
    },
  },
}

export const LARAVEL_FALLBACKS = {
  unmatchedPath: 'LaravelRouteNotFound',
  methodNotAllowed: 'LaravelMethodNotAllowed',
  injectedFault: 'LaravelInjectedFault',
} as const

/**
 * A POST with a method override that is not a method name (not letters only:
 * SuspiciousOperationException) or a `_method` that is not a scalar
 * (BadRequestException): 400 before routing, as JSON or Symfony's page.
 */
export const LARAVEL_BAD_OVERRIDE = {
  description:
    'Or a method override that is not a method name: `{"message": "Bad request."}` (HTML: Symfony\'s 400 page).',
  json: laravelMessage,
  example: { message: 'Bad request.' },
}

/** Symfony's Response default, on every answer of the app (the mock's own problem answers excepted). */
const CACHE_CONTROL: Record<string, HeaderSpec> = {
  'Cache-Control': {
    description: "Symfony's default for a response that sets none.",
    schema: z.literal('no-cache, private'),
    required: true,
  },
}

/** What every answer of a Laravel app carries: Cache-Control (ResponseHeaderBag's default). */
export function laravelAnswers(api: ApiSpec): ApiSpec {
  return mapResponses(api, (r) => ({ ...r, headers: { ...r.headers, ...CACHE_CONTROL } }))
}

/**
 * Laravel's router answers OPTIONS on every path it knows (Router::findRoute
 * → RouteCollection::getRouteForMethods): 200, an empty body, the path's
 * methods in Allow without spaces.
 */
export function laravelOptions(operations: readonly OperationSpec[]): OperationSpec[] {
  const first = new Map<string, OperationSpec>()
  for (const op of operations) if (!first.has(op.path)) first.set(op.path, op)
  return [...first.values()].map((op) => ({
    method: 'options',
    path: op.path,
    operationId: `${op.operationId}Options`,
    summary: `${op.path}: the methods it serves`,
    tags: op.tags ?? [],
    source: 'framework',
    // Answered by the router itself, before any middleware: no credentials needed.
    authenticated: false,
    ...(op.parameters?.some((p) => p.in === 'path') && {
      parameters: op.parameters.filter((p) => p.in === 'path'),
    }),
    responses: {
      '200': {
        description: 'Empty body; the methods in Allow.',
        source: 'framework',
        headers: {
          Allow: {
            description: 'The methods, `,`-separated without spaces (e.g. `GET,HEAD,POST,PUT`).',
            schema: z.string(),
            required: true,
          },
        },
      },
    },
  }))
}

/** Laravel's router answers HEAD wherever there is a GET: the same answer, no body. */
export function laravelHeads(operations: readonly OperationSpec[]): OperationSpec[] {
  return operations
    .filter((op) => op.method === 'get')
    .map((op) => ({
      method: 'head',
      path: op.path,
      operationId: `${op.operationId}Head`,
      summary: `${op.summary}: without the body`,
      tags: op.tags ?? [],
      source: 'framework',
      ...(op.parameters && { parameters: op.parameters }),
      responses: { default: { description: 'The GET answer without its body.', source: 'framework' } },
    }))
}
