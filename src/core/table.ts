import { Collection } from '@msw/data'
import type { z } from 'zod'
import { nestsDeeperThan } from './json-depth.js'
import { keepProtoKeys } from './lossless.js'

type Shape = z.ZodObject

/** Records validated or inserted between two turns of the event loop (a state import of 100,000 never blocks it for long). */
const YIELD_EVERY = 250
/** A macrotask, not a microtask: pending I/O (other requests, health probes) runs in between. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0))
type Row<S extends Shape> = z.output<S>

/**
 * One collection of records: an @msw/data Collection (schema validation on
 * insert, typed records, queries for lists and filters) plus a primary-key
 * index beside it. @msw/data's findFirst/update scan the whole collection
 * (measured: 20 ms per lookup at 100,000 records), so every lookup by key and
 * every write goes through the index and mutates the record in place:
 * O(1), synchronous — a write can never interleave with another request.
 */
export class Table<S extends Shape, K extends keyof Row<S> & string> {
  #collection: Collection<S>
  #index = new Map<unknown, Row<S>>()
  /** Secondary indexes: field → value → records (e.g. items by order). */
  #by = new Map<string, Map<unknown, Set<Row<S>>>>()
  #maxKey = 0

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
    const problems: string[] = []
    const seen = new Set<unknown>()
    for (let i = 0; i < rows.length && problems.length < budget.left; i++) {
      if (i > 0 && i % YIELD_EVERY === 0) await yieldToEventLoop()
      budget.checked++
      const row = rows[i]
      // Before zod, whose parse recurses once per level of a JSON value.
      if (nestsDeeperThan(row, budget.maxDepth)) {
        problems.push(
          `${label}[${i}]: nested deeper than ${budget.maxDepth} levels (the provider's framework refuses such JSON)`,
        )
        continue
      }
      const parsed = this.schema.safeParse(row)
      if (!parsed.success) {
        for (const issue of parsed.error.issues.slice(0, budget.left - problems.length))
          problems.push(`${label}[${i}].${issue.path.join('.') || '(record)'}: ${issue.message}`)
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
    const fresh = new Table(this.name, this.schema, this.key, this.options)
    for (let i = 0; i < rows.length; i++) {
      if (i > 0 && i % YIELD_EVERY === 0) await yieldToEventLoop()
      await fresh.insert(rows[i] as z.input<S>)
    }
    return () => {
      this.#collection = fresh.#collection
      this.#index = fresh.#index
      this.#by = fresh.#by
      this.#maxKey = fresh.#maxKey
    }
  }

  /** The next integer key (auto-increment), for records created by requests. */
  nextKey(): number {
    return this.#maxKey + 1
  }

  /** Records whose indexed `field` equals `value`, in insertion order. */
  where<F extends keyof Row<S> & string>(field: F, value: Row<S>[F]): Row<S>[] {
    const index = this.#by.get(field)
    if (!index) throw new Error(`${this.name}: no index on ${field}`)
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

  /** Validates against the schema and inserts. Rejects a duplicate key. */
  async insert(values: z.input<S>): Promise<Row<S>> {
    const parsed = this.schema.safeParse(values)
    if (!parsed.success) {
      throw new Error(
        `${this.name}: invalid record: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      )
    }
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

  get(pk: Row<S>[K] | unknown): Row<S> | undefined {
    return this.#index.get(pk)
  }

  has(pk: unknown): boolean {
    return this.#index.has(pk)
  }

  get size(): number {
    return this.#index.size
  }

  /** Every record, in insertion order. */
  all(): Row<S>[] {
    return this.#collection.all() as Row<S>[]
  }

  /** @msw/data's query API, for lists and filters. */
  findMany(...args: Parameters<Collection<S>['findMany']>): Row<S>[] {
    return this.#collection.findMany(...args) as Row<S>[]
  }

  /**
   * Validates one whole record as an import would (its schema), labelled for
   * messages: the parsed record, or the problems found.
   */
  checkRecord(values: unknown, label: string = this.name): { record: Row<S> } | { problems: string[] } {
    const parsed = this.schema.safeParse(values)
    if (parsed.success) return { record: parsed.data as Row<S> }
    return {
      problems: parsed.error.issues.map((i) => `${label}.${i.path.join('.') || '(record)'}: ${i.message}`),
    }
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
    const shape = this.schema.shape as Record<string, z.ZodType>
    const valid: Record<string, unknown> = Object.create(null)
    const problems: string[] = []
    for (const key of Object.keys(changes)) {
      const value = (changes as Record<string, unknown>)[key]
      const field = Object.hasOwn(shape, key) ? shape[key] : undefined
      if (!field) {
        problems.push(`${key}: unknown field`)
        continue
      }
      if (key === this.key && value !== record[this.key]) {
        problems.push(`${key}: the key cannot change (${String(record[this.key])} → ${String(value)})`)
        continue
      }
      const parsed = field.safeParse(value)
      // The value as given, not zod's copy: a copy would drop an own "__proto__" key of a JSON field (extra_field).
      if (parsed.success) valid[key] = value
      else for (const issue of parsed.error.issues) problems.push(`${[key, ...issue.path].join('.')}: ${issue.message}`)
    }
    if (problems.length > 0)
      throw new TableError(`${this.name}: invalid change (nothing changed): ${problems.join('; ')}`, problems)
    this.#assign(record, valid as Partial<Row<S>>)
  }

  /** Replaces every field of a stored record with a validated whole record of the same key (PUT). */
  replace(record: Row<S>, whole: Row<S>): void {
    if (whole[this.key] !== record[this.key]) throw new TableError(`${this.name}: replace cannot change the key`, [])
    this.#assign(record, whole)
  }

  /** Writes fields in place, keeping the secondary indexes right. Keys are defined, never assigned through setters. */
  #assign(record: Row<S>, changes: Partial<Row<S>>): void {
    const reindex = Object.keys(changes).some((k) => this.#by.has(k))
    if (reindex) this.#indexRemove(record)
    for (const key of Object.keys(changes)) {
      const value = (changes as Record<string, unknown>)[key]
      // Field names come from the schema, but never let one be the prototype setter.
      if (key === '__proto__')
        Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true })
      else (record as Record<string, unknown>)[key] = value
    }
    if (reindex) this.#indexAdd(record)
  }

  delete(pk: unknown): boolean {
    const record = this.#index.get(pk)
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
