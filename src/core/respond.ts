/**
 * Responses whose body text the mock keeps: the journal records what was sent
 * without cloning and re-reading a stream, and adding a header never copies
 * the body. Every provider and mock-level answer is built here.
 */
const texts = new WeakMap<Response, string>()

export function textResponse(text: string | null, init: ResponseInit): Response {
  const response = new Response(text, init)
  if (text !== null) texts.set(response, text)
  return response
}

/** The body text of a response built by `textResponse`, if it was one. */
export function knownText(response: Response): string | undefined {
  return texts.get(response)
}

/** Sets headers on a response; one whose headers are immutable (Response.error(), a fetched one) is rebuilt. */
export function withHeaders(response: Response, headers: Record<string, string>): Response {
  try {
    for (const [k, v] of Object.entries(headers)) response.headers.set(k, v)
    return response
  } catch {
    const merged = new Headers(response.headers)
    for (const [k, v] of Object.entries(headers)) merged.set(k, v)
    const text = texts.get(response)
    const init = { status: response.status, statusText: response.statusText, headers: merged }
    return text !== undefined ? textResponse(text, init) : new Response(response.body, init)
  }
}

/**
 * The same answer built with another Response class (a transport's own, see
 * AppOptions.responseClass). Headers go in as a plain object, which
 * node-server writes without building a Headers list.
 */
export function rebuiltWith(response: Response, ctor: typeof Response): Response {
  if (response.constructor === ctor) return response
  const text = texts.get(response)
  const headers: Record<string, string> = {}
  for (const [k, v] of response.headers) headers[k] = v
  const init = { status: response.status, statusText: response.statusText, headers }
  const rebuilt = new ctor(text ?? response.body, init)
  if (text !== undefined) texts.set(rebuilt, text)
  return rebuilt
}
