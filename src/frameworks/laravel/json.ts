import { textResponse } from '../../core/respond.js'

/**
 * PHP's json_encode() with Laravel's default options (none): "/" is escaped
 * as "\/" and every non-ASCII character as \uXXXX (lowercase hex). Clients
 * parse it the same; byte-level comparisons and signatures see the difference.
 */
export function phpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

export function laravelJson(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return textResponse(phpJson(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
}
