import { laravelJson } from './json.js'

/**
 * Laravel's JSON rendering of an HTTP exception with this status: `{"message": …}`
 * with Symfony's status text (a 500 says only "Server Error"; 429 says "Too Many Attempts.").
 */
const MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthenticated.',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  419: 'Page Expired',
  422: 'Unprocessable Content',
  429: 'Too Many Attempts.',
  500: 'Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

export function laravelErrorResponse(
  status: number,
  _method?: string,
  retryAfterSeconds = DEFAULT_RETRY_AFTER,
): Response {
  return laravelJson(
    status,
    { message: MESSAGES[status] ?? (status >= 500 ? 'Server Error' : 'Error') },
    status === 429 ? { 'Retry-After': String(retryAfterSeconds) } : {},
  )
}

/**
 * An injected 429's Retry-After. The real value is the provider's throttle window; a
 * small default keeps a client that honours it from stalling a test. A fault's own
 * `Retry-After` header sets it.
 */
const DEFAULT_RETRY_AFTER = 1
