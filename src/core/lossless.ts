/**
 * JSON objects may have an own key named `__proto__` (a PATCH can write one
 * into an `extra_field`, and Django or Laravel keep it like any other key).
 * Plain assignment (`out[key] = value`, as zod's record parsing does) sets
 * the prototype instead and the key is gone; these helpers keep the store
 * lossless on every copy path.
 */

/** Whether `value` holds an own `__proto__` key at any depth (iterative: no recursion on depth). */
export function hasOwnProtoKey(value: unknown): boolean {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    if (typeof v !== 'object' || v === null) continue
    if (!Array.isArray(v) && Object.hasOwn(v, '__proto__')) return true
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (typeof child === 'object' && child !== null) stack.push(child)
  }
  return false
}

/**
 * `parsed` (a schema's output for the record `input`) with every field whose
 * input holds an own `__proto__` key taken from the input instead, deep-copied
 * by structured clone (which defines keys, never assigns them). Only JSON-value
 * fields can hold such keys, and their schemas pass values through unchanged.
 */
export function keepProtoKeys<T>(input: unknown, parsed: T): T {
  if (typeof input !== 'object' || input === null || typeof parsed !== 'object' || parsed === null) return parsed
  for (const key of Object.keys(input)) {
    const value = (input as Record<string, unknown>)[key]
    if (!Object.hasOwn(parsed, key) || !hasOwnProtoKey(value)) continue
    Object.defineProperty(parsed, key, {
      value: structuredClone(value),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return parsed
}
