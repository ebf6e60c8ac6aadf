import { type Context, Hono } from 'hono'
import { closestRoutes, type KnownRoute, levenshtein } from '../../core/closest.js'
import { type MockEnv, providerPath, publicUrl } from '../../core/context.js'
import { MOCK_ERROR_HEADER } from '../../core/problem.js'
import { textResponse, withHeaders } from '../../core/respond.js'
import type { SerializerInfo } from './metadata.js'
import { DEFAULT_RENDERERS, type Renderer, selectRenderer } from './negotiation.js'
import { parserMediaTypes } from './parsers.js'
import { renderNegotiated } from './renderers.js'
import { bindDrfSettings } from './request.js'
import { appendSlashRedirect, DRF, djangoNotFound, drfJson } from './responses.js'
import type { DrfSettings } from './settings.js'

export type DrfHandler = (c: Context<MockEnv>) => Response | Promise<Response>

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const
type Method = (typeof METHODS)[number]

/** One DRF view: a URL with a handler per method. */
export type DrfView = { [M in Method]?: DrfHandler } & {
  /** The view's name, as DRF's OPTIONS metadata reports it. */
  name: string
  /** No authentication or permission check (e.g. the login view). */
  public?: boolean
  /** What the provider's guard checks beyond authentication (e.g. a permission code). */
  permission?: string
  /** The serializer a POST writes, as OPTIONS describes it under `actions` (SimpleMetadata). */
  postSerializer?: (c: Context<MockEnv>) => SerializerInfo
}

export interface DjangoSiteOptions {
  /** Django's APPEND_SLASH: a path that matches only with a trailing slash answers 301 to it. */
  appendSlash: boolean
  /**
   * DRF's `initial()`: authentication and permissions, before the method is
   * even looked at (so an anonymous PUT is 401, not 405). A Response rejects.
   */
  guard(c: Context<MockEnv>, view: DrfView): Response | undefined
  /** DEFAULT_RENDERER_CLASSES; DRF's defaults (JSON, then the browsable API) when absent. */
  renderers?: readonly Renderer[]
  /** The provider's DRF settings for this request (its scenario's `drf` section). */
  settings(c: Context<MockEnv>): DrfSettings
}

/**
 * A Django project's URL conf with DRF views, on Hono. Reproduces the
 * framework's request cycle: URL resolution (Django's HTML 404, APPEND_SLASH
 * 301), then APIView.dispatch (auth → 405 with Allow → handler), with the
 * `Allow` header DRF puts on every response of a view.
 */
export class DjangoSite {
  readonly app = new Hono<MockEnv>({ strict: true })
  readonly #patterns: RegExp[] = []
  readonly #known: KnownRoute[] = []

  constructor(private readonly options: DjangoSiteOptions) {}

  /** `path` in Hono syntax; use `:pk{[^/.]+}` for DRF router lookups, which exclude dots. */
  view(path: string, view: DrfView): this {
    this.#patterns.push(patternToRegExp(path))
    const allow = allowedMethods(view)
    this.#known.push({
      methods: allow.split(', ').filter((m) => m !== 'HEAD' && m !== 'OPTIONS'),
      template: path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}'),
    })
    const renderers = this.options.renderers ?? DEFAULT_RENDERERS
    this.app.all(path, async (c) => {
      const settings = this.options.settings(c)
      bindDrfSettings(c, settings)
      const method = c.req.method.toLowerCase()
      // APIView.initial(): content negotiation first, then authentication and permissions.
      const format = c.req.url.includes('format=') ? new URL(c.req.url).searchParams.getAll('format').at(-1) : undefined
      const negotiation = selectRenderer(renderers, c.req.header('accept'), format)
      if (!negotiation.ok) {
        // finalize_response falls back to the first renderer, compact.
        const detail = negotiation.status === 406 ? DRF.notAcceptable : DRF.notFound
        return withAllow(drfJson(negotiation.status, { detail }), allow, method === 'head')
      }
      const answer = (response: Response) => {
        const allowed = withAllow(response, allow)
        const rendered = renderNegotiated(allowed, negotiation)
        // A re-rendered answer (indent, browsable API) is a new response: it gets Allow too.
        return rendered === allowed && method !== 'head' ? allowed : withAllow(rendered, allow, method === 'head')
      }
      if (!view.public) {
        const rejected = this.options.guard(c, view)
        if (rejected) return answer(rejected)
      }
      if (method === 'options') return answer(drfJson(200, metadata(c, view, renderers, settings)))
      const handler =
        method === 'head' ? view.get : METHODS.includes(method as Method) ? view[method as Method] : undefined
      if (!handler) return answer(drfJson(405, { detail: DRF.methodNotAllowed(c.req.method.toUpperCase()) }))
      return answer(this.#hintNearRoute(c, await handler(c)))
    })
    return this
  }

  /**
   * An object 404 on a path one typo away from a literal route (`/api/v1/…`
   * for `/api/i1/…/bulk_status_update/`): the path matched a `{pk}` view,
   * but the client almost certainly meant the other route.
   */
  #hintNearRoute(c: Context<MockEnv>, response: Response): Response {
    if (response.status !== 404) return response
    const path = providerPath(c)
    const near = this.#known.find(
      (r) => !r.template.includes('{') && r.template !== path && levenshtein(path.slice(0, 300), r.template) <= 2,
    )
    return near
      ? withHint(c, response, `not-found; did you mean ${near.methods.join('|')} ${near.template}?`)
      : response
  }

  /** Registers the fallback; call after every view. */
  finish(): Hono<MockEnv> {
    this.app.all('*', (c) => {
      const path = providerPath(c)
      if (this.options.appendSlash && !path.endsWith('/') && this.#patterns.some((re) => re.test(`${path}/`))) {
        // Django redirects to a path on the same host: keep it relative, as get_full_path_with_slash does.
        const target = publicUrl(c, `${path}/`)
        const hint = `append-slash; ${c.req.method} ${path} has no trailing slash: Django answers 301 to ${path}/ (Python requests follows it without the body, fetch re-sends the body)`
        return withHint(c, appendSlashRedirect(`${target.pathname}${target.search}`), hint)
      }
      c.get('mock').unmatched = { closest: closestRoutes(path, this.#known) }
      return djangoNotFound()
    })
    return this.app
  }
}

function allowedMethods(view: DrfView): string {
  const methods = METHODS.filter((m) => view[m]).map((m) => m.toUpperCase())
  if (view.get) methods.push('HEAD')
  methods.push('OPTIONS')
  return methods.join(', ')
}

/** DRF puts `Allow` on every response of a view. */
function withAllow(response: Response, allow: string, stripBody = false): Response {
  if (stripBody)
    return textResponse(null, {
      status: response.status,
      headers: { ...Object.fromEntries(response.headers), Allow: allow },
    })
  return withHeaders(response, { Allow: allow })
}

/**
 * DRF's SimpleMetadata: name, description, renders, parses, and `actions`
 * for a view that allows POST (PUT is not routed by these providers). The
 * permission check of determine_actions already ran in the guard.
 */
function metadata(c: Context<MockEnv>, view: DrfView, renderers: readonly Renderer[], settings: DrfSettings) {
  return {
    name: view.name,
    description: '',
    renders: renderers.map((r) => r.mediaType),
    parses: parserMediaTypes(settings),
    ...(view.post && view.postSerializer && { actions: { POST: view.postSerializer(c) } }),
  }
}

function patternToRegExp(path: string): RegExp {
  let out = ''
  for (let i = 0; i < path.length; ) {
    if (path[i] === ':') {
      const name = /^:[A-Za-z_][A-Za-z0-9_]*/.exec(path.slice(i))![0]
      i += name.length
      if (path[i] === '{') {
        let depth = 0
        let j = i
        for (; j < path.length; j++) {
          if (path[j] === '{') depth++
          else if (path[j] === '}' && --depth === 0) break
        }
        out += `(?:${path.slice(i + 1, j)})`
        i = j + 1
      } else out += '[^/]+'
    } else {
      out += path[i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      i++
    }
  }
  return new RegExp(`^${out}$`)
}

/** The mock's hint on a provider answer: the X-Mock-Error header (never the body) and a journal note. */
function withHint(c: Context<MockEnv>, response: Response, hint: string): Response {
  const mock = c.get('mock')
  mock.notes = [...(mock.notes ?? []), hint]
  return withHeaders(response, { [MOCK_ERROR_HEADER]: headerSafe(hint) })
}

/** A header value carries visible ASCII only: anything else percent-encoded (a path may hold any character), and at most 500 of them. */
function headerSafe(text: string): string {
  const ascii = text.replace(/[^\x20-\x7e]/gu, (ch) => {
    try {
      return encodeURIComponent(ch)
    } catch {
      return '%EF%BF%BD' // a lone surrogate: U+FFFD, as a UTF-8 decoder would show it
    }
  })
  return ascii.length > 500 ? `${ascii.slice(0, 500)}...` : ascii
}
