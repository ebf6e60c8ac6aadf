import type { Context, MiddlewareHandler } from 'hono'
import { isProblem } from '../core/control.js'
import type { MockEngine } from '../core/engine.js'
import { type Problem, problemResponse } from '../core/problem.js'
import type { Session } from '../core/sessions.js'

/** What admin routes read from the context: the session the control headers named, and the JSON body. */
export interface AdminEnv {
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

/** A JSON object body (empty means `{}`); anything else is a problem, not a call. */
export function jsonObjectBody(): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const text = await c.req.text()
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

/** Where a session's answer came from, in every session-scoped answer. */
export const where = (session: Session) => ({ scenario: session.scenario.name, session: session.id })
