/**
 * What a stored JSON field may hold: data every answer, state export and
 * snapshot renders as it is. A request's body always parses to such data;
 * an in-process write (`createMock().db.*.patch`, `insert`) can hand any
 * JavaScript value, and a JSON field's schema (`z.record(z.string(),
 * z.unknown())`) takes anything inside. Without this check a cycle or a
 * BigInt stored that way made every later answer showing the record a 500,
 * and a Date, a Map, `undefined`, NaN or a function was silently rendered
 * as something else (a string, `{}`, nothing, `null`).
 *
 * Values are read as JSON.stringify reads them: a getter is called (once
 * here, again by each answer), not refused — a value that changes between
 * reads is the caller's own doing, and checking each property's descriptor
 * doubled the cost of the check on every write.
 */

/**
 * Marks a class whose instances stand for a JSON number (a framework's int
 * and float types, e.g. DRF's PyFloat, PHP's integral float): set it on the
 * prototype. Their `toJSON` renders them.
 */
export const JSON_NUMBER: unique symbol = Symbol.for('order-contract-mock.json-number')

/** Nesting a stored value may have (every provider's framework refuses JSON deeper than this anyway). */
export const MAX_STORED_DEPTH = 1000

/**
 * Why `value` is not JSON data, with the path to the first offending part
 * from `name` (`extra_field.a.0: a cycle …`), or undefined when it is.
 */
export function jsonDataProblem(value: unknown, name: string, maxDepth = MAX_STORED_DEPTH): string | undefined {
  const issue = jsonDataIssue(value, maxDepth)
  return issue && `${[name, ...issue.path].join('.')}: ${issue.reason}`
}

/**
 * The first part of `value` that is not JSON data — its path (array indices
 * as numbers) and why — or undefined when it all is. Iterative: a value
 * nested 100,000 deep costs memory in proportion, never the call stack.
 */
export function jsonDataIssue(
  value: unknown,
  maxDepth = MAX_STORED_DEPTH,
): { path: (string | number)[]; reason: string } | undefined {
  // Most values are small JSON: one recursive look without allocations says so. Anything it
  // doubts (a problem, or nesting past FAST_DEPTH, where a cycle would be) gets the full walk.
  if (isSmallJsonData(value, 1, Math.min(FAST_DEPTH, maxDepth))) return undefined
  return walk(value, maxDepth)
}

/** How deep the recursive look goes before it hands over (a cycle recurses until then). */
const FAST_DEPTH = 64

function isSmallJsonData(v: unknown, depth: number, limit: number): boolean {
  if (typeof v !== 'object' || v === null) return leafProblem(v) === undefined
  if (isJsonNumber(v)) return true
  if (depth > limit) return false
  const proto = Object.getPrototypeOf(v)
  const isArray = Array.isArray(v)
  if (isArray ? proto !== Array.prototype : proto !== Object.prototype && proto !== null) return false
  if (Object.getOwnPropertySymbols(v).length > 0) return false
  const keys = Object.keys(v)
  if (isArray && keys.length !== (v as unknown[]).length) return false
  for (let i = 0; i < keys.length; i++)
    if (!isSmallJsonData((v as Record<string, unknown>)[keys[i]!], depth + 1, limit)) return false
  return true
}

function walk(value: unknown, maxDepth: number): { path: (string | number)[]; reason: string } | undefined {
  // Depth-first with an explicit stack; `open` holds the containers on the current path (a cycle revisits
  // one). Each step knows its parent and key, so a path is built only for a problem.
  const stack: Step[] = [{ v: value, depth: 1 }]
  const open = new Set<object>()
  while (stack.length > 0) {
    const step = stack.pop()!
    const { v, depth } = step
    if (step.leave) {
      open.delete(step.leave)
      continue
    }
    const leaf = leafProblem(v)
    if (leaf !== undefined) return located(step, leaf)
    if (typeof v !== 'object' || v === null || isJsonNumber(v)) continue
    if (open.has(v)) return located(step, 'a cycle (the value contains itself)')
    if (depth > maxDepth) return located(step, `nested deeper than ${maxDepth} levels`)
    const proto = Object.getPrototypeOf(v)
    const isArray = Array.isArray(v)
    if (isArray ? proto !== Array.prototype : proto !== Object.prototype && proto !== null)
      return located(step, `a ${describe(v)}, not a JSON object or array`)
    if (Object.getOwnPropertySymbols(v).length > 0) return located(step, 'a symbol key (JSON has none)')
    const keys = Object.keys(v)
    if (isArray && keys.length !== (v as unknown[]).length) return located(step, 'a sparse array (JSON has no holes)')
    open.add(v)
    stack.push({ v: undefined, depth, leave: v })
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!
      stack.push({
        v: (v as Record<string, unknown>)[key],
        depth: depth + 1,
        parent: step,
        key: isArray ? Number(key) : key,
      })
    }
  }
  return undefined
}

interface Step {
  v: unknown
  depth: number
  parent?: Step
  key?: string | number
  /** A marker: the walk has left this container. */
  leave?: object
}

function leafProblem(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return undefined
    case 'number':
      return Number.isFinite(v) ? undefined : `${v} (JSON has no such number)`
    case 'object':
      return undefined
    case 'bigint':
      return 'a BigInt (JSON.stringify cannot write one)'
    default:
      return `${typeof v === 'undefined' ? 'undefined' : `a ${typeof v}`} (JSON has none)`
  }
}

const isJsonNumber = (v: object) => (v as { [JSON_NUMBER]?: unknown })[JSON_NUMBER] === true

function describe(v: object): string {
  const name = (Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null)?.constructor?.name
  return typeof name === 'string' && name !== '' ? name : 'object with another prototype'
}

function located(step: Step, reason: string): { path: (string | number)[]; reason: string } {
  const path: (string | number)[] = []
  for (let s: Step | undefined = step; s !== undefined; s = s.parent) if (s.key !== undefined) path.push(s.key)
  return { path: path.reverse(), reason }
}
