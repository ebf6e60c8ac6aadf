import type { Context } from 'hono'
import { readBody } from '../../core/body.js'
import type { MockEnv } from '../../core/context.js'
import { emptyData, parseBody } from './parsers.js'
import { QueryDict, TooManyFieldsSent } from './querydict.js'
import { DRF, djangoErrorPage, drfJson } from './responses.js'
import { DEFAULT_DRF_SETTINGS, type DrfSettings } from './settings.js'

export type DataResult = { ok: true; data: unknown } | { ok: false; response: Response }

/** The provider's DRF settings for this request, set by DjangoSite before the view runs. */
/** The request's DRF settings, on its Hono context (a WeakMap entry per request cost more). */
const SETTINGS = Symbol('drf settings')
type WithSettings = { [SETTINGS]?: DrfSettings }

export function bindDrfSettings(c: Context<MockEnv>, settings: DrfSettings): void {
  ;(c as WithSettings)[SETTINGS] = settings
}

export function drfSettings(c: Context<MockEnv>): DrfSettings {
  return (c as WithSettings)[SETTINGS] ?? DEFAULT_DRF_SETTINGS
}

/**
 * `request.data`: an empty body is `{}` (an empty QueryDict for a form type);
 * otherwise the first configured parser matching the raw Content-Type parses
 * it; none is 415 naming the raw header (`""` when there is none); a body
 * that does not parse is 400 with the parser's message.
 * Called by a view only where DRF would touch request.data, so the order of
 * errors (401, 405, 404 before 415/400) stays DRF's.
 */
export async function readDrfData(c: Context<MockEnv>): Promise<DataResult> {
  const body = await readBody(c)
  if (!body.ok) return body
  const raw = c.req.header('content-type') ?? ''
  if (body.bytes.length === 0) return { ok: true, data: emptyData(raw) }
  try {
    const parsed = parseBody(body.bytes, raw, drfSettings(c))
    if (parsed.ok) return parsed
    if (parsed.kind === 'unsupported')
      return { ok: false, response: drfJson(415, { detail: DRF.unsupportedMediaType(raw) }) }
    return { ok: false, response: drfJson(400, { detail: parsed.detail }) }
  } catch (e) {
    // A SuspiciousOperation DRF does not handle: Django answers its 400 page.
    if (e instanceof TooManyFieldsSent) return { ok: false, response: djangoErrorPage(400) }
    throw e
  }
}

/** A JSON object (not a list, not form data, not a Python value object). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/** A Mapping as a serializer accepts it: a JSON object or form data. */
export function isMapping(v: unknown): v is Record<string, unknown> | QueryDict {
  return v instanceof QueryDict || isPlainObject(v)
}
