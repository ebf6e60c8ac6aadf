/**
 * The kind of container that first nests deeper than `limit` in a JSON text
 * (strings skipped), or undefined. Python's and PHP's decoders both stop at a
 * depth; JavaScript's does not, so the frameworks check it before parsing.
 */
export function tooDeep(text: string, limit: number): 'array' | 'object' | undefined {
  if (text.length <= limit * 2) return undefined
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return c === 0x5b ? 'array' : 'object'
    } else if (c === 0x5d || c === 0x7d) depth--
  }
  return undefined
}

/**
 * Whether a parsed JSON value nests deeper than `limit` (the value itself is
 * depth 1 if it is a container). Iterative, with an explicit stack: a value
 * nested 100,000 deep costs memory in proportion, never the call stack.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (typeof v !== 'object' || v === null) continue
    if (depth > limit) return true
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1])
    }
  }
  return false
}
