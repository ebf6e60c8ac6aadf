import { MediaType, parseHeaderParameters } from './media-types.js'
import { pythonInt } from './python.js'

/**
 * rest_framework.negotiation.DefaultContentNegotiation.select_renderer over
 * the renderers a view has (DRF's defaults: JSONRenderer, then
 * BrowsableAPIRenderer). It runs first in APIView.initial(), before
 * authentication and before the body is read, so a 406 or a `?format=` 404
 * wins over a 401 or a parse error.
 */
export interface Renderer {
  readonly mediaType: string
  readonly format: string
}

export const JSON_RENDERER: Renderer = { mediaType: 'application/json', format: 'json' }
export const BROWSABLE_API_RENDERER: Renderer = { mediaType: 'text/html', format: 'api' }
export const DEFAULT_RENDERERS: readonly Renderer[] = [JSON_RENDERER, BROWSABLE_API_RENDERER]

export type Negotiation =
  /** `indent`: JSONRenderer's pretty-print width from the accepted media type, if any. */
  | { ok: true; renderer: Renderer; acceptedMediaType: string; indent?: number }
  /** `status` 406 (NotAcceptable) or 404 (`?format=` names no renderer: Http404 in filter_renderers). */
  | { ok: false; status: 404 | 406 }

/**
 * `accept` is the raw Accept header (DRF reads `*\/*` when there is none);
 * `format` is the last `format` query value (QueryDict.get), if any.
 */
export function selectRenderer(
  renderers: readonly Renderer[],
  accept: string | null | undefined,
  format: string | null | undefined,
): Negotiation {
  // Clients send a handful of Accept headers over and over: remember the answers (bounded).
  const key = `${format ?? ''}\u0000${accept ?? '\u0001'}`
  let perRenderers = cache.get(renderers)
  if (!perRenderers) cache.set(renderers, (perRenderers = new Map()))
  const known = perRenderers.get(key)
  if (known) return known
  const found = negotiate(renderers, accept, format)
  const indent = found.ok ? acceptedIndent(found.acceptedMediaType) : undefined
  const result = indent === undefined ? found : { ...found, indent }
  if (perRenderers.size >= 256) perRenderers.clear()
  perRenderers.set(key, result)
  return result
}

const cache = new WeakMap<readonly Renderer[], Map<string, Negotiation>>()

function negotiate(
  renderers: readonly Renderer[],
  accept: string | null | undefined,
  format: string | null | undefined,
): Negotiation {
  let candidates = renderers
  if (format) {
    candidates = renderers.filter((r) => r.format === format)
    if (candidates.length === 0) return { ok: false, status: 404 }
  }
  const accepts = (accept ?? '*/*').split(',').map((token) => token.trim())
  for (const set of orderByPrecedence(accepts)) {
    for (const renderer of candidates) {
      const rendererType = new MediaType(renderer.mediaType)
      for (const mediaType of set) {
        if (!rendererType.match(mediaType)) continue
        if (rendererType.precedence > mediaType.precedence) {
          // e.g. `*/*;q=0.8` is accepted as `application/json;q=0.8`: the renderer's type with the client's params.
          const params = Object.entries(mediaType.params).map(([k, v]) => `${k}=${v}`)
          return { ok: true, renderer, acceptedMediaType: [renderer.mediaType, ...params].join(';') }
        }
        return { ok: true, renderer, acceptedMediaType: mediaType.orig }
      }
    }
  }
  return { ok: false, status: 406 }
}

/**
 * rest_framework.utils.mediatypes.order_by_precedence: most specific first.
 * DRF keeps each level in a set; within a level the header's order is used
 * here (a set's order is arbitrary, and the renderer order decides anyway).
 */
function orderByPrecedence(tokens: readonly string[]): MediaType[][] {
  const levels: MediaType[][] = [[], [], [], []]
  const seen = new Set<string>()
  for (const token of tokens) {
    if (seen.has(token)) continue
    seen.add(token)
    const mediaType = new MediaType(token)
    levels[3 - mediaType.precedence]!.push(mediaType)
  }
  return levels.filter((level) => level.length > 0)
}

/**
 * JSONRenderer.get_indent: `indent` of the accepted media type, int() of it
 * clamped to 0–8, 0 meaning compact; anything int() refuses means compact.
 */
export function acceptedIndent(acceptedMediaType: string): number | undefined {
  const raw = parseHeaderParameters(acceptedMediaType).params.indent
  if (raw === undefined) return undefined
  const n = pythonInt(raw)
  if (n === undefined) return undefined
  const clamped = Math.max(Math.min(n, 8), 0)
  return clamped === 0 ? undefined : clamped
}
