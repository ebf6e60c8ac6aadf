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

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, by arithmetic
 * (H. Hinnant's days_from_civil): never `Date.UTC`, whose two-digit-year rule
 * turns years 0–99 into 1900–1999.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** Seconds since the epoch of a UTC wall-clock time (any year, no two-digit-year rule). */
export function epochSeconds(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second
}

/**
 * The instants every side can represent: Python's datetime and PHP's
 * DateTime both hold years 1 to 9999, so the mock never stores or answers
 * one outside them (JS would format year 10000 as `+010000-…`).
 */
export const MIN_INSTANT: Instant = { seconds: epochSeconds(1, 1, 1), micros: 0 }
export const MAX_INSTANT: Instant = { seconds: epochSeconds(9999, 12, 31, 23, 59, 59), micros: 999_999 }
export const INSTANT_RANGE_TEXT = '0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z'

export function inInstantRange(t: Instant): boolean {
  return t.seconds >= MIN_INSTANT.seconds && t.seconds <= MAX_INSTANT.seconds
}

/**
 * A strict ISO 8601 instant: a date, a time and an explicit offset, whose UTC
 * instant lies in years 1–9999. Undefined if it is not one.
 */
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
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
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
  const instant = {
    seconds: epochSeconds(year, month, day, hour, minute, second) - offsetMinutes * 60,
    micros: Number(frac.slice(0, 6).padEnd(6, '0')),
  }
  return inInstantRange(instant) ? instant : undefined
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

export function instantFromDate(date: Date): Instant {
  const ms = date.getTime()
  const seconds = Math.floor(ms / 1000)
  return { seconds, micros: (ms - seconds * 1000) * 1000 }
}

/** The instant `offsetMs` after `base` (microseconds kept); undefined when it leaves years 1–9999. */
export function shiftInstant(base: Instant, offsetMs: number): Instant | undefined {
  const ms = base.seconds * 1000 + Math.floor(base.micros / 1000) + offsetMs
  const shifted = {
    seconds: Math.floor(ms / 1000),
    micros: (((ms % 1000) + 1000) % 1000) * 1000 + (base.micros % 1000),
  }
  return Number.isSafeInteger(ms) && inInstantRange(shifted) ? shifted : undefined
}

/** RFC 3339 with milliseconds, for the mock's own (non-provider) output; years always four digits. */
export function formatIso(t: Instant): string {
  return `${formatSeconds(t.seconds)}.${String(Math.floor(t.micros / 1000)).padStart(3, '0')}Z`
}

/**
 * `YYYY-MM-DDTHH:MM:SS` in UTC, the year zero-padded to four digits (`0099-…`)
 * and clamped to 1–9999 (never JS's expanded `+010000-…`).
 */
export function formatSeconds(seconds: number): string {
  const s = Math.min(Math.max(seconds, MIN_INSTANT.seconds), MAX_INSTANT.seconds)
  const days = Math.floor(s / 86400)
  const rest = s - days * 86400
  const [year, month, day] = civilFromDays(days)
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${p(year, 4)}-${p(month)}-${p(day)}T${p(Math.floor(rest / 3600))}:${p(Math.floor((rest % 3600) / 60))}:${p(rest % 60)}`
}

/** The inverse of daysFromCivil (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day]
}

/**
 * `new Date().toISOString()`, with the text up to the seconds made once a
 * second: toISOString was a third of the control layer's own time (the journal stamps every request).
 */
export function isoNow(): string {
  const ms = Date.now()
  const second = Math.floor(ms / 1000)
  if (second !== isoSecond) {
    const text = new Date(ms).toISOString()
    // Only the four-digit years share the fixed layout (toISOString writes ±YYYYYY outside them).
    if (text.length !== 24) return text
    isoSecond = second
    isoPrefix = text.slice(0, 20)
  }
  return `${isoPrefix}${String(ms - second * 1000).padStart(3, '0')}Z`
}
let isoSecond = Number.NaN
let isoPrefix = ''
