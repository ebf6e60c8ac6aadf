import { preparedHeaders, preparedText } from './prepare.js'

const escapeNonAscii = (json: string) =>
  json.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)

/** Bytes for {@link isAscii}: answers up to this size are checked without a regex. */
const SCRATCH = new Uint8Array(16 * 1024)
const ASCII_ENCODER = new TextEncoder()

/**
 * Whether a string is ASCII only. TextEncoder writes an ASCII string byte for
 * byte and any other character as two bytes or more, so the count written
 * says it; that copy is ~25× quicker than a regex scan of a 2.4 KB answer
 * (the regex was a fifth of rendering Aymakan's order). A longer string is
 * scanned by the regex.
 */
function isAscii(s: string): boolean {
  if (s.length > SCRATCH.length) return !/[\u0080-\uffff]/.test(s)
  const { read, written } = ASCII_ENCODER.encodeInto(s, SCRATCH)
  return read === s.length && written === s.length
}

/**
 * PHP's json_encode() with no options (`response()->json()`, what controllers
 * answer): "/" is escaped as "\/" and every non-ASCII character as \uXXXX
 * (lowercase hex; DEL stays raw). Clients parse it the same; byte-level
 * comparisons and signatures see the difference.
 */
export function phpJson(value: unknown): string {
  // What json_encode writes differently from JSON.stringify: `/` and non-ASCII.
  const json = JSON.stringify(value)
  return json.includes('/') || !isAscii(json) ? escapeNonAscii(json.replace(/\//g, '\\/')) : json
}

/**
 * json_encode($data, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES): what Laravel's
 * exception handler answers (Handler::prepareJsonResponse) — four-space
 * indent, `"key": value`, slashes as they are, non-ASCII still \uXXXX.
 */
export function phpPrettyJson(value: unknown): string {
  return escapeNonAscii(JSON.stringify(value, null, 4))
}

/** A JSON answer's own headers, checked and lower-cased once: each answer copies the list. */
const JSON_HEADERS = preparedHeaders({ 'Content-Type': 'application/json' })

export function laravelJson(status: number, body: unknown, headers?: Record<string, string>): Response {
  if (headers === undefined) return preparedText(phpJson(body), status, JSON_HEADERS)
  return preparedText(phpJson(body), status, { 'Content-Type': 'application/json', ...headers })
}

/** An exception rendered as JSON by Laravel's handler. */
export function laravelExceptionJson(status: number, message: string, headers: Record<string, string> = {}): Response {
  return preparedText(phpPrettyJson({ message }), status, { 'Content-Type': 'application/json', ...headers })
}
