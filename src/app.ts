import { Hono } from 'hono'
import { adminRoutes } from './admin/routes.js'
import { bodyTooLarge } from './core/body.js'
import { realNow } from './core/clock.js'
import type { MockEnv } from './core/context.js'
import { isProblem, readControl } from './core/control.js'
import { DEFAULT_SESSION, type MockEngine } from './core/engine.js'
import { problemResponse } from './core/problem.js'

export interface RequestLogEntry {
  method: string
  path: string
  status: number
  ms: number
  scenario?: string
  session?: string
}

export interface AppOptions {
  /** Largest request body accepted, in bytes; larger ones get 413. Default 1 MiB. */
  maxBodyBytes?: number
  /** Called once per request after the response is ready (the CLI's log line). */
  onRequest?: (entry: RequestLogEntry) => void
  /** Reported by /__mock/health. */
  version?: string
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024
export const RULES_HEADER = 'X-Mock-Rules'

/**
 * The one Hono app behind every transport: the control layer (scenario,
 * session, clock), each provider under `/<name>`, and the admin API under
 * `/__mock`. The standalone server serves it; the MSW adapter calls its fetch.
 */
export function buildApp(engine: MockEngine, options: AppOptions = {}): Hono<MockEnv> {
  const app = new Hono<MockEnv>({ strict: true })
  const maxSize = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES

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
      })
    })
  }

  app.route('/__mock', adminRoutes(engine, options.version ?? '0.0.0'))

  for (const provider of engine.providers) {
    const mountPath = `/${provider.name}`
    app.use(`${mountPath}/*`, async (c, next) => {
      const declared = Number(c.req.header('content-length') ?? 0)
      if (declared > maxSize) return bodyTooLarge(maxSize)
      const control = readControl(c.req.raw.headers, { scenario: engine.defaultScenario, session: DEFAULT_SESSION }, () =>
        engine.scenarioNames(),
      )
      if (isProblem(control)) return problemResponse(control)
      const session = await engine.session(control.scenario, control.session)
      c.set('mock', {
        scenario: session.scenario,
        session,
        now: control.now ?? session.scenario.now ?? realNow(),
        publicBase: c.env?.mockPublicBase ?? `${new URL(c.req.url).origin}${mountPath}`,
        mountPath,
        maxBodyBytes: maxSize,
        fired: [],
      })
      await next()
      const fired = c.var.mock.fired
      if (fired.length > 0) {
        // Which business rules decided this answer (GET /__mock/rules explains each id).
        const headers = new Headers(c.res.headers)
        headers.set(RULES_HEADER, fired.join(', '))
        c.res = new Response(c.res.body, { status: c.res.status, headers })
      }
    })
    app.route(mountPath, provider.routes)
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
