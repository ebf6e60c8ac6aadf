import { laravelExceptionJson } from './json.js'

/**
 * An injected error status as a Laravel app answers it, rendered by the
 * exception handler as JSON (pretty-printed, slashes unescaped):
 * - most statuses as `abort(N)` throws them: an HttpException with an empty
 *   message, `{"message": ""}`;
 * - 500 as an uncaught exception: `{"message": "Server Error"}` (app.debug off);
 * - 503 as maintenance mode (PreventRequestsDuringMaintenance): "Service Unavailable";
 * - 429 as the throttle middleware (ThrottleRequestsException): "Too Many
 *   Attempts." with Retry-After.
 */
export function laravelErrorResponse(status: number): Response {
  if (status === 500) return laravelExceptionJson(500, 'Server Error')
  if (status === 503) return laravelExceptionJson(503, 'Service Unavailable')
  if (status === 429) return laravelExceptionJson(429, 'Too Many Attempts.', { 'Retry-After': '60' })
  return laravelExceptionJson(status, '')
}
