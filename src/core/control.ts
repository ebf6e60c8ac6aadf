import { type Instant, parseInstant } from './clock.js'
import { instantHint } from './clock-setting.js'
import { closestWord } from './closest.js'
import type { Problem } from './problem.js'

/** The control headers (README "Control headers"). */
export const HEADER = {
  scenario: 'x-mock-scenario',
  session: 'x-mock-session',
  now: 'x-mock-now',
} as const

/**
 * Every request header the mock owns, as documented. The mock owns the
 * `X-Mock-` prefix: any other `X-Mock-*` header is almost always a typo
 * (`X-Mock-Sesion`) that would silently put a test in the shared session.
 */
export const KNOWN_CONTROL_HEADERS = [
  'X-Mock-Scenario',
  'X-Mock-Session',
  'X-Mock-Now',
  'X-Mock-Delay',
  'X-Mock-Fault',
  'X-Mock-Admin-Token',
] as const
const KNOWN_LOWER = KNOWN_CONTROL_HEADERS.map((h) => h.toLowerCase())

/** An `X-Mock-*` header the mock does not know: a 400 naming the closest known one. */
export function unknownControlHeader(headers: Headers): Problem | undefined {
  for (const [name] of headers) {
    if (!name.startsWith('x-mock-') || KNOWN_LOWER.includes(name)) continue
    const suggestion = KNOWN_CONTROL_HEADERS[KNOWN_LOWER.indexOf(closestWord(name, KNOWN_LOWER))]!
    const shown = name.slice(0, 100)
    return {
      code: 'unknown-control-header',
      status: 400,
      title: 'Unknown control header',
      detail: `"${shown}" is not a header the mock knows; did you mean ${suggestion}? The mock owns the X-Mock- prefix (start it with --lenient-headers to let unknown ones through).`,
      header: shown,
      closest: suggestion,
      knownHeaders: [...KNOWN_CONTROL_HEADERS],
    }
  }
  return undefined
}

const SESSION_ID = /^[\x21-\x7e]{1,128}$/

/** What a session id may be, over HTTP (X-Mock-Session) and in-process (createMock's selectors) alike. */
export const SESSION_ID_RULE = '1 to 128 visible ASCII characters (no spaces)'
export const isSessionId = (id: string) => SESSION_ID.test(id)

export interface Control {
  scenario: string
  session: string
  now?: Instant
}

/** Reads and validates the control headers; a bad value is a 400 problem naming the header. */
export function readControl(
  headers: Headers,
  defaults: { scenario: string; session: string },
  scenarios: ReadonlyMap<string, unknown>,
): Control | Problem {
  const scenario = headers.get(HEADER.scenario)?.trim() || defaults.scenario
  const known = () => [...scenarios.keys()].sort()
  if (!scenarios.has(scenario)) {
    return {
      code: 'unknown-scenario',
      status: 400,
      title: 'Unknown scenario',
      detail: `X-Mock-Scenario "${scenario}" is not a known scenario. Known: ${known().join(', ')}.`,
      header: 'X-Mock-Scenario',
      knownScenarios: known(),
    }
  }
  const sessionHeader = headers.get(HEADER.session)
  const session = sessionHeader === null ? defaults.session : sessionHeader.trim()
  if (!SESSION_ID.test(session)) {
    return {
      code: 'bad-control-header',
      status: 400,
      title: 'Bad control header',
      detail: `X-Mock-Session must be ${SESSION_ID_RULE}.`,
      header: 'X-Mock-Session',
      knownScenarios: known(),
    }
  }
  const nowHeader = headers.get(HEADER.now)
  if (nowHeader === null) return { scenario, session }
  const now = parseInstant(nowHeader)
  if (!now) {
    return {
      code: 'bad-control-header',
      status: 400,
      title: 'Bad control header',
      detail: `X-Mock-Now "${nowHeader.slice(0, 64)}" is not ${instantHint}.`,
      header: 'X-Mock-Now',
      knownScenarios: known(),
    }
  }
  return { scenario, session, now }
}

export function isProblem(v: Control | Problem): v is Problem {
  return 'code' in v && 'status' in v
}
