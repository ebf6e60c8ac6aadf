import { type Context, Hono } from 'hono'
import { readBody } from '../../core/body.js'
import { closestRoutes } from '../../core/closest.js'
import { type MockEnv, providerPath } from '../../core/context.js'
import { tooDeep } from '../../core/json-depth.js'
import { textResponse, withHeaders } from '../../core/respond.js'
import { laravelJson } from './json.js'

/**
 * Laravel's request cycle, as far as the Laravel-based providers show it:
 * routing (404/405 as the framework renders them), input (query + JSON or
 * form body; an unparsable JSON body is simply empty), and the global
 * TrimStrings and ConvertEmptyStringsToNull middleware.
 */

/** A controller action; `params` are the route parameters in path order. */
type Handler = (c: Context<MockEnv>, params: string[]) => Response | Promise<Response>
type Methods = Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', Handler>>

export interface LaravelSiteOptions {
  /** Route middleware (auth): runs after routing, so 404 and 405 come first. A Response rejects. */
  guard(c: Context<MockEnv>): Response | undefined
}

/** `$request->expectsJson()`: an Accept asking for JSON (or an XHR that accepts anything). */
export function expectsJson(c: Context): boolean {
  const accept = c.req.header('accept') ?? ''
  const xhr = c.req.header('x-requested-with') === 'XMLHttpRequest'
  return /\/json|\+json/i.test(accept) || (xhr && (accept === '' || accept.includes('*/*')))
}

/** Laravel's minimal error page (resources/views/errors/minimal.blade.php), reduced to its text. */
function errorPage(status: number, title: string): Response {
  const html = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n<div>${status} | ${title}</div>\n</body>\n</html>\n`
  return textResponse(html, { status, headers: { 'Content-Type': 'text/html; charset=UTF-8' } })
}

function httpError(
  c: Context,
  status: number,
  title: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  if (!expectsJson(c)) return withHeaders(errorPage(status, title), headers)
  return laravelJson(status, { message }, headers)
}

/** Route paths are matched without their trailing slash, as Laravel's router does. */
export class LaravelSite {
  readonly app = new Hono<MockEnv>()
  readonly #routes: { pattern: RegExp; methods: Methods; template: string }[] = []

  constructor(private readonly options: LaravelSiteOptions) {}

  /** `path` with `{name}` parameters, e.g. `/api/v1/orders/{order_id}`. */
  route(path: string, methods: Methods): this {
    const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '([^/]+)')
    const pattern = new RegExp(`^${source}$`)
    this.#routes.push({ pattern, methods, template: path })
    return this
  }

  finish(): Hono<MockEnv> {
    this.app.all('*', async (c) => {
      const path = providerPath(c).replace(/\/+$/, '') || '/'
      const uri = path.replace(/^\//, '')
      const matches = this.#routes.map((r) => ({ r, m: r.pattern.exec(path) })).filter((x) => x.m)
      if (matches.length === 0) {
        c.get('mock').unmatched = {
          closest: closestRoutes(
            path,
            this.#routes.map((r) => ({ methods: Object.keys(r.methods), template: r.template })),
          ),
        }
        return httpError(c, 404, 'Not Found', `The route ${uri} could not be found.`)
      }
      const method = c.req.method.toUpperCase() === 'HEAD' ? 'GET' : (c.req.method.toUpperCase() as keyof Methods)
      const hit = matches.find((x) => x.r.methods[method])
      if (!hit) {
        const allowed = [
          ...new Set(
            matches.flatMap((x) => Object.keys(x.r.methods).flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m]))),
          ),
        ]
        return httpError(
          c,
          405,
          'Method Not Allowed',
          `The ${c.req.method.toUpperCase()} method is not supported for route ${uri}. Supported methods: ${allowed.join(', ')}.`,
          {
            Allow: allowed.join(', '),
          },
        )
      }
      const rejected = this.options.guard(c)
      if (rejected) return rejected
      const response = await hit.r.methods[method]!(c, hit.m!.slice(1).map(decodeURIComponent))
      return c.req.method.toUpperCase() === 'HEAD'
        ? textResponse(null, { status: response.status, headers: response.headers })
        : response
    })
    return this.app
  }
}

export type Input = Record<string, unknown>

/** json_decode()'s default depth: deeper JSON decodes to null, an empty input for Laravel. */
export const PHP_JSON_DEPTH = 512

/**
 * `$request->all()`: the query string, overridden by the body (JSON when the
 * Content-Type says JSON, else a form body), then TrimStrings and
 * ConvertEmptyStringsToNull. A JSON body that does not parse is empty.
 */
export async function readInput(
  c: Context<MockEnv>,
): Promise<{ ok: true; input: Input } | { ok: false; response: Response }> {
  const body = await readBody(c)
  if (!body.ok) return body
  const input: Input = {}
  for (const [k, v] of new URL(c.req.url).searchParams) define(input, k, v)
  const type = (c.req.header('content-type') ?? '').toLowerCase()
  const text = new TextDecoder().decode(body.bytes)
  if (/\/json|\+json/.test(type) && !tooDeep(text, PHP_JSON_DEPTH)) {
    try {
      const parsed: unknown = JSON.parse(text)
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        for (const [k, v] of Object.entries(parsed)) define(input, k, v)
    } catch {
      /* Laravel: json_decode fails → an empty bag, and validation says what is missing */
    }
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(text)) define(input, k, v)
  }
  return { ok: true, input: cleanStrings(input) as Input }
}

/** TrimStrings + ConvertEmptyStringsToNull, at every depth; keys defined, never assigned. */
function cleanStrings(v: unknown): unknown {
  if (typeof v === 'string') {
    const t = v.trim()
    return t === '' ? null : t
  }
  if (Array.isArray(v)) return v.map(cleanStrings)
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) define(out, k, cleanStrings(x))
    return out
  }
  return v
}

function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}
