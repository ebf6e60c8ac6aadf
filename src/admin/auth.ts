import type { MiddlewareHandler } from 'hono'
import { problemResponse } from '../core/problem.js'

/** With --admin-token, every admin call but health needs the token (Bearer or X-Mock-Admin-Token). */
export function adminTokenGuard(token: string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path.endsWith('/health')) return next()
    const given = c.req.header('x-mock-admin-token') ?? c.req.header('authorization')?.replace(/^Bearer\s+/i, '')
    if (given === token) return next()
    return problemResponse(
      {
        code: 'admin-token-required',
        status: 401,
        title: 'Admin token required',
        detail:
          'This mock was started with --admin-token: send it as "Authorization: Bearer <token>" or "X-Mock-Admin-Token".',
      },
      { 'WWW-Authenticate': 'Bearer realm="order-contract-mock admin"' },
    )
  }
}
