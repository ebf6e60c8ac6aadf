import { PlainHeaders } from './plain-headers.js'

/**
 * The mock's own answers. Every provider and mock-level answer is built by
 * `textResponse`: status, a PlainHeaders list and the body text, with no
 * platform Response behind it until something asks for its body. Building an
 * undici Response (its body stream, its Headers) was the largest single cost
 * of a provider answer, and the app's edge rebuilt it anyway: the Node server
 * with node-server's lightweight class, the MSW adapter and `app.fetch` with
 * the platform's (`toTransport`). So the journal reads the text without
 * cloning a stream, and adding a header never copies anything.
 *
 * It is a Response to everything that holds one: `instanceof Response`,
 * status, headers, and (built on first use) body, text(), json(), clone().
 */
export class MockResponse {
  readonly status: number
  readonly statusText: string
  readonly headers: PlainHeaders
  /** The body as sent; null for none. */
  readonly bodyText: string | null
  #platform: Response | undefined
  #bytes: Uint8Array<ArrayBuffer> | undefined

  constructor(text: string | null, init: ResponseInit = {}) {
    // The checks the Response constructor makes (Fetch "initialize a response").
    const status = init.status ?? 200
    if (!Number.isInteger(status) || status < 200 || status > 599)
      throw new RangeError(`init["status"] must be in the range of 200 to 599, inclusive.`)
    if (text !== null && (status === 204 || status === 205 || status === 304))
      throw new TypeError(`Response constructor: Invalid response status code ${status}`)
    this.status = status
    this.statusText = init.statusText ?? ''
    this.headers = new PlainHeaders(init.headers)
    // Fetch "extract a body": a string body's default type.
    if (text !== null && !this.headers.has('content-type')) this.headers.set('content-type', 'text/plain;charset=UTF-8')
    this.bodyText = text
  }

  /**
   * A large body as UTF-8, encoded once (undefined for a short or no body):
   * the transport writes these bytes and the journal entry keeps them
   * (toTransport, largeBodyBytes). One encoding instead of two, and the
   * journal holds the answer outside the JS heap: the garbage collector
   * copied a bulk's 52 KB answer text from one generation to the next on
   * every request (ADR 0015).
   */
  largeBodyBytes(): Uint8Array<ArrayBuffer> | undefined {
    const text = this.bodyText
    if (text === null || text.length < LARGE_BODY) return undefined
    this.#bytes ??= encodeUtf8(text)
    return this.#bytes
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300
  }

  /** The same answer as a platform (or another) Response class, built once. */
  platform(): Response {
    this.#platform ??= new Response(this.bodyText, {
      status: this.status,
      statusText: this.statusText,
      headers: [...this.headers],
    })
    return this.#platform
  }
}

// The rest of the Response interface, through the platform answer built on first use.
Object.setPrototypeOf(MockResponse.prototype, Response.prototype)
for (const k of ['body', 'bodyUsed', 'redirected', 'type', 'url'] as const)
  Object.defineProperty(MockResponse.prototype, k, {
    get(this: MockResponse) {
      return this.platform()[k]
    },
  })
for (const k of ['arrayBuffer', 'blob', 'bytes', 'clone', 'formData', 'json', 'text'] as const)
  Object.defineProperty(MockResponse.prototype, k, {
    value(this: MockResponse) {
      return (this.platform() as unknown as Record<string, () => unknown>)[k]!()
    },
  })
/** From this many characters an answer, and from this many bytes a request body, is journalled as bytes (ADR 0015). */
export const LARGE_BODY = 4096

const encoder = new TextEncoder()
/** encodeInto is the engine's fast UTF-8 path; encode() allocates, zero-fills and writes slower. Made on first need. */
let scratch: Uint8Array<ArrayBuffer> | undefined
const SCRATCH_BYTES = 256 * 1024

function encodeUtf8(text: string): Uint8Array<ArrayBuffer> {
  if (text.length * 3 > SCRATCH_BYTES) return encoder.encode(text)
  scratch ??= new Uint8Array(SCRATCH_BYTES)
  const { written } = encoder.encodeInto(text, scratch)
  return scratch.slice(0, written)
}

export function textResponse(text: string | null, init: ResponseInit): Response {
  return new MockResponse(text, init) as unknown as Response
}

/** The body text of a response built by `textResponse` (`''` for none, as `text()` reads it), if it was one. */
export function knownText(response: Response): string | undefined {
  return response instanceof MockResponse ? (response.bodyText ?? '') : undefined
}

/** The bytes a large answer of `textResponse` is sent as (see MockResponse.largeBodyBytes); undefined for any other. */
export function largeBodyBytes(response: Response): Uint8Array<ArrayBuffer> | undefined {
  return response instanceof MockResponse ? response.largeBodyBytes() : undefined
}

/** Sets headers on a response; one whose headers are immutable (Response.error(), a fetched one) is rebuilt. */
export function withHeaders(response: Response, headers: Record<string, string>): Response {
  try {
    for (const [k, v] of Object.entries(headers)) response.headers.set(k, v)
    return response
  } catch (error) {
    if (response instanceof MockResponse) throw error // an invalid header: as the platform's Headers would
    const merged = new Headers(response.headers)
    for (const [k, v] of Object.entries(headers)) merged.set(k, v)
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers: merged })
  }
}

/**
 * The answer as a transport hands it on: with `ctor` (node-server's
 * lightweight Response, AppOptions.responseClass) the text and a plain header
 * object, which node-server writes straight to the socket; otherwise the
 * platform's Response. Responses not built here (Hono's c.json in the
 * admin API) pass through: node-server streams them as they are.
 */
export function toTransport(response: Response, ctor?: typeof Response): Response {
  if (!(response instanceof MockResponse)) return response
  if (!ctor || response.headers.has('set-cookie')) return response.platform()
  const out = new ctor(response.largeBodyBytes() ?? response.bodyText, {
    status: response.status,
    headers: response.headers.toObject(),
  })
  origins.set(out, response)
  return out
}

/** Transport answers made by `toTransport` with a class of their own, and the answer each was made from. */
const origins = new WeakMap<Response, MockResponse>()

/**
 * A header of an answer the app handed out, read without making the
 * transport's class build its Headers (node-server's would, and then write
 * the answer through them instead of its plain-object path).
 */
export function answerHeader(response: Response, name: string): string | null {
  return (origins.get(response) ?? response).headers.get(name)
}
