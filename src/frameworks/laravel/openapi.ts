import { z } from 'zod'
import type { HeaderSpec, OperationSpec, ResponseSpec } from '../../core/openapi/spec.js'

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
    'The path exists but not for this method.',
    'The DELETE method is not supported for route api/v1/orders. Supported methods: GET, HEAD, POST, PUT.',
    { Allow: { description: 'The methods the path serves.', schema: z.string(), required: true } },
  ),
  LaravelInjectedFault: {
    description:
      'An error injected by a scenario fault or X-Mock-Fault: Laravel\'s `{"message"}` for the status (or the fault\'s own body).',
    source: 'assumption',
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
