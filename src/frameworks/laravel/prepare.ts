import { PlainHeaders } from '../../core/plain-headers.js'
import { textResponse, withHeaders } from '../../core/respond.js'

/**
 * Symfony's Response::prepare() defaults that every Laravel answer carries: a
 * response without cache headers gets `Cache-Control: no-cache, private`.
 */
const CACHE_HEADERS = ['cache-control', 'etag', 'last-modified', 'expires']
const IS_CACHE_HEADER = new Set(CACHE_HEADERS)
const DEFAULT = { 'Cache-Control': 'no-cache, private' } as const

/** A header list with prepare()'s default, made once for answers that all carry the same headers. */
export function preparedHeaders(headers: Record<string, string>): PlainHeaders {
  return new PlainHeaders(withDefault(headers))
}

function withDefault(headers: Record<string, string>): Record<string, string> {
  for (const name in headers) if (IS_CACHE_HEADER.has(name.toLowerCase())) return headers
  return { ...headers, ...DEFAULT }
}

/**
 * A response with prepare()'s default among the headers it is built with (not
 * added later), so prepared() finds a cache header and leaves it as it is;
 * headers from {@link preparedHeaders} are copied as they are.
 */
export function preparedText(text: string, status: number, headers: Record<string, string> | PlainHeaders): Response {
  const response = textResponse(text, {
    status,
    headers: headers instanceof PlainHeaders ? headers : withDefault(headers),
  })
  return response
}

export function prepared(response: Response): Response {
  const h = response.headers
  if (CACHE_HEADERS.some((name) => h.has(name))) return response
  return withHeaders(response, DEFAULT)
}
