import { Hono } from 'hono'
import type { MockEngine } from '../core/engine.js'
import { problemResponse } from '../core/problem.js'
import { adminTokenGuard } from './auth.js'
import { infoRoutes } from './info-routes.js'
import { recordRoutes } from './record-routes.js'
import { sessionRoutes } from './session-routes.js'
import { addSessionRoutes } from './sessions-list.js'

export const ADMIN_ROUTES = [
  'GET /__mock/health',
  'GET /__mock/scenarios',
  'GET /__mock/rules',
  'GET /__mock/sessions',
  'GET /__mock/openapi',
  'GET /__mock/openapi/<provider>.json',
  'GET /__mock/openapi/<provider>.yaml',
  'POST /__mock/reset',
  'GET /__mock/state',
  'PUT /__mock/state',
  'GET /__mock/state/{provider}/{collection}',
  'GET /__mock/state/{provider}/{collection}/{key}',
  'PUT /__mock/state/{provider}/{collection}/{key}',
  'PATCH /__mock/state/{provider}/{collection}/{key}',
  'DELETE /__mock/state/{provider}/{collection}/{key}',
  'GET /__mock/requests',
  'POST /__mock/requests/count',
  'DELETE /__mock/requests',
  'GET /__mock/clock',
  'PUT /__mock/clock',
  'DELETE /__mock/clock',
]

export interface AdminOptions {
  version: string
  /** When set, every admin call but health needs `Authorization: Bearer <token>` or `X-Mock-Admin-Token`. */
  adminToken?: string
  diagnostics?: () => Record<string, unknown>
  /** Largest admin body in bytes (default 16 MiB). */
  maxBodyBytes?: number
}

/** The mock's own control API under /__mock. Its errors are problem+json, never provider-shaped. */
export function adminRoutes(engine: MockEngine, options: AdminOptions): Hono {
  const admin = new Hono({ strict: false })
  if (options.adminToken) admin.use('*', adminTokenGuard(options.adminToken))

  admin.route(
    '/',
    infoRoutes(engine, { version: options.version, ...(options.diagnostics && { diagnostics: options.diagnostics }) }),
  )
  admin.route('/', sessionRoutes(engine, options.maxBodyBytes))
  admin.route('/', recordRoutes(engine))
  addSessionRoutes(admin, engine)

  admin.all('*', (c) =>
    problemResponse({
      code: 'unknown-admin-route',
      status: 404,
      title: 'Unknown admin route',
      detail: `${c.req.method} ${c.req.path} is not part of the admin API.`,
      routes: ADMIN_ROUTES,
    }),
  )
  return admin
}
