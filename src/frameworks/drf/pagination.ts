import { pythonInt } from './python.js'
import { DRF, drfJson } from './responses.js'

/**
 * DRF's PageNumberPagination (with a page-size query parameter) on Django's
 * Paginator: the same defaults, the same silent fallbacks for a bad page
 * size, "Invalid page." for a bad page, and links built like DRF's
 * replace_query_param (query keys sorted, urlencoded as Python does).
 */
export interface PageOptions {
  pageSize: number
  pageSizeParam?: string
  maxPageSize?: number
  pageParam?: string
}

export type PageResult<T> =
  | { ok: true; body: { count: number; next: string | null; previous: string | null; results: T[] } }
  | { ok: false; response: Response }

export function paginate<T>(all: readonly T[], publicUrl: URL, opts: PageOptions): PageResult<T> {
  const pageParam = opts.pageParam ?? 'page'
  const q = publicUrl.searchParams
  let pageSize = opts.pageSize
  const sizeParam = opts.pageSizeParam !== undefined ? q.get(opts.pageSizeParam) : null
  if (sizeParam !== null) {
    const n = pythonInt(sizeParam)
    if (n !== undefined && n > 0) pageSize = opts.maxPageSize ? Math.min(n, opts.maxPageSize) : n
  }
  const count = all.length
  const numPages = Math.max(1, Math.ceil(count / pageSize))
  const raw = q.get(pageParam) ?? '1'
  const page = raw === 'last' ? numPages : pythonInt(raw)
  if (page === undefined || page < 1 || page > numPages)
    return { ok: false, response: drfJson(404, { detail: DRF.invalidPage }) }
  const results = all.slice((page - 1) * pageSize, page * pageSize)
  const next = page < numPages ? replaceQueryParam(publicUrl, pageParam, String(page + 1)) : null
  const previous =
    page > 1
      ? page - 1 === 1
        ? removeQueryParam(publicUrl, pageParam)
        : replaceQueryParam(publicUrl, pageParam, String(page - 1))
      : null
  return { ok: true, body: { count, next, previous, results } }
}

/** rest_framework.utils.urls.replace_query_param */
export function replaceQueryParam(url: URL, key: string, value: string): string {
  const params = groupedQuery(url)
  params.set(key, [value])
  return withQuery(url, params)
}

/** rest_framework.utils.urls.remove_query_param */
export function removeQueryParam(url: URL, key: string): string {
  const params = groupedQuery(url)
  params.delete(key)
  return withQuery(url, params)
}

function groupedQuery(url: URL): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const [k, v] of url.searchParams) {
    const list = out.get(k)
    if (list) list.push(v)
    else out.set(k, [v])
  }
  return out
}

function withQuery(url: URL, params: Map<string, string[]>): string {
  const keys = [...params.keys()].sort()
  const query = keys.flatMap((k) => params.get(k)!.map((v) => `${quotePlus(k)}=${quotePlus(v)}`)).join('&')
  return `${url.origin}${url.pathname}${query ? `?${query}` : ''}${url.hash}`
}

/** urllib.parse.quote_plus: letters, digits and `_.-~` stay; space becomes `+`; the rest is %XX of its UTF-8. */
export function quotePlus(s: string): string {
  let out = ''
  for (const byte of new TextEncoder().encode(s)) {
    const ch = String.fromCharCode(byte)
    if (/[A-Za-z0-9_.\-~]/.test(ch)) out += ch
    else if (byte === 0x20) out += '+'
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/**
 * DRF's LimitOffsetPagination: `limit` (a bad one falls back to the default),
 * `offset` (a bad one is 0); never an error; links like DRF's.
 */
export function paginateLimitOffset<T>(
  all: readonly T[],
  publicUrl: URL,
  opts: { defaultLimit: number; maxLimit?: number },
): PageResult<T> {
  const q = publicUrl.searchParams
  let limit = opts.defaultLimit
  const rawLimit = q.get('limit')
  if (rawLimit !== null) {
    const n = pythonInt(rawLimit)
    if (n !== undefined && n > 0) limit = opts.maxLimit ? Math.min(n, opts.maxLimit) : n
  }
  const rawOffset = q.get('offset')
  const parsedOffset = rawOffset === null ? undefined : pythonInt(rawOffset)
  const offset = parsedOffset !== undefined && parsedOffset >= 0 ? parsedOffset : 0
  const count = all.length
  const results = count === 0 || offset > count ? [] : all.slice(offset, offset + limit)
  const withLimit = new URL(replaceQueryParam(publicUrl, 'limit', String(limit)))
  const next = offset + limit >= count ? null : replaceQueryParam(withLimit, 'offset', String(offset + limit))
  const previous =
    offset <= 0
      ? null
      : offset - limit <= 0
        ? removeQueryParam(withLimit, 'offset')
        : replaceQueryParam(withLimit, 'offset', String(offset - limit))
  return { ok: true, body: { count, next, previous, results } }
}
