import type { Context } from 'hono'
import { readBody } from '../../core/body.js'
import type { MockEnv } from '../../core/context.js'
import { decodeJsonBody, type JsonValue } from './python-json.js'
import { DRF, drfJson } from './responses.js'

export type DataResult = { ok: true; data: JsonValue } | { ok: false; response: Response }

/** Splits a Content-Type into its lower-cased media type and its parameters, as Django's parse_header_parameters. */
export function parseMediaType(header: string): { type: string; params: Record<string, string> } {
  const [type = '', ...rest] = header.split(';')
  const params: Record<string, string> = {}
  for (const part of rest) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    const key = part.slice(0, eq).trim().toLowerCase()
    let value = part.slice(eq + 1).trim()
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)
    Object.defineProperty(params, key, { value, enumerable: true, writable: true, configurable: true })
  }
  return { type: type.trim().toLowerCase(), params }
}

/**
 * `request.data` under DRF's JSONParser only: an empty body is `{}` whatever
 * its type; a body of any other media type is 415 naming the raw header
 * (`""` when there is none); a body that does not parse is 400
 * `JSON parse error - <CPython's message>`.
 * Called by a view only where DRF would touch request.data, so the order of
 * errors (401, 405, 404 before 415/400) stays DRF's.
 */
export async function readDrfData(c: Context<MockEnv>): Promise<DataResult> {
  const body = await readBody(c)
  if (!body.ok) return body
  const bytes = body.bytes
  if (bytes.length === 0) return { ok: true, data: {} }
  const raw = c.req.header('content-type') ?? ''
  const { type, params } = parseMediaType(raw)
  if (type !== 'application/json') {
    return { ok: false, response: drfJson(415, { detail: DRF.unsupportedMediaType(raw) }) }
  }
  const decoded = decodeJsonBody(bytes, params.charset)
  if (!decoded.ok) return { ok: false, response: drfJson(400, { detail: `JSON parse error - ${decoded.message}` }) }
  return { ok: true, data: decoded.value }
}

export function isPlainObject(v: unknown): v is Record<string, JsonValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
