import { textResponse } from '../../core/respond.js'
import { BROWSABLE_API_RENDERER, type Negotiation } from './negotiation.js'
import { drfPayload, renderDrfJson } from './responses.js'

/**
 * A view's answer in the renderer content negotiation chose: JSONRenderer with
 * the accepted `indent`, or the browsable API's HTML page. Responses not built
 * by `drfJson` (Django pages, the mock's own errors) pass through unchanged.
 */
export function renderNegotiated(response: Response, negotiation: Negotiation & { ok: true }): Response {
  const isApi = negotiation.renderer === BROWSABLE_API_RENDERER
  const indent = isApi ? 4 : negotiation.indent
  if (!isApi && indent === undefined) return response
  const payload = drfPayload(response)
  if (payload === undefined) return response
  const json = renderDrfJson(payload.body, indent)
  const headers = new Headers(response.headers)
  if (!isApi) return textResponse(json, { status: response.status, headers })
  headers.set('Content-Type', 'text/html; charset=utf-8')
  return textResponse(browsablePage(response, headers, json), { status: response.status, headers })
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;')

/**
 * The browsable API's page, reduced to what it shows about the response: the
 * status line, the headers and the JSON indented by 4 (DRF's page has forms,
 * styles and scripts that the mock does not reproduce).
 */
function browsablePage(response: Response, headers: Headers, json: string): string {
  const lines = [`HTTP ${response.status} ${REASONS[response.status] ?? ''}`.trimEnd()]
  for (const name of ['Allow', 'Content-Type', 'Vary', 'WWW-Authenticate']) {
    const value = name === 'Content-Type' ? 'application/json' : headers.get(name)
    if (value) lines.push(`${name}: ${value}`)
  }
  return `<!DOCTYPE html>
<html>
<head><title>Django REST framework</title></head>
<body>
<pre class="prettyprint">${escapeHtml(`${lines.join('\n')}\n\n${json}`)}</pre>
</body>
</html>
`
}
