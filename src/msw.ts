/**
 * The MSW adapter: one `http.all` handler per provider base URL that hands
 * the intercepted request to the same Hono app the server runs. Nothing about
 * a provider is written here.
 */

import type { Hono } from 'hono'
import { HttpResponse, http, type RequestHandler } from 'msw'
import type { MockEnv } from './core/context.js'
import { CONNECTION_FAULT_HEADER } from './core/faults.js'
import { type CreateAppOptions, createApp } from './index.js'

/** Host the rewritten requests use inside the app; never resolved or contacted. */
const INTERNAL_ORIGIN = 'http://order-contract-mock.internal'

export interface CreateHandlersOptions extends CreateAppOptions {
  /** The app from createApp(); default: a new one made from the other options. */
  app?: Hono<MockEnv>
  /** The providers' base URLs your code calls, e.g. `{ omnitron: 'https://omnitron.example.com' }`. */
  baseUrls: Partial<Record<string, string>>
}

export function createHandlers(options: CreateHandlersOptions): RequestHandler[] {
  const app = options.app ?? createApp(options)
  const handlers: RequestHandler[] = []
  for (const [provider, base] of Object.entries(options.baseUrls)) {
    if (!base) continue
    const root = new URL(base)
    const basePath = root.pathname.replace(/\/+$/, '')
    const forward = async ({ request }: { request: Request }) => {
      const url = new URL(request.url)
      const rest = url.pathname.slice(basePath.length) || '/'
      const method = request.method.toUpperCase()
      const body = method === 'GET' || method === 'HEAD' ? undefined : await request.arrayBuffer()
      const forwarded = new Request(`${INTERNAL_ORIGIN}/${provider}${rest}${url.search}`, {
        method,
        headers: request.headers,
        body,
      })
      const response = await app.fetch(forwarded, { mockPublicBase: `${url.origin}${basePath}` })
      // A connection fault has no HTTP answer in-process: the client's fetch fails with a network error.
      return response.headers.has(CONNECTION_FAULT_HEADER) ? HttpResponse.error() : response
    }
    handlers.push(http.all(`${root.origin}${basePath}`, forward), http.all(`${root.origin}${basePath}/*`, forward))
  }
  return handlers
}
