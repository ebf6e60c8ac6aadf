import { preparedText } from './prepare.js'

const escapeNonAscii = (json: string) =>
  json.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)

/** What json_encode writes differently from JSON.stringify: `/` and non-ASCII. */
const ESCAPED = /[/\u0080-\uffff]/

/**
 * PHP's json_encode() with no options (`response()->json()`, what controllers
 * answer): "/" is escaped as "\/" and every non-ASCII character as \uXXXX
 * (lowercase hex; DEL stays raw). Clients parse it the same; byte-level
 * comparisons and signatures see the difference.
 */
export function phpJson(value: unknown): string {
  const json = JSON.stringify(value)
  return ESCAPED.test(json) ? escapeNonAscii(json.replace(/\//g, '\\/')) : json
}

/**
 * json_encode($data, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES): what Laravel's
 * exception handler answers (Handler::prepareJsonResponse) — four-space
 * indent, `"key": value`, slashes as they are, non-ASCII still \uXXXX.
 */
export function phpPrettyJson(value: unknown): string {
  return escapeNonAscii(JSON.stringify(value, null, 4))
}

export function laravelJson(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return preparedText(phpJson(body), status, { 'Content-Type': 'application/json', ...headers })
}

/** An exception rendered as JSON by Laravel's handler. */
export function laravelExceptionJson(status: number, message: string, headers: Record<string, string> = {}): Response {
  return preparedText(phpPrettyJson({ message }), status, { 'Content-Type': 'application/json', ...headers })
}
