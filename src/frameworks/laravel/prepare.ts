import { textResponse, withHeaders } from '../../core/respond.js'

/**
 * Symfony's Response::prepare() defaults that every Laravel answer carries: a
 * response without cache headers gets `Cache-Control: no-cache, private`.
 */
const CACHE_HEADERS = ['cache-control', 'etag', 'last-modified', 'expires']
const DEFAULT = { 'Cache-Control': 'no-cache, private' } as const

/** Responses built by {@link preparedText}: prepare() has nothing left to add to them. */
const done = new WeakSet<Response>()

/** A response with prepare()'s default among the headers it is built with (not added later). */
export function preparedText(text: string, status: number, headers: Record<string, string>): Response {
  const cached = Object.keys(headers).some((k) => CACHE_HEADERS.includes(k.toLowerCase()))
  const response = textResponse(text, { status, headers: cached ? headers : { ...headers, ...DEFAULT } })
  done.add(response)
  return response
}

export function prepared(response: Response): Response {
  if (done.has(response)) return response
  const h = response.headers
  if (CACHE_HEADERS.some((name) => h.has(name))) return response
  return withHeaders(response, DEFAULT)
}
