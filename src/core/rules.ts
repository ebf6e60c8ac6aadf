/**
 * The rules engine. A business rule is a named, documented object with pure
 * functions: `check` rejects with field errors, `derive` adds changes to a
 * plan. A write runs every applicable rule, collects ALL errors (several
 * fields in one answer), and only if there are none commits the whole plan
 * at once. Route handlers never hold rule logic; they parse, call `evaluate`,
 * commit and serialise.
 */

import { PATCH_FIELDS } from './table.js'

export type RuleSource = { kind: 'doc'; document: string; section?: string } | { kind: 'assumption'; basis: string }

/**
 * Field name → messages, or (for a dictionary field) key → messages, as DRF
 * nests DictField errors. The provider's formatter turns this into its own body.
 */
export type FieldErrors = Record<string, string[] | Record<string, string[]>>

export interface Rule<C = never> {
  /** Stable id, e.g. `omnitron.item.invoice-or-tracking.promotes-approved`; scenarios disable rules by it. */
  readonly id: string
  readonly provider: string
  readonly summary: string
  readonly source: RuleSource
  /** The write operations it takes part in, e.g. `omnitron.order_item.update`. */
  readonly operations: readonly string[]
  /**
   * When its check runs. `precondition`: before the payload is looked at; its
   * errors alone are the answer (a view refusing the request outright).
   * `field`: with field validation, its errors reported together with the
   * fields' own (a DRF field validator such as min_value). `object` (default):
   * only once every field is valid (DRF's validate()).
   */
  readonly stage?: 'precondition' | 'field' | 'object'

  /** Rejects the write: field errors, or nothing when the rule is satisfied. */
  check?(ctx: C): FieldErrors | undefined
  /** Derives changes into the plan; returns whether it changed anything (so the journal can say it fired). */
  derive?(ctx: C, plan: ChangePlan): boolean
}

export interface RuleInfo {
  id: string
  provider: string
  summary: string
  source: RuleSource
  operations: readonly string[]
}

export function describeRule(rule: Rule<never>): RuleInfo {
  return {
    id: rule.id,
    provider: rule.provider,
    summary: rule.summary,
    source: rule.source,
    operations: rule.operations,
  }
}

/** What a plan writes through: a table (core/table.ts), whose PATCH_FIELDS validates and writes a record's fields. */
export interface PlanTable<R extends object> {
  [PATCH_FIELDS](record: R, keys: readonly string[], values: readonly unknown[]): void
}

/** One record's pending fields: their names and values side by side, in the order first set. */
interface Pending {
  readonly table: PlanTable<object>
  readonly record: object
  readonly keys: string[]
  readonly values: unknown[]
}

/**
 * Changes to commit, grouped by record. Rules read pending values through it,
 * so a later rule sees what an earlier one derived. Nothing is written before `commit`.
 * A record's pending fields are two short lists, not an object: a bulk sets a
 * few fields on a hundred records, and an object per record, its keys added one
 * by one, cost more to build and read than a look along four names (and a
 * "__proto__" field name is a name like any other).
 */
export class ChangePlan {
  readonly #changes = new Map<object, Pending>()

  set<R extends object>(table: PlanTable<R>, record: R, changes: Partial<R>): void {
    const pending = this.#pending(table, record)
    for (const key of Object.keys(changes)) put(pending, key, (changes as Record<string, unknown>)[key])
  }

  /** One field of `set`, without an object to carry it. */
  setField<R extends object, F extends keyof R & string>(table: PlanTable<R>, record: R, field: F, value: R[F]): void {
    put(this.#pending(table, record), field, value)
  }

  #pending<R extends object>(table: PlanTable<R>, record: R): Pending {
    let pending = this.#changes.get(record)
    if (!pending) {
      pending = { table: table as PlanTable<object>, record, keys: [], values: [] }
      this.#changes.set(record, pending)
    }
    return pending
  }

  /** The value a field will have after commit. */
  value<R extends object, F extends keyof R>(record: R, field: F): R[F] {
    const pending = this.#changes.get(record)
    const i = pending ? pending.keys.indexOf(field as string) : -1
    return i >= 0 ? (pending!.values[i] as R[F]) : record[field]
  }

  has(record: object, field?: string): boolean {
    const pending = this.#changes.get(record)
    return pending !== undefined && (field === undefined || pending.keys.includes(field))
  }

  /** Marks a record as saved by this write even if no field changes (Django's save() always writes). */
  touch<R extends object>(table: PlanTable<R>, record: R): void {
    this.#pending(table, record)
  }

  /** Sets the same fields on every record this write saves (e.g. an auto_now timestamp). */
  setOnEverySaved(changes: Record<string, unknown>): void {
    for (const pending of this.#changes.values())
      for (const key of Object.keys(changes)) put(pending, key, changes[key])
  }

  /** Synchronous and infallible: everything was validated before. */
  commit(): void {
    for (const { table, record, keys, values } of this.#changes.values()) table[PATCH_FIELDS](record, keys, values)
  }
}

function put(pending: Pending, key: string, value: unknown): void {
  const i = pending.keys.indexOf(key)
  if (i >= 0) pending.values[i] = value
  else {
    pending.keys.push(key)
    pending.values.push(value)
  }
}

export type Evaluation = { ok: true; fired: string[] } | { ok: false; errors: FieldErrors; fired: string[] }

/** The enabled rules of one operation, split by what runs when: each stage's checks, then the derivations. */
interface ActiveRules<C> {
  readonly checks: Record<'precondition' | 'field' | 'object', readonly Rule<C>[]>
  readonly derives: readonly Rule<C>[]
}

/** Worked out once per catalogue, operation and set of switched-off rules (a bulk evaluates a hundred times). */
const activeCache = new WeakMap<readonly Rule<never>[], WeakMap<ReadonlySet<string>, Map<string, ActiveRules<never>>>>()
function activeRules<C>(rules: readonly Rule<C>[], operation: string, disabled: ReadonlySet<string>): ActiveRules<C> {
  let bySet = activeCache.get(rules)
  if (!bySet) activeCache.set(rules, (bySet = new WeakMap()))
  let byOperation = bySet.get(disabled)
  if (!byOperation) bySet.set(disabled, (byOperation = new Map()))
  let active = byOperation.get(operation) as ActiveRules<C> | undefined
  if (!active) {
    const enabled = rules.filter((r) => r.operations.includes(operation) && !disabled.has(r.id))
    const checking = (stage: 'precondition' | 'field' | 'object') =>
      enabled.filter((r) => r.check && (r.stage ?? 'object') === stage)
    active = {
      checks: { precondition: checking('precondition'), field: checking('field'), object: checking('object') },
      derives: enabled.filter((r) => r.derive),
    }
    byOperation.set(operation, active as ActiveRules<never>)
  }
  return active
}

export interface EvaluateOptions {
  /** Errors of the payload's own field validation; field-stage rules add theirs to them. */
  fieldErrors?: FieldErrors
  /** The write itself (the sent fields onto the plan), run once nothing rejected, before the derivations. */
  apply?: () => void
}

/**
 * Runs every enabled rule of `operation`: field-stage checks (their errors
 * join the field errors), then, if all is valid, object-stage checks
 * (collecting every error); if none rejected, `apply`, then every derivation
 * in catalogue order. Nothing is committed here.
 */
export function evaluate<C>(
  rules: readonly Rule<C>[],
  operation: string,
  ctx: C,
  plan: ChangePlan,
  disabled: ReadonlySet<string>,
  options: EvaluateOptions = {},
): Evaluation {
  const active = activeRules(rules, operation, disabled)
  const fired: string[] = []
  let errors: FieldErrors | undefined
  for (const stage of STAGES) {
    // Field errors join the field stage: a refused precondition answers alone.
    if (stage === 'field' && options.fieldErrors && Object.keys(options.fieldErrors).length > 0)
      errors = mergeErrors(errors ?? {}, options.fieldErrors)
    for (const rule of active.checks[stage]) {
      const found = rule.check!(ctx)
      if (found && Object.keys(found).length > 0) {
        fired.push(rule.id)
        errors = mergeErrors(errors ?? {}, found)
      }
    }
    if (errors) return { ok: false, errors, fired }
  }
  options.apply?.()
  for (const rule of active.derives) {
    if (rule.derive!(ctx, plan)) fired.push(rule.id)
  }
  return { ok: true, fired }
}

const STAGES = ['precondition', 'field', 'object'] as const

/** `evaluate`, with the scope's switched-off rules, recording the rules that fired in the scope (for the journal). */
export function runRules<C>(
  rules: readonly Rule<C>[],
  operation: string,
  ctx: C,
  plan: ChangePlan,
  scope: RuleScope,
  options: EvaluateOptions = {},
): Evaluation {
  const result = evaluate(rules, operation, ctx, plan, scope.disabledRules, options)
  // A rejection is the answer's reason at once; a derivation counts only if the write commits.
  const into = result.ok ? scope.derived : scope.fired
  for (const id of result.fired) if (!into.includes(id)) into.push(id)
  return result
}

/** Where a request's rules are recorded: the ones that rejected, and the ones that derived changes (shown if committed). */
export interface RuleScope {
  readonly disabledRules: ReadonlySet<string>
  readonly fired: string[]
  readonly derived: string[]
}

/** One rule's check on its own (unless switched off); a refusal is recorded like any rule's. */
export function refuses<C>(scope: RuleScope, rule: Rule<C>, ctx: C): boolean {
  if (scope.disabledRules.has(rule.id)) return false
  const found = rule.check?.(ctx)
  if (!found || Object.keys(found).length === 0) return false
  if (!scope.fired.includes(rule.id)) scope.fired.push(rule.id)
  return true
}

/** Adds `from` to `into`: lists of messages concatenate (without repeats), nested dictionaries merge. */
export function mergeErrors(into: FieldErrors, from: FieldErrors): FieldErrors {
  for (const [field, incoming] of Object.entries(from)) {
    const current = Object.hasOwn(into, field) ? into[field] : undefined
    let merged: string[] | Record<string, string[]>
    if (Array.isArray(incoming)) {
      const list = Array.isArray(current) ? current : []
      for (const m of incoming) if (!list.includes(m)) list.push(m)
      merged = list
    } else {
      merged = current && !Array.isArray(current) ? current : {}
      mergeErrors(merged as FieldErrors, incoming)
    }
    Object.defineProperty(into, field, { value: merged, enumerable: true, writable: true, configurable: true })
  }
  return into
}
