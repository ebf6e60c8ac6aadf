import { textResponse } from '../../core/respond.js'

const escapeNonAscii = (json: string) =>
  json.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)

/**
 * PHP's json_encode() with no options (`response()->json()`, what controllers
 * answer): "/" is escaped as "\/" and every non-ASCII character as \uXXXX
 * (lowercase hex; DEL stays raw). Clients parse it the same; byte-level
 * comparisons and signatures see the difference.
 */
export function phpJson(value: unknown): string {
  return escapeNonAscii(JSON.stringify(value).replace(/\//g, '\\/'))
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
  return textResponse(phpJson(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
}

/** An exception rendered as JSON by Laravel's handler. */
export function laravelExceptionJson(status: number, message: string, headers: Record<string, string> = {}): Response {
  return textResponse(phpPrettyJson({ message }), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}
