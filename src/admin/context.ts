import type { Context, MiddlewareHandler } from 'hono'
import { bodyTooLarge, readLimitedBody } from '../core/body.js'
import type { MockEnv } from '../core/context.js'
import { isProblem } from '../core/control.js'
import type { MockEngine } from '../core/engine.js'
import { type Problem, problemResponse } from '../core/problem.js'
import type { Session } from '../core/sessions.js'

/** What admin routes read from the context: the session the control headers named, and the JSON body. */
export interface AdminEnv {
  Bindings: MockEnv['Bindings']
  Variables: {
    session: Session
    body: Record<string, unknown>
  }
}

export type AdminContext = Context<AdminEnv>

export const badBody = (detail: string): Problem => ({
  code: 'bad-admin-request',
  status: 400,
  title: 'Bad admin request',
  detail,
})

/** The session named by X-Mock-Scenario / X-Mock-Session, created on first use like a provider request's. */
export function sessionLookup(engine: MockEngine): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const ctl = engine.readControl(c.req.raw.headers)
    if (isProblem(ctl)) return problemResponse(ctl)
    c.set('session', await engine.session(ctl.scenario, ctl.session))
    await next()
  }
}

/** Default admin body limit: room for real state exports (the provider limit, --max-body-bytes, is for one request). */
export const DEFAULT_MAX_ADMIN_BODY_BYTES = 16 * 1024 * 1024

const adminBodyTooLarge = (limit: number) => bodyTooLarge(limit, '--max-admin-body-bytes')

/** A JSON object body (empty means `{}`) of at most `limit` bytes (else 413); anything else is a problem, not a call. */
export function jsonObjectBody(limit: number = DEFAULT_MAX_ADMIN_BODY_BYTES): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const read = await (c.env?.mockReadBody?.(limit, adminBodyTooLarge) ??
      readLimitedBody(c.req.raw, limit, adminBodyTooLarge))
    if (!read.ok) return read.response
    const text = utf8.decode(read.bytes)
    let value: unknown = {}
    if (text.trim() !== '') {
      try {
        value = JSON.parse(text)
      } catch (error) {
        return problemResponse(badBody(`The body is not JSON: ${(error as Error).message}`))
      }
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return problemResponse(badBody('The body must be a JSON object.'))
    }
    c.set('body', value as Record<string, unknown>)
    await next()
  }
}

const utf8 = new TextDecoder()

/** Where a session's answer came from, in every session-scoped answer. */
export const where = (session: Session) => ({ scenario: session.scenario.name, session: session.id })
