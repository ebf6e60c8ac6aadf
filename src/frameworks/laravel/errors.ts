import { prepared } from './http.js'
import { laravelExceptionJson } from './json.js'

/**
 * An injected error status as a Laravel app answers it, rendered by the
 * exception handler as JSON (pretty-printed, slashes unescaped):
 * - most statuses as `abort(N)` throws them: an HttpException with an empty
 *   message, `{"message": ""}`;
 * - 500 as an uncaught exception: `{"message": "Server Error"}` (app.debug off);
 * - 503 as maintenance mode (PreventRequestsDuringMaintenance): "Service Unavailable";
 * - 429 as the throttle middleware (ThrottleRequestsException): "Too Many
 *   Attempts." with its rate-limit headers for a 60-a-minute limit (not
 *   X-RateLimit-Reset: that needs the request's clock).
 */
export function laravelErrorResponse(
  status: number,
  _method?: string,
  retryAfterSeconds = DEFAULT_RETRY_AFTER,
): Response {
  return prepared(handlerAnswer(status, retryAfterSeconds))
}

function handlerAnswer(status: number, retryAfterSeconds: number): Response {
  if (status === 500) return laravelExceptionJson(500, 'Server Error')
  if (status === 503) return laravelExceptionJson(503, 'Service Unavailable')
  if (status === 429)
    return laravelExceptionJson(429, 'Too Many Attempts.', {
      'X-RateLimit-Limit': '60',
      'X-RateLimit-Remaining': '0',
      'Retry-After': String(retryAfterSeconds),
    })
  return laravelExceptionJson(status, '')
}

/**
 * An injected 429's Retry-After. The real value is the provider's throttle window; a
 * small default keeps a client that honours it from stalling a test. A fault's own
 * `Retry-After` header sets it.
 */
const DEFAULT_RETRY_AFTER = 1
