/**
 * The MSW adapter: one `http.all` handler per provider base URL that hands
 * the intercepted request to the same Hono app the server runs. Nothing about
 * a provider is written here.
 */

import type { Hono } from 'hono'
import { HttpResponse, http, type RequestHandler } from 'msw'
import { bodyTooLarge } from './core/body.js'
import type { MockEnv } from './core/context.js'
import { CONNECTION_FAULT_HEADER } from './core/faults.js'
import { type CreateAppOptions, createApp } from './index.js'
import type { ProviderName } from './providers/index.js'

/** Host the rewritten requests use inside the app; never resolved or contacted. */
const INTERNAL_ORIGIN = 'http://order-contract-mock.internal'
const EMPTY = new Uint8Array(0)

export interface CreateHandlersOptions extends CreateAppOptions {
  /** The app from createApp(); default: a new one made from the other options. */
  app?: Hono<MockEnv>
  /** The providers' base URLs your code calls, e.g. `{ omnitron: 'https://omnitron.example.com' }`. */
  baseUrls: Partial<Record<ProviderName, string>>
}

export function createHandlers(options: CreateHandlersOptions): RequestHandler[] {
  const app = options.app ?? createApp(options)
  const handlers: RequestHandler[] = []
  // Types keep TypeScript callers to provider names; a JavaScript caller's typo must not silently mock nothing.
  const mounted = 'engine' in app ? (app.engine as { providers: readonly { name: string }[] }).providers : undefined
  const known = mounted?.map((p) => p.name)
  for (const provider of Object.keys(options.baseUrls)) {
    if (known && !known.includes(provider))
      throw new Error(`createHandlers: baseUrls names no mounted provider "${provider}" (known: ${known.join(', ')})`)
  }
  for (const [provider, base] of Object.entries(options.baseUrls)) {
    if (!base) continue
    const root = new URL(base)
    const basePath = root.pathname.replace(/\/+$/, '')
    const prefix = `${root.origin}${basePath}`
    const send = async (url: URL, method: string, headers: Headers, body: ArrayBuffer | undefined) => {
      const rest = url.pathname.slice(basePath.length) || '/'
      // The body and the header lines go to the app as the Node server hands them over (MockEnv), so the
      // forwarded Request carries no stream to build and read again; its headers are what Hono reads.
      const lines: string[] = []
      for (const [name, value] of headers) lines.push(name, value)
      const bytes = body === undefined ? EMPTY : new Uint8Array(body)
      const forwarded = new Request(`${INTERNAL_ORIGIN}/${provider}${rest}${url.search}`, { method, headers })
      return app.fetch(forwarded, {
        mockPublicBase: prefix,
        mockRawHeaders: lines,
        mockReadBody: async (limit, tooLarge = bodyTooLarge) =>
          bytes.byteLength > limit ? { ok: false, response: tooLarge(limit) } : { ok: true, bytes },
      })
    }
    const forward = async ({ request }: { request: Request }) => {
      const method = request.method.toUpperCase()
      const body = method === 'GET' || method === 'HEAD' ? undefined : await request.arrayBuffer()
      const response = await followRedirects(
        { url: new URL(request.url), method, headers: request.headers, body, redirect: request.redirect },
        prefix,
        send,
      )
      // A connection fault has no HTTP answer in-process: the client's fetch fails with a network error.
      return response === 'network-error' || response.headers.has(CONNECTION_FAULT_HEADER)
        ? HttpResponse.error()
        : response
    }
    // A RegExp without groups: MSW's string patterns decodeURIComponent their wildcard, which
    // throws on a malformed escape (`/orders/%ZZ`) before the provider can answer it.
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    handlers.push(http.all(new RegExp(`^${escaped}(?:/.*)?$`, 's'), forward))
  }
  return handlers
}

type Sent = { url: URL; method: string; headers: Headers; body: ArrayBuffer | undefined; redirect: RequestRedirect }
const REDIRECTS = new Set([301, 302, 303, 307, 308])

/**
 * Follows the mock's own redirects (Django's APPEND_SLASH 301) as fetch does
 * over HTTP (WHATWG fetch, "HTTP-redirect fetch"), so a client sees the same
 * outcome on both transports: a 301/302 re-sends a POST as GET without body,
 * a 303 re-sends anything but HEAD as GET, others keep method and body (so
 * fetch re-sends a PATCH); at most 20 hops; `redirect: "error"` fails;
 * `redirect: "manual"` returns the redirect itself. A Location outside the
 * provider's base URL is returned as is. (MSW's own redirect handling fails
 * any redirect of a request with a body, which fetch over HTTP re-sends.)
 * MSW rebuilds the answer with the request's URL, so `redirected` and `url`
 * cannot be carried through; status, headers, body and state are the same.
 */
async function followRedirects(
  first: Sent,
  prefix: string,
  send: (url: URL, method: string, headers: Headers, body: ArrayBuffer | undefined) => Promise<Response>,
): Promise<Response | 'network-error'> {
  let { url, method, body } = first
  // Copied entry by entry: \`new Headers(request.headers)\` drops some of MSW's request headers (seen: \`api-key\`
  // of a multipart request), and the redirect may have to remove body headers without touching the client's.
  const headers = new Headers()
  for (const [name, value] of first.headers) headers.append(name, value)
  for (let hops = 0; ; hops++) {
    const response = await send(url, method, headers, body)
    const location = response.headers.get('location')
    if (!REDIRECTS.has(response.status) || location === null || first.redirect === 'manual') {
      return response
    }
    if (first.redirect === 'error' || hops >= 20) return 'network-error'
    const next = new URL(location, url)
    if (!`${next.origin}${next.pathname}`.startsWith(prefix)) return response
    if (
      ((response.status === 301 || response.status === 302) && method === 'POST') ||
      (response.status === 303 && method !== 'HEAD')
    ) {
      method = 'GET'
      body = undefined
      for (const h of ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'])
        headers.delete(h)
    }
    url = next
  }
}
