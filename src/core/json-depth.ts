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
