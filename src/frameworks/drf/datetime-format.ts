import { formatSeconds, type Instant } from '../../core/clock.js'

/**
 * Python's `datetime.isoformat()` in UTC as DRF renders it: microseconds only
 * when non-zero, `+00:00` replaced by `Z`.
 */
export function formatDrfDateTime(t: Instant): string {
  const base = formatSeconds(t.seconds) // four-digit years, never `+010000`
  return t.micros === 0 ? `${base}Z` : `${base}.${String(t.micros).padStart(6, '0')}Z`
}
