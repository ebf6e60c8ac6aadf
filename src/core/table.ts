import { Collection } from '@msw/data'
import { z } from 'zod'
import { jsonDataProblem } from './json-data.js'
import { nestsDeeperThan } from './json-depth.js'
import { keepProtoKeys } from './lossless.js'
import { quickCheckFor } from './schema-shortcuts.js'

type Shape = z.ZodObject

/** Records validated or inserted between two turns of the event loop (a state import of 100,000 never blocks it for long). */
const YIELD_EVERY = 250
/** A macrotask, not a microtask: pending I/O (other requests, health probes) runs in between. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0))
type Row<S extends Shape> = z.output<S>

/** An issue's path as `a.0.b`; a symbol key (an in-process value may have one) is named, where join would throw. */
const dotted = (path: readonly PropertyKey[]) => path.map(String).join('.')
/** Each field of a whole record that is not JSON data (see json-data.ts), as `field.path: why`. */
function notJsonData(record: object): string[] {
  const problems: string[] = []
  for (const key of Object.keys(record)) {
    const problem = jsonDataProblem((record as Record<string, unknown>)[key], key)
    if (problem !== undefined) problems.push(problem)
  }
  return problems
}

/** No value a field accepted before (a symbol no record holds). */
const NONE: unique symbol = Symbol('none')

/**
 * Internal (the rules engine's commit, core/rules.ts): `patch` with the
 * changes as two lists, field names and their values, as a ChangePlan holds
 * them, so no object is built per record only to be taken apart again.
 */
export const PATCH_FIELDS: unique symbol = Symbol('patchFields')

/** What `patch` knows of a schema field, made once per table: its schema, whether an index keys on it, the last primitive it accepted. */
interface FieldInfo {
  readonly schema: z.ZodType
  readonly indexed: boolean
  accepted: unknown
}

/**
 * The two marks @msw/data puts on every record it holds (its own primary key
 * and relation map; symbols the package does not export), read once from a
 * record it created, after checking that a record pushed onto the array
 * `all()` hands out is one the collection holds (counted, queried, deleted).
 * Undefined if a release of @msw/data stops behaving so: `adopt` then goes
 * through `insert` (and so `create`), slower but the same records
 * (docs/decisions/0012-seeding-without-copies.md).
 */
interface RecordMarks {
  primaryKey: symbol
  relations: symbol
}
let recordMarks: Promise<RecordMarks | undefined> | undefined
/** Adopted records' @msw/data primary keys: unique in the process, as its random UUIDs are, and cheaper. */
let adoptedRecords = 0

function marksOf(): Promise<RecordMarks | undefined> {
  recordMarks ??= (async () => {
    const probe = new Collection({ schema: z.object({}) })
    const created = await probe.create({})
    const symbols = Object.getOwnPropertySymbols(created)
    const primaryKey = symbols.find((s) => s.description === 'kPrimaryKey')
    const relations = symbols.find((s) => s.description === 'kRelationMap')
    if (!primaryKey || !relations) return undefined
    const marks = { primaryKey, relations }
    const adopted = mark({}, marks)
    probe.all().push(adopted as never)
    const held =
      probe.count() === 2 &&
      probe.findMany((q) => q.where(() => true)).includes(adopted as never) &&
      probe.delete(adopted as never) === adopted &&
      probe.count() === 1 &&
      probe.all()[0] === created
    return held ? marks : undefined
  })()
  return recordMarks
}

/** `record` marked as an @msw/data record, as `create` marks the ones it makes. */
function mark<T extends object>(record: T, marks: RecordMarks): T {
  Object.defineProperty(record, marks.primaryKey, { value: `adopted-${++adoptedRecords}` })
  Object.defineProperty(record, marks.relations, { value: new Map() })
  return record
}

/**
 * One collection of records: an @msw/data Collection (schema validation on
 * insert, typed records, queries for lists and filters) plus a primary-key
 * index beside it. @msw/data's findFirst/update scan the whole collection
 * (measured: 20 ms per lookup at 100,000 records), so every lookup by key and
 * every write goes through the index and mutates the record in place:
 * O(1), synchronous — a write can never interleave with another request.
 * A session's seed fills it through `Table.seed` (generated records adopted
 * without copies, a large generation made on first need).
 */
export class Table<S extends Shape, K extends keyof Row<S> & string> {
  #collection: Collection<S>
  #index = new Map<unknown, Row<S>>()
  /** Secondary indexes: field → value → records (e.g. items by order). */
  #by = new Map<string, Map<unknown, Set<Row<S>>>>()
  #maxKey = 0
  /** Generated records not made yet (a large `generate`): made, all of them, on the first read that could see one. */
  #pending: Generation | undefined
  /** The schema's fields by name, for `patch`: one Map lookup per changed field (zod's shape is read through a getter). */
  #fields: Map<string, FieldInfo> | undefined

  constructor(
    readonly name: string,
    readonly schema: S,
    readonly key: K,
    private readonly options: { indexes?: readonly (keyof Row<S> & string)[] } = {},
  ) {
    this.#collection = new Collection({ schema })
    for (const field of options.indexes ?? []) this.#by.set(field, new Map())
  }

  get collection(): Collection<S> {
    this.#settle()
    return this.#collection
  }

  /**
   * Problems that would stop `prepareReplace(rows)`: schema errors, duplicate
   * keys and nesting past `maxDepth`, each with its place. Stops once
   * `budget.left` problems are found (a million invalid records cost the
   * first few checked, not a million error lists), and yields to the event
   * loop every few hundred records so other requests are served meanwhile.
   */
  async check(
    rows: unknown,
    label: string,
    budget: { left: number; checked: number; maxDepth: number },
  ): Promise<string[]> {
    if (!Array.isArray(rows)) return [`${label}: expected a list of records`]
    this.#settle()
    const problems: string[] = []
    const seen = new Set<unknown>()
    for (let i = 0; i < rows.length && problems.length < budget.left; i++) {
      if (i > 0 && i % YIELD_EVERY === 0) await yieldToEventLoop()
      budget.checked++
      const row = rows[i]
      // Before zod, whose parse recurses once per level of a JSON value.
      if (nestsDeeperThan(row, budget.maxDepth)) {
        // A cycle (possible in-process) nests without end: the walk names it, or the first part that is not JSON.
        const why = jsonDataProblem(row, `${label}[${i}]`, budget.maxDepth)
        problems.push(
          why === undefined || why.endsWith(`nested deeper than ${budget.maxDepth} levels`)
            ? `${label}[${i}]: nested deeper than ${budget.maxDepth} levels (the provider's framework refuses such JSON)`
            : why,
        )
        continue
      }
      const parsed = this.schema.safeParse(row)
      if (!parsed.success) {
        for (const issue of parsed.error.issues.slice(0, budget.left - problems.length))
          problems.push(`${label}[${i}].${dotted(issue.path) || '(record)'}: ${issue.message}`)
        continue
      }
      const notJson = notJsonData(parsed.data as object)
      if (notJson.length > 0) {
        for (const problem of notJson.slice(0, budget.left - problems.length))
          problems.push(`${label}[${i}].${problem}`)
        continue
      }
      const pk = (parsed.data as Row<S>)[this.key]
      if (seen.has(pk)) problems.push(`${label}[${i}].${this.key}: duplicate ${String(pk)}`)
      seen.add(pk)
    }
    budget.left -= problems.length
    return problems
  }

  /**
   * Builds a replacement of every record aside (state import) and returns the
   * swap, which is synchronous: several tables prepared first and swapped
   * together change at once, so no request sees a mix. Call `check` first.
   */
  async prepareReplace(rows: readonly unknown[]): Promise<() => void> {
    // The records generated into this table are replaced with the rest, and the other tables of their generation keep theirs.
    this.#settle()
    const fresh = new Table(this.name, this.schema, this.key, this.options)
    for (let i = 0; i < rows.length; i++) {
      if (i > 0 && i % YIELD_EVERY === 0) await yieldToEventLoop()
      await fresh.insert(rows[i] as z.input<S>)
    }
    return () => {
      this.#settle()
      this.#collection = fresh.#collection
      this.#index = fresh.#index
      this.#by = fresh.#by
      this.#maxKey = fresh.#maxKey
    }
  }

  /** The next integer key (auto-increment), for records created by requests. */
  nextKey(): number {
    this.#settle()
    return this.#maxKey + 1
  }

  /** Records whose indexed `field` equals `value`, in insertion order. */
  where<F extends keyof Row<S> & string>(field: F, value: Row<S>[F]): Row<S>[] {
    const index = this.#by.get(field)
    if (!index) throw new Error(`${this.name}: no index on ${field}`)
    this.#settle()
    return [...(index.get(value) ?? [])]
  }

  #indexAdd(record: Row<S>): void {
    for (const [field, index] of this.#by) {
      const value = (record as Record<string, unknown>)[field]
      let set = index.get(value)
      if (!set) index.set(value, (set = new Set()))
      set.add(record)
    }
  }

  #indexRemove(record: Row<S>): void {
    for (const [field, index] of this.#by) index.get((record as Record<string, unknown>)[field])?.delete(record)
  }

  /**
   * A scenario's own record as `insert` would store it, for `Table.seed`:
   * validated against the schema (the same error as `insert`), copied (it
   * shares nothing with the scenario), own `__proto__` keys kept.
   */
  validated(values: z.input<S>): Row<S> {
    const parsed = this.schema.safeParse(values)
    if (!parsed.success) throw new Error(this.#invalid(parsed.error))
    return keepProtoKeys(values, copyJson(parsed.data as Row<S>))
  }

  #invalid(error: z.ZodError): string {
    return `${this.name}: invalid record: ${error.issues.map((i) => `${dotted(i.path)}: ${i.message}`).join('; ')}`
  }

  /** Validates against the schema and inserts. Rejects a duplicate key. */
  async insert(values: z.input<S>): Promise<Row<S>> {
    // Generated records first: a duplicate key is found, and a new record comes after them, as it would eagerly.
    this.#settle()
    const parsed = this.schema.safeParse(values)
    if (!parsed.success) throw new Error(this.#invalid(parsed.error))
    const notJson = notJsonData(parsed.data)
    if (notJson.length > 0) throw new Error(`${this.name}: invalid record: ${notJson.join('; ')}`)
    const pk = (parsed.data as Row<S>)[this.key]
    if (this.#index.has(pk)) throw new Error(`${this.name}: duplicate ${this.key} ${String(pk)}`)
    // Reserve the key before awaiting, so two concurrent inserts of one key cannot both pass.
    this.#index.set(pk, parsed.data as Row<S>)
    if (typeof pk === 'number' && pk > this.#maxKey) this.#maxKey = pk
    try {
      // @msw/data validates again with the schema: its record is the one to restore own `__proto__` keys on.
      const record = keepProtoKeys(values, (await this.#collection.create(parsed.data as z.input<S>)) as Row<S>)
      this.#index.set(pk, record)
      this.#indexAdd(record)
      return record
    } catch (error) {
      this.#index.delete(pk)
      throw error
    }
  }

  /**
   * Inserts records the mock generated itself, in order, as they are: no
   * schema validation (each generator builds valid records, in the schema's
   * key order; its tests parse every one) and no copy (each record is a
   * fresh object nothing else holds). A scenario's own records go through
   * `insert`. Rejects a duplicate key, inserting none.
   */
  async adopt(records: readonly Row<S>[]): Promise<void> {
    this.#settle()
    const marks = await marksOf()
    if (!marks) {
      for (const record of records) await this.insert(record as z.input<S>)
      return
    }
    this.#adoptMarked(records, marks)
  }

  /** `adopt` once @msw/data's marks are known: synchronous, all or none. */
  #adoptMarked(records: readonly Row<S>[], marks: RecordMarks): void {
    // Checked before any is inserted, and the rest is synchronous: all are inserted or none.
    const seen = new Set<unknown>()
    for (const record of records) {
      const pk = record[this.key]
      if (this.#index.has(pk) || seen.has(pk)) throw new Error(`${this.name}: duplicate ${this.key} ${String(pk)}`)
      seen.add(pk)
    }
    const held = this.#collection.all() as Row<S>[]
    for (const record of records) {
      const pk = record[this.key]
      held.push(mark(record, marks))
      this.#index.set(pk, record)
      if (typeof pk === 'number' && pk > this.#maxKey) this.#maxKey = pk
      this.#indexAdd(record)
    }
  }

  /** The record of key `pk`. A scenario's own records are found without making the generated ones. */
  get(pk: Row<S>[K] | unknown): Row<S> | undefined {
    const record = this.#index.get(pk)
    if (record !== undefined || this.#pending === undefined) return record
    this.#settle()
    return this.#index.get(pk)
  }

  has(pk: unknown): boolean {
    return this.get(pk) !== undefined
  }

  get size(): number {
    this.#settle()
    return this.#index.size
  }

  /** Every record, in insertion order. */
  all(): Row<S>[] {
    this.#settle()
    return this.#collection.all() as Row<S>[]
  }

  /** @msw/data's query API, for lists and filters. */
  findMany(...args: Parameters<Collection<S>['findMany']>): Row<S>[] {
    this.#settle()
    return this.#collection.findMany(...args) as Row<S>[]
  }

  /** Makes the records still to be generated, if any (into every table of their generation). */
  #settle(): void {
    if (this.#pending === undefined) return
    const pending = this.#pending
    this.#pending = undefined
    pending.settle()
  }

  /**
   * Fills a provider's tables for a new session (its seed), each table's
   * records in the order emitted: first the scenario's own records (`own`,
   * each through `validated`), then the generated ones (`generate`). A
   * generation of `LAZY_FROM` records or more (100,000 order items) is made
   * on the first read of any of its tables that could see a generated record
   * (a list, a key no scenario record has, an insert, an export), all at
   * once: every record and every faker draw is the same as if made up front.
   * A smaller seed is kept in `template` (copies, never handed out), and the
   * scenario's next sessions get copies of it without drawing or validating
   * again. Adopted as they are: nothing else holds these records.
   */
  static async seed(tables: readonly AnyTable[], plan: SeedPlan): Promise<void> {
    const marks = await marksOf()
    const json = plan.template?.json
    if (json !== undefined) {
      // The build's records for this scenario: each session parses its own (fresh objects, nothing shared).
      const records = JSON.parse(json) as unknown[][]
      for (let i = 0; i < tables.length; i++) await tables[i]!.adopt(records[i] ?? [])
      return
    }
    const template = plan.template?.records
    if (template) {
      for (let i = 0; i < tables.length; i++) await tables[i]!.adopt((template[i] ?? []).map(copyJson))
      return
    }
    const made = tables.map((): unknown[] => [])
    const collect: Emit = (table, records) => {
      const list = made[tables.indexOf(table)]
      if (!list) throw new Error(`${table.name}: not one of the tables being seeded`)
      for (const record of records) list.push(record)
    }
    plan.own?.(collect)
    // Where generated records go: collected with the scenario's own, or (made on first need) straight into their table.
    let sink = collect
    const steps = plan.generate?.((table, records) => sink(table, records))
    if (steps && marks && plan.generated >= (plan.lazyFrom ?? LAZY_FROM)) {
      for (let i = 0; i < tables.length; i++) await tables[i]!.adopt(made[i]!)
      sink = (table, records) => table.#adoptMarked(records, marks)
      const generation = new Generation(steps)
      for (const table of tables) table.#pending = generation
      return
    }
    if (steps) while (!steps.next().done);
    const total = made.reduce((n, list) => n + list.length, 0)
    if (plan.template && total < (plan.lazyFrom ?? LAZY_FROM)) plan.template.records = made.map((l) => l.map(copyJson))
    for (let i = 0; i < tables.length; i++) await tables[i]!.adopt(made[i]!)
  }

  /**
   * Validates one whole record as an import would (its schema), labelled for
   * messages: the parsed record, or the problems found.
   */
  checkRecord(values: unknown, label: string = this.name): { record: Row<S> } | { problems: string[] } {
    const parsed = this.schema.safeParse(values)
    if (!parsed.success)
      return {
        problems: parsed.error.issues.map((i) => `${label}.${dotted(i.path) || '(record)'}: ${i.message}`),
      }
    // What insert and replace would refuse next (a JSON body too can say 1e400, which JSON.parse reads as Infinity).
    const notJson = notJsonData(parsed.data as object)
    if (notJson.length > 0) return { problems: notJson.map((p) => `${label}.${p}`) }
    return { record: parsed.data as Row<S> }
  }

  /**
   * The key value a URL segment names: the key field's schema decides whether
   * "12345" is the number 12345 (Omnitron's pk) or the string (Aymakan's order_id).
   */
  keyFrom(segment: string): Row<S>[K] {
    const field = this.schema.shape[this.key] as z.ZodType | undefined
    if (/^-?\d+$/.test(segment) && field?.safeParse(Number(segment)).success) return Number(segment) as Row<S>[K]
    return segment as Row<S>[K]
  }

  /**
   * Changes one record in place, each changed field validated against its
   * schema first (as an import would validate it): an invalid value, an
   * unknown field or a changed key throws and changes nothing. This is what
   * `createMock().db.*.patch` users and the rules engine's commit both call;
   * field-by-field parsing keeps it cheap for a bulk write.
   */
  patch(record: Row<S>, changes: Partial<Row<S>>): void {
    // The fields and their values, in order: each value is read once, so what is stored is what was checked.
    const keys = Object.keys(changes)
    const values: unknown[] = new Array(keys.length)
    for (let i = 0; i < keys.length; i++) values[i] = (changes as Record<string, unknown>)[keys[i]!]
    this[PATCH_FIELDS](record, keys, values)
  }

  /** `patch` of `keys[i]` to `values[i]` (PATCH_FIELDS). The lists are the caller's, read and not kept. */
  [PATCH_FIELDS](record: Row<S>, keys: readonly string[], values: readonly unknown[]): void {
    const fields = (this.#fields ??= this.#fieldInfos())
    let problems: string[] | undefined
    let reindex = false
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      const value = values[i]
      const info = fields.get(key)
      if (!info) {
        ;(problems ??= []).push(`${key}: unknown field`)
        continue
      }
      if (key === this.key && value !== record[this.key]) {
        ;(problems ??= []).push(`${key}: the key cannot change (${String(record[this.key])} → ${String(value)})`)
        continue
      }
      // A value equal to the one stored is valid as that one was: no schema walk (a write that re-sends a
      // whole address or item list, as Aymakan's update does, re-checked ~100 nested keys with zod each time).
      // (A primitive is the same only as itself: sameValue's walk is for objects.)
      const primitive = value === null || typeof value !== 'object'
      if (primitive ? Object.is(value, record[key as keyof Row<S>]) : sameValue(value, record[key as keyof Row<S>], 0))
        continue
      if (info.indexed) reindex = true
      // A primitive this field accepted last time is accepted again (the schemas are pure): a bulk
      // stamps the same modified_date on a hundred records, one regex check instead of a hundred.
      if (primitive && Object.is(info.accepted, value)) continue
      // A JSON object field (or a list of them) holding a plain object: accepted at one look, as zod would.
      const field = info.schema
      let accepted = !primitive && quickCheckFor(field)?.(value) === true
      if (!accepted) {
        const parsed = field.safeParse(value)
        accepted = parsed.success
        if (!parsed.success)
          for (const issue of parsed.error.issues)
            (problems ??= []).push(`${dotted([key, ...issue.path])}: ${issue.message}`)
      }
      if (!accepted) continue
      // The value as given is stored, not zod's copy (a copy would drop an own "__proto__" key of a JSON
      // field, extra_field), so it must be data every answer renders as it is — a field of z.unknown() too.
      const problem = jsonDataProblem(value, key)
      if (problem !== undefined) (problems ??= []).push(problem)
      else if (primitive) info.accepted = value
    }
    if (problems !== undefined)
      throw new TableError(`${this.name}: invalid change (nothing changed): ${problems.join('; ')}`, problems)
    this.#assign(record, keys, values, reindex)
  }

  #fieldInfos(): Map<string, FieldInfo> {
    const shape = this.schema.shape as Record<string, z.ZodType>
    return new Map(
      Object.keys(shape).map((name) => [name, { schema: shape[name]!, indexed: this.#by.has(name), accepted: NONE }]),
    )
  }

  /** Replaces every field of a stored record with a validated whole record of the same key (PUT). */
  replace(record: Row<S>, whole: Row<S>): void {
    if (whole[this.key] !== record[this.key]) throw new TableError(`${this.name}: replace cannot change the key`, [])
    const problems = notJsonData(whole)
    if (problems.length > 0)
      throw new TableError(`${this.name}: invalid record (nothing changed): ${problems.join('; ')}`, problems)
    const keys = Object.keys(whole)
    this.#assign(
      record,
      keys,
      keys.map((k) => (whole as Record<string, unknown>)[k]),
    )
  }

  /**
   * Writes fields in place, keeping the secondary indexes right (`reindex`: whether an indexed field
   * changes, when the caller knows). Keys are defined, never assigned through setters.
   */
  #assign(record: Row<S>, keys: readonly string[], values: readonly unknown[], reindex?: boolean): void {
    if (reindex === undefined) {
      reindex = false
      if (this.#by.size > 0) for (const k of keys) if (this.#by.has(k)) reindex = true
    }
    if (reindex) this.#indexRemove(record)
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      const value = values[i]
      // Field names come from the schema, but never let one be the prototype setter.
      if (key === '__proto__')
        Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true })
      else (record as Record<string, unknown>)[key] = value
    }
    if (reindex) this.#indexAdd(record)
  }

  delete(pk: unknown): boolean {
    const record = this.get(pk)
    if (record === undefined) return false
    // @msw/data types delete() over its own record type (with internal symbols); ours is the same object.
    this.#collection.delete(record as never)
    this.#index.delete(pk)
    this.#indexRemove(record)
    return true
  }

  /**
   * A deep copy of every record as plain JSON, safe to serialise or compare.
   * A JSON round trip rather than structuredClone: values with a toJSON
   * (a framework's number types, e.g. DRF's Python floats) become plain JSON.
   */
  snapshot(): Row<S>[] {
    return JSON.parse(JSON.stringify(this.all())) as Row<S>[]
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a generation fills tables of different schemas
type AnyTable = Table<any, any>
/** Hands generated records to their table. */
export type Emit = <T extends AnyTable>(table: T, records: readonly ReturnType<T['all']>[number][]) => void

/** Generations of at least this many records are made on first need (`Table.generate`). */
export const LAZY_FROM = 5_000

/** What `Table.seed` fills the tables with. */
export interface SeedPlan {
  /** The scenario's own records, each through its table's `validated`; drawn first. */
  own?(emit: Emit): void
  /** How many records `generate` makes: from `lazyFrom` (default `LAZY_FROM`) they are made on first need. */
  generated: number
  generate?(emit: Emit): Iterator<void>
  lazyFrom?: number
  /** The scenario's seeded records, kept for its next sessions (the engine gives one per scenario and provider). */
  template?: SeedTemplate
}

/** One scenario's seeded records for one provider, by table, as `Table.seed` made them for its first session. */
export interface SeedTemplate {
  records?: readonly (readonly unknown[])[]
  /**
   * The same records as JSON text, made by the build (scripts/generate.mjs) for a
   * bundled scenario, or for a scenario that seeds a provider as a bundled one
   * does: its first session draws nothing either. Each session parses its own.
   */
  json?: string
}

/** Steps still to run, shared by the tables they fill: whichever table needs them first runs them all. */
class Generation {
  #steps: Iterator<void> | undefined
  constructor(steps: Iterator<void>) {
    this.#steps = steps
  }
  settle(): void {
    const steps = this.#steps
    this.#steps = undefined
    if (steps) while (!steps.next().done);
  }
}

/**
 * A deep copy of a record as @msw/data's create copies one: arrays and plain
 * objects anew (an own `__proto__` key defined, never assigned), any other
 * value shared.
 */
export function copyJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map(copyJson) as T
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const v = copyJson((value as Record<string, unknown>)[key])
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true })
    else out[key] = v
  }
  return out as T
}

/** A write a table refused: the message names the table, `problems` each field. */
export class TableError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(message)
    this.name = 'TableError'
  }
}

/**
 * Whether two stored values are the same data: primitives by Object.is,
 * arrays item by item, other objects of the same prototype by their own
 * enumerable keys (in any order). Past 64 levels it answers no, so the
 * caller validates.
 */
function sameValue(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > 64) return false
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  if (Array.isArray(a)) {
    const other = b as unknown[]
    if (a.length !== other.length) return false
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], other[i], depth + 1)) return false
    return true
  }
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const k of keys) {
    if (!Object.hasOwn(b, k)) return false
    if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth + 1)) return false
  }
  return true
}
