import { Hono } from 'hono'
import { openapiRoutes } from './admin/openapi-routes.js'
import { adminRoutes } from './admin/routes.js'
import { controlLayer } from './control-layer.js'
import type { MockEnv } from './core/context.js'
import type { MockEngine } from './core/engine.js'
import { problemResponse } from './core/problem.js'
import { toTransport } from './core/respond.js'

export interface RequestLogEntry {
  method: string
  path: string
  status: number
  ms: number
  scenario?: string
  session?: string
  /** The fault injected into this request, if any (its name). */
  fault?: string
}

export interface AppOptions {
  /** Largest request body accepted, in bytes; larger ones get 413. Default 1 MiB. */
  maxBodyBytes?: number
  /** Largest admin API body (PUT /__mock/state imports), in bytes; larger ones get 413. Default 16 MiB. */
  maxAdminBodyBytes?: number
  /** Called once per request after the response is ready (the CLI's log line). */
  onRequest?: (entry: RequestLogEntry) => void
  /** Reported by /__mock/health. */
  version?: string
  /** When set, the admin API (but health) needs `Authorization: Bearer <token>` or `X-Mock-Admin-Token: <token>`. */
  adminToken?: string
  /** Extra figures for /__mock/health (the Node server adds memory and open handles). */
  diagnostics?: () => Record<string, unknown>
  /** The Response class this app's answers are built with (the Node server passes node-server's lightweight one). Default: the platform's. */
  responseClass?: typeof Response
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024
export { RULES_HEADER } from './control-layer.js'

/**
 * The one Hono app behind every transport: the control layer (scenario,
 * session, clock), each provider under `/<name>`, and the admin API under
 * `/__mock`. The standalone server serves it; the MSW adapter calls its fetch.
 */
export function buildApp(engine: MockEngine, options: AppOptions = {}): Hono<MockEnv> {
  const app = new Hono<MockEnv>({ strict: true })
  const maxSize = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES

  // The app's edge: the mock's own answers (MockResponse) leave as the transport's Response class.
  const ctor = options.responseClass
  app.use('*', async (c, next) => {
    await next()
    const response = c.res
    const out = toTransport(response, ctor)
    if (out === response) return
    c.res = undefined as never // replace, not merge: Hono's setter would rebuild with the platform's Response
    c.res = out
  })

  if (options.onRequest) {
    const log = options.onRequest
    app.use('*', async (c, next) => {
      const started = performance.now()
      await next()
      const mock = c.get('mock') as MockEnv['Variables']['mock'] | undefined
      log({
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(mock && { scenario: mock.scenario.name, session: mock.session.id }),
        ...(mock?.fault && { fault: mock.fault.name }),
      })
    })
  }

  app.route('/__mock', openapiRoutes(engine.providers, options.version ?? '0.0.0'))
  app.route(
    '/__mock',
    adminRoutes(engine, {
      version: options.version ?? '0.0.0',
      ...(options.adminToken !== undefined && { adminToken: options.adminToken }),
      ...(options.maxAdminBodyBytes !== undefined && { maxBodyBytes: options.maxAdminBodyBytes }),
      ...(options.diagnostics && { diagnostics: options.diagnostics }),
    }),
  )

  for (const provider of engine.providers) {
    app.use(`/${provider.name}/*`, controlLayer(engine, provider, maxSize))
    app.route(`/${provider.name}`, provider.routes)
  }

  app.notFound((c) =>
    problemResponse({
      code: 'no-such-provider',
      status: 404,
      title: 'No provider at this path',
      detail: `${c.req.path} is under no provider. Providers are mounted at ${engine.providers.map((p) => `/${p.name}`).join(', ')}; the admin API is at /__mock.`,
      providers: engine.providers.map((p) => ({ name: p.name, title: p.title, prefix: `/${p.name}` })),
    }),
  )

  app.onError((error) =>
    problemResponse({
      code: 'internal-error',
      status: 500,
      title: 'Mock internal error',
      detail: `The mock failed while handling this request: ${error instanceof Error ? error.message : String(error)}. This is a bug in order-contract-mock; please report it.`,
    }),
  )
  return app
}
