import { textResponse } from '../../core/respond.js'
import { withPythonNumbers } from './python.js'

/**
 * Django / DRF response shapes: JSON as DRF's JSONRenderer writes it, Django's
 * built-in HTML 404 page, APPEND_SLASH's 301.
 */

const MARK = `\u0000${Math.random().toString(36).slice(2, 10)}`
const MARKED = new RegExp(`"\\\\u0000${MARK.slice(1)}([^"\\\\]*)\\\\u0000"`, 'g')

/**
 * DRF's JSONRenderer (json.dumps): compact separators (or `indent` spaces),
 * raw Unicode, U+2028/2029 escaped; floats and big ints written as Python
 * writes them (`1.0`, `1e+16`, exact digits).
 */
export function renderDrfJson(body: unknown, indent?: number): string {
  let marked = false
  const json = withPythonNumbers(
    (text) => {
      marked = true
      return `${MARK}${text}\u0000`
    },
    () => JSON.stringify(body, null, indent),
  )
  const text = marked ? json.replace(MARKED, '$1') : json
  return text.includes('\u2028') || text.includes('\u2029')
    ? text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
    : text
}

/** What each DRF response was built from, so the negotiated renderer can render it again (indent, browsable API). */
const payloads = new WeakMap<Response, { body: unknown }>()

export function drfJson(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const response = textResponse(renderDrfJson(body), {
    status,
    headers: { 'Content-Type': 'application/json', Vary: 'Accept', ...headers },
  })
  payloads.set(response, { body })
  return response
}

/** The data a `drfJson` response was built from. */
export function drfPayload(response: Response): { body: unknown } | undefined {
  return payloads.get(response)
}

/** django.views.defaults.ERROR_PAGE_TEMPLATE, as page_not_found renders it without a 404.html template. */
export const DJANGO_404_HTML = `
<!doctype html>
<html lang="en">
<head>
  <title>Not Found</title>
</head>
<body>
  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>
</body>
</html>
`

/** HttpResponse's default Content-Type (DEFAULT_CHARSET utf-8). */
export const DJANGO_HTML = 'text/html; charset=utf-8'

export function djangoNotFound(): Response {
  return textResponse(DJANGO_404_HTML, { status: 404, headers: { 'Content-Type': DJANGO_HTML } })
}

const ERROR_TITLES: Record<number, string> = { 400: 'Bad Request (400)', 500: 'Server Error (500)' }

/** django.views.defaults.bad_request / server_error without templates: ERROR_PAGE_TEMPLATE with empty details. */
export function djangoErrorPage(status: 400 | 500): Response {
  const title = ERROR_TITLES[status]!
  const html = `
<!doctype html>
<html lang="en">
<head>
  <title>${title}</title>
</head>
<body>
  <h1>${title}</h1><p></p>
</body>
</html>
`
  return textResponse(html, { status, headers: { 'Content-Type': DJANGO_HTML } })
}

/** CommonMiddleware with APPEND_SLASH: a permanent redirect to the same path with its slash, query kept. */
export function appendSlashRedirect(location: string): Response {
  return textResponse(null, {
    status: 301,
    headers: { Location: location, 'Content-Type': 'text/html; charset=utf-8' },
  })
}

/** DRF's default messages (rest_framework/exceptions.py, authentication.py). */
export const DRF = {
  notAuthenticated: 'Authentication credentials were not provided.',
  invalidToken: 'Invalid token.',
  tokenNoCredentials: 'Invalid token header. No credentials provided.',
  tokenSpaces: 'Invalid token header. Token string should not contain spaces.',
  tokenInvalidChars: 'Invalid token header. Token string should not contain invalid characters.',
  permissionDenied: 'You do not have permission to perform this action.',
  notFound: 'Not found.',
  notAcceptable: 'Could not satisfy the request Accept header.',
  methodNotAllowed: (method: string) => `Method "${method}" not allowed.`,
  unsupportedMediaType: (mediaType: string) => `Unsupported media type "${mediaType}" in request.`,
  invalidPage: 'Invalid page.',
} as const
