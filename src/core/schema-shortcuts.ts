import type { z } from 'zod'

/**
 * Answers "would `schema.safeParse(value)` succeed?" without zod's walk, for
 * the schemas where the answer is one look: a JSON object field
 * (`z.record(z.string(), z.unknown())`) and an array of them. zod checks such
 * a record key by key (a payload and an issue list per value) to learn what
 * one prototype test tells: Aymakan's order update re-sends its item list
 * with new item ids, and zod's walk of one 17-key item took ~4 µs.
 *
 * `true` means zod would accept the value; `undefined` means ask zod (the
 * shortcut never refuses, so a refusal's issues are always zod's own).
 */
export type QuickCheck = (value: unknown) => true | undefined

const known = new WeakMap<object, QuickCheck | null>()

/** The shortcut for a schema (remembered per schema; zod schemas are immutable), or undefined when there is none. */
export function quickCheckFor(schema: z.ZodType): QuickCheck | undefined {
  let check = known.get(schema)
  if (check === undefined) known.set(schema, (check = quickCheckOf(schema) ?? null))
  return check ?? undefined
}

function quickCheckOf(schema: z.ZodType): QuickCheck | undefined {
  const def = defOf(schema)
  if (!def || hasChecks(def)) return undefined
  if (def.type === 'record' && isPlainString(def.keyType) && isPlainUnknown(def.valueType)) return plainRecord
  if (def.type === 'array') {
    const element = quickCheckOf(def.element as z.ZodType)
    if (!element) return undefined
    return (value) => {
      if (!Array.isArray(value)) return undefined
      for (let i = 0; i < value.length; i++) if (element(value[i]) !== true) return undefined
      return true
    }
  }
  return undefined
}

interface Def {
  type: string
  checks?: unknown[]
  keyType?: unknown
  valueType?: unknown
  element?: unknown
}

const defOf = (schema: unknown): Def | undefined => (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def

const hasChecks = (def: Def) => (def.checks?.length ?? 0) > 0

/** z.string() with no check, transform or refinement: every string key passes. */
function isPlainString(schema: unknown): boolean {
  const def = defOf(schema)
  return def !== undefined && def.type === 'string' && !hasChecks(def)
}

function isPlainUnknown(schema: unknown): boolean {
  const def = defOf(schema)
  return def !== undefined && def.type === 'unknown' && !hasChecks(def)
}

/**
 * A record zod accepts at once: its isPlainObject holds (Object.prototype or
 * no prototype, no own `constructor` to consult), every key is a string (no
 * symbol key for z.string() to refuse) and every value passes z.unknown().
 * Any other object goes to zod.
 */
function plainRecord(value: unknown): true | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return undefined
  if (Object.hasOwn(value, 'constructor')) return undefined
  if (Object.getOwnPropertySymbols(value).length > 0) return undefined
  return true
}
