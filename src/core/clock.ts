/**
 * Instants with microsecond precision. Django serialises datetimes with
 * microseconds (`2025-01-24T08:45:18.831693Z`) and a test that sets
 * `X-Mock-Now` to such a value must get exactly that string back, which a JS
 * Date (milliseconds) cannot carry.
 */
export interface Instant {
  /** Whole seconds since the epoch (UTC). */
  readonly seconds: number
  /** 0..999999 */
  readonly micros: number
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)$/

/** A strict ISO 8601 instant: a date, a time and an explicit offset. Undefined if it is not one. */
export function parseInstant(text: string): Instant | undefined {
  const m = ISO_INSTANT.exec(text.trim())
  if (!m) return undefined
  const [, y, mo, d, h, mi, s = '0', frac = '', tz] = m
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Number(s)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  let offsetMinutes = 0
  if (tz !== 'Z' && tz !== 'z') {
    const sign = tz!.startsWith('-') ? -1 : 1
    const digits = tz!.slice(1).replace(':', '')
    const oh = Number(digits.slice(0, 2))
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0
    if (oh > 23 || om > 59) return undefined
    offsetMinutes = sign * (oh * 60 + om)
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second)
  return { seconds: ms / 1000 - offsetMinutes * 60, micros: Number(frac.slice(0, 6).padEnd(6, '0')) }
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

export function instantFromDate(date: Date): Instant {
  const ms = date.getTime()
  const seconds = Math.floor(ms / 1000)
  return { seconds, micros: (ms - seconds * 1000) * 1000 }
}

/** RFC 3339 with milliseconds, for the mock's own (non-provider) output. */
export function formatIso(t: Instant): string {
  return new Date(t.seconds * 1000 + Math.floor(t.micros / 1000)).toISOString()
}
