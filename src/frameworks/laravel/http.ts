import { type Context, Hono } from 'hono'
import { closestRoutes } from '../../core/closest.js'
import type { MockEnv } from '../../core/context.js'
import { textResponse, withHeaders } from '../../core/respond.js'
import { requestMethod } from './input.js'
import { laravelExceptionJson } from './json.js'
import { minimalView } from './minimal-view.js'
import { symfonyErrorPage } from './pages.js'
import { prepared } from './prepare.js'

export { type Input, readInput, readQuery } from './input.js'
export { prepared } from './prepare.js'

/**
 * Laravel's request cycle, as far as the Laravel-based providers show it:
 * the router (Illuminate\Routing: RouteCollection, UriValidator) and the
 * exception handler's 404/405 and OPTIONS answers. Input is in input.ts.
 */

/** A controller action; `params` are the route parameters in path order. */
type Handler = (c: Context<MockEnv>, params: string[]) => Response | Promise<Response>
type Verb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
type Methods = Partial<Record<Verb, Handler>>

/** Router::$verbs: the order 405's "Supported methods" and OPTIONS' Allow list them in. */
const VERBS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const

export interface LaravelSiteOptions {
  /** Route middleware (auth): runs after routing, so 404 and 405 come first. A Response rejects. */
  guard(c: Context<MockEnv>): Response | undefined
}

/** Symfony's Accept parsing: the types, best quality first, ties in header order. */
function acceptable(c: Context): string[] {
  const items = new Map<string, { q: number; index: number }>()
  let index = 0
  for (const part of (c.req.header('accept') ?? '').split(',')) {
    const [value, ...params] = part.split(';').map((s) => s.trim())
    if (!value) continue
    const q = params.map((p) => /^q\s*=\s*"?([^"]*)"?$/i.exec(p)?.[1]).find((x) => x !== undefined)
    items.set(value, { q: q === undefined ? 1 : Number.parseFloat(q) || 0, index: index++ })
  }
  return [...items].sort(([, a], [, b]) => (a.q === b.q ? a.index - b.index : b.q - a.q)).map(([v]) => v)
}

/**
 * `$request->expectsJson()`: an XHR (not PJAX) that accepts anything, or
 * wantsJson() — the FIRST acceptable type says JSON (`/json` or `+json`).
 */
export function expectsJson(c: Context): boolean {
  const types = acceptable(c)
  const xhr = c.req.header('x-requested-with') === 'XMLHttpRequest'
  const pjax = ['', '0', undefined].includes(c.req.header('x-pjax')) === false
  const anyType = types.length === 0 || types[0] === '*/*' || types[0] === '*'
  return (xhr && !pjax && anyType) || /\/json|\+json/.test((types[0] ?? '').toLowerCase())
}

/** Laravel's page for an HTTP error that has an errors::N view (404: "Not Found"). */
function minimalPage(status: number, title: string): Response {
  return textResponse(minimalView(String(status), title, title), {
    status,
    headers: { 'Content-Type': 'text/html; charset=UTF-8' },
  })
}

/**
 * rawurldecode() of the path, as UriValidator matches it. Laravel compiles
 * routes with the `utf8` option, so a path whose bytes are not UTF-8 (e.g.
 * `%E0%A4%A`) matches no route; a malformed escape (`%ZZ`) stays as it is.
 */
function rawUrlDecode(path: string): string | undefined {
  if (!path.includes('%')) return path
  const bytes: number[] = []
  const encoder = new TextEncoder()
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '%' && /^[0-9a-fA-F]{2}$/.test(path.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(path.slice(i + 1, i + 3), 16))
      i += 2
    } else {
      const cp = path.codePointAt(i) as number
      if (cp > 0xffff) i++
      bytes.push(...encoder.encode(String.fromCodePoint(cp)))
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes))
  } catch {
    return undefined
  }
}

/**
 * The path as the client sent it, below the provider's mount: the request
 * line's own target where the transport has it (the Node server), so dot
 * segments and escapes reach the router unchanged, as PHP's REQUEST_URI
 * does; in-process, the URL fetch already normalised.
 */
function rawPath(c: Context<MockEnv>): string {
  const mount = c.get('mock').mountPath
  const target = (c.env as { incoming?: { url?: string } } | undefined)?.incoming?.url
  const raw = target?.startsWith('/') ? target.replace(/[?#].*$/s, '') : undefined
  if (raw !== undefined && (raw === mount || raw.startsWith(`${mount}/`))) return raw.slice(mount.length) || '/'
  return pathname(c.req.url).slice(mount.length) || '/'
}

/**
 * `new URL(url).pathname` of a request's URL, read from its serialisation: an
 * http(s) URL serialises as `scheme://authority` then the path (which always
 * starts with `/` and has `?` and `#` escaped), then `?query`, `#fragment`.
 */
function pathname(url: string): string {
  if (!/^https?:\/\//i.test(url)) return new URL(url).pathname
  const start = url.indexOf('/', url.indexOf('//') + 2)
  if (start === -1) return new URL(url).pathname
  let end = start
  while (end < url.length && url[end] !== '?' && url[end] !== '#') end++
  return url.slice(start, end)
}

interface Route {
  pattern: RegExp
  methods: Methods
  template: string
  verbs: readonly string[]
}

export class LaravelSite {
  readonly app = new Hono<MockEnv>()
  readonly #routes: Route[] = []

  constructor(private readonly options: LaravelSiteOptions) {}

  /** `path` with `{name}` parameters, e.g. `/api/v1/orders/{order_id}` (a parameter is `[^/]+`). */
  route(path: string, methods: Methods): this {
    const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '([^/]+)')
    // The verbs the route answers, in Router::$verbs' order (HEAD with GET).
    const verbs = VERBS.filter((v) => (v === 'HEAD' ? 'GET' in methods : v in methods))
    this.#routes.push({ pattern: new RegExp(`^${source}$`, 'su'), methods, template: path, verbs })
    return this
  }

  finish(): Hono<MockEnv> {
    this.app.all('*', async (c) => prepared(await this.#dispatch(c)))
    return this.app
  }

  async #dispatch(c: Context<MockEnv>): Promise<Response> {
    const raw = rawPath(c)
    // Request::path(): the path info still percent-encoded, without its outer slashes, `/` for the root.
    const shown = () => raw.replace(/^\/+|\/+$/g, '') || '/'
    const decoded = rawUrlDecode(raw.replace(/\/+$/, '') || '/')
    const resolved = requestMethod(c)
    if ('badRequest' in resolved)
      return expectsJson(c) ? laravelExceptionJson(400, 'Bad request.') : symfonyErrorPage(400, 'Bad Request')
    const method = resolved.method
    const matches: { r: Route; params: string[] }[] = []
    if (decoded !== undefined)
      for (const r of this.#routes) {
        const m = r.pattern.exec(decoded)
        if (m) matches.push({ r, params: m.slice(1) })
      }
    const hit = matches.find((x) => x.r.verbs.includes(method))
    if (!hit) {
      // RouteCollection::checkForAlternateVerbs: every other verb some route at this path answers.
      const others = VERBS.filter((v) => v !== method && matches.some((x) => x.r.verbs.includes(v)))
      if (others.length === 0) {
        c.get('mock').unmatched = {
          closest: closestRoutes(
            decoded ?? raw,
            this.#routes.map((r) => ({ methods: Object.keys(r.methods), template: r.template })),
          ),
        }
        const message = `The route ${shown()} could not be found.`
        return expectsJson(c) ? laravelExceptionJson(404, message) : minimalPage(404, 'Not Found')
      }
      // An OPTIONS request to a known path: 200, empty, `Allow: GET,HEAD,POST,PUT`.
      if (method === 'OPTIONS')
        return textResponse('', {
          status: 200,
          headers: { Allow: others.join(','), 'Content-Type': 'text/html; charset=UTF-8' },
        })
      const allow = { Allow: others.join(', ') }
      const message = `The ${method} method is not supported for route ${shown()}. Supported methods: ${others.join(', ')}.`
      // Laravel has no errors::405 view, so the handler renders Symfony's error page.
      return expectsJson(c)
        ? laravelExceptionJson(405, message, allow)
        : withHeaders(symfonyErrorPage(405, 'Method Not Allowed'), allow)
    }
    const rejected = this.options.guard(c)
    if (rejected) return rejected
    const verb = (method === 'HEAD' ? 'GET' : method) as Verb
    const response = await hit.r.methods[verb]!(c, hit.params)
    return c.req.method.toUpperCase() === 'HEAD'
      ? textResponse(null, { status: response.status, headers: response.headers })
      : response
  }
}
