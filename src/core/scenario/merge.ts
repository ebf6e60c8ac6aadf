/**
 * `extends`: how a scenario inherits another. Objects merge key by key; a list
 * of records merges by the records' identity (their primary key), so a child
 * can change one field of one parent record, or add records, without copying
 * the parent's lists. Any other list (e.g. an enum list) is replaced whole.
 */
const IDENTITY_KEYS = ['pk', 'id', 'order_id', 'username', 'key', 'sku_code', 'code'] as const

type Plain = Record<string, unknown>

export const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The field that identifies the records of a list (merged by it), if they all have one. */
export function identityKey(list: unknown[]): string | undefined {
  if (list.length === 0 || !list.every(isPlain)) return undefined
  return IDENTITY_KEYS.find((k) => (list as Plain[]).every((r) => k in r))
}

export function mergeScenario(parent: unknown, child: unknown): unknown {
  if (isPlain(parent) && isPlain(child)) {
    const out: Plain = {}
    for (const k of Object.keys(parent)) define(out, k, parent[k])
    for (const k of Object.keys(child)) {
      if (k === 'extends' || k === 'name') {
        define(out, k, child[k])
        continue
      }
      define(out, k, Object.hasOwn(parent, k) ? mergeScenario(parent[k], child[k]) : child[k])
    }
    return out
  }
  if (Array.isArray(parent) && Array.isArray(child)) {
    const key = identityKey(parent)
    if (key === undefined || identityKey(child) !== key) return child
    const out = (parent as Plain[]).map((r) => ({ ...r }))
    for (const record of child as Plain[]) {
      const at = out.findIndex((r) => r[key] === record[key])
      if (at === -1) out.push(record)
      else out[at] = mergeScenario(out[at], record) as Plain
    }
    return out
  }
  return child
}

/** Own data property, never the `__proto__` setter: a scenario file cannot reach Object.prototype. */
function define(target: Plain, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}
