/**
 * Whether two values are the same data, keys in the same order: primitives by
 * `Object.is`, arrays item by item, plain objects key by key (own enumerable
 * keys, in order); any other object only if it is the very same one. Strict on
 * purpose: a seed spreads a scenario's values over fakes, so key order and an
 * `undefined` value can change what it makes. Past 64 levels it answers no.
 */
export function sameData(a: unknown, b: unknown, depth = 0): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > 64) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i], depth + 1)) return false
    return true
  }
  const proto = Object.getPrototypeOf(a)
  if ((proto !== Object.prototype && proto !== null) || Object.getPrototypeOf(b) !== proto) return false
  const keys = Object.keys(a)
  const other = Object.keys(b)
  if (keys.length !== other.length) return false
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    if (key !== other[i]) return false
    if (!sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1)) return false
  }
  return true
}
