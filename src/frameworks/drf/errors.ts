import { textResponse } from '../../core/respond.js'
import { DRF, drfJson } from './responses.js'

/**
 * What a Django/DRF service answers with a given error status when something
 * goes wrong on its side: DRF's exception defaults for the statuses DRF
 * raises, Django's HTML page for a 500, nginx's page for a gateway error.
 * Used for injected faults, so a client sees the provider's own error shapes.
 */
const DRF_DETAILS: Record<number, string> = {
  400: 'Malformed request.',
  401: DRF.notAuthenticated,
  403: DRF.permissionDenied,
  404: DRF.notFound,
  406: 'Could not satisfy the request Accept header.',
  503: 'Service temporarily unavailable, try again later.',
}

const DJANGO_500_HTML = `
<!doctype html>
<html lang="en">
<head>
  <title>Server Error (500)</title>
</head>
<body>
  <h1>Server Error (500)</h1><p></p>
</body>
</html>
`

const NGINX_TITLES: Record<number, string> = { 502: 'Bad Gateway', 504: 'Gateway Time-out' }

export function drfErrorResponse(status: number, method: string, retryAfterSeconds = DEFAULT_RETRY_AFTER): Response {
  if (status === 500) return textResponse(DJANGO_500_HTML, { status, headers: { 'Content-Type': 'text/html' } })
  const nginx = NGINX_TITLES[status]
  if (nginx) {
    const html = `<html>\r\n<head><title>${status} ${nginx}</title></head>\r\n<body>\r\n<center><h1>${status} ${nginx}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
    return textResponse(html, { status, headers: { 'Content-Type': 'text/html', Server: 'nginx' } })
  }
  if (status === 405) return drfJson(405, { detail: DRF.methodNotAllowed(method) })
  if (status === 429) {
    // DRF's Throttled: the wait in the message, singular or plural (ngettext), and in Retry-After.
    const wait = `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`
    return drfJson(
      429,
      { detail: `Request was throttled. Expected available in ${wait}.` },
      { 'Retry-After': String(retryAfterSeconds) },
    )
  }
  const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Token' } : {}
  return drfJson(status, { detail: DRF_DETAILS[status] ?? 'A server error occurred.' }, headers)
}

/**
 * An injected 429's Retry-After. The real value is the provider's throttle window; a
 * small default keeps a client that honours it from stalling a test. A fault's own
 * `Retry-After` header sets it.
 */
export const DEFAULT_RETRY_AFTER = 1
