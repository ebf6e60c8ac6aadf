import { INSTANT_RANGE_TEXT, type Instant, parseInstant, shiftInstant } from './clock.js'
import type { Problem } from './problem.js'
import type { SessionClock } from './sessions.js'

const USAGE =
  'Send {"now": "<ISO 8601 instant>"} to freeze the clock, or {"offsetMs": <whole milliseconds>} to shift it.'

const bad = (detail: string): Problem => ({ code: 'bad-clock', status: 400, title: 'Bad clock setting', detail })

export const instantHint = `an ISO 8601 instant with an offset (e.g. 2025-01-24T08:45:18.831693Z) from ${INSTANT_RANGE_TEXT}`

/**
 * A session clock as sent to PUT /__mock/clock or `mock.setClock()`: the one
 * check both paths use, so a value refused over HTTP is refused in-process
 * with the same problem. `base` is the instant an offset shifts (the
 * scenario's `now`, else real time): the shifted instant must stay in years
 * 1–9999 like a frozen one, or every later write would fail to format it.
 */
export function parseClockSetting(sent: unknown, base: Instant): Exclude<SessionClock, undefined> | Problem {
  if (typeof sent !== 'object' || sent === null || Array.isArray(sent)) return bad(USAGE)
  const keys = Object.keys(sent)
  const value = sent as Record<string, unknown>
  if (keys.length !== 1 || (keys[0] !== 'now' && keys[0] !== 'offsetMs')) return bad(USAGE)
  if (keys[0] === 'now') {
    if (typeof value.now !== 'string') return bad(`now must be a string: ${instantHint}.`)
    const now = parseInstant(value.now)
    if (!now) return bad(`now "${value.now.slice(0, 64)}" is not ${instantHint}.`)
    return { frozen: now }
  }
  const offsetMs = value.offsetMs
  if (typeof offsetMs !== 'number' || !Number.isSafeInteger(offsetMs))
    return bad(`offsetMs must be a JSON number of whole milliseconds, got ${describe(offsetMs)}.`)
  if (!shiftInstant(base, offsetMs))
    return bad(
      `offsetMs ${offsetMs} moves the clock outside ${INSTANT_RANGE_TEXT} (the years Python and PHP can represent).`,
    )
  return { offsetMs }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `the string ${JSON.stringify(v.slice(0, 32))}`
  if (typeof v === 'number') return String(v)
  return v === null ? 'null' : typeof v
}
