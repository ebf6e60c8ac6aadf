import { isPhpArray, phpString, phpType } from './php.js'
import { isDate, isEmail, isInteger, isNumeric, isUrl } from './php-rules.js'

/**
 * A Laravel validator (Illuminate\Validation\Validator, 11.x) for the rules
 * the Laravel-based providers use, with Laravel's default English messages.
 * Followed step by step from its source:
 * - data keys holding `.` or `*` are hidden behind placeholders first
 *   (Validator::parseData), so a key `"*"` is a key like any other;
 * - `a.*.b` rules are expanded against the data as ValidationRuleParser and
 *   ValidationData do, and the expanded keys are validated after every
 *   explicit key (they are appended to the rule list);
 * - every rule of a key runs (a failed `required` stops it) and the key's
 *   first message is the one shown;
 * - attribute names (FormatsMessages::getDisplayableAttribute): a key expanded
 *   from a wildcard stays raw (`order_items.0.sku_code`); any other key gets
 *   Str::snake and `_` → space (`shipping address.city`).
 */

export type LaravelRule =
  | 'required'
  | 'nullable'
  | 'string'
  | 'numeric'
  | 'integer'
  | 'boolean'
  | 'array'
  | 'email'
  | 'url'
  | 'date'
  | { in: readonly string[] }
  /** `exists` (a lookup): "The selected :attribute is invalid."; skipped once the key has failed. */
  | { exists: (value: unknown) => boolean }
  /** A custom rule object: its own message (given the attribute as Laravel passes it). */
  | { custom: (value: unknown, key: string) => string | undefined }

/**
 * A rule table: key (dotted, `*` a wildcard) → rules. It is compiled on first
 * use and the compiled form kept while the table lives: build a table once
 * (per catalogue, not per request) and do not change it afterwards.
 */
export type RuleSet = Readonly<Record<string, readonly LaravelRule[]>>

const MESSAGES = {
  required: (a: string) => `The ${a} field is required.`,
  string: (a: string) => `The ${a} field must be a string.`,
  numeric: (a: string) => `The ${a} field must be a number.`,
  integer: (a: string) => `The ${a} field must be an integer.`,
  boolean: (a: string) => `The ${a} field must be true or false.`,
  array: (a: string) => `The ${a} field must be an array.`,
  email: (a: string) => `The ${a} field must be a valid email address.`,
  url: (a: string) => `The ${a} field must be a valid URL.`,
  date: (a: string) => `The ${a} field must be a valid date.`,
  in: (a: string) => `The selected ${a} is invalid.`,
  exists: (a: string) => `The selected ${a} is invalid.`,
} as const

/** Validator::$placeholderHash: Laravel draws it at random once per process. */
const HASH = Math.random().toString(36).slice(2, 18).padEnd(16, 'x')
const DOT = `__dot__${HASH}`
const ASTERISK = `__asterisk__${HASH}`

type PhpArray = Record<string, unknown>

const own = (a: PhpArray, k: string) => Object.hasOwn(a, k)
/** Sets an own key; `__proto__` is defined, never assigned (assigning it would set the prototype). */
function put(target: PhpArray, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}

/** A key holding `.` or `*` anywhere in the data (what parseData hides). */
function hasSpecialKeys(data: unknown): boolean {
  if (!isPhpArray(data)) return false
  for (const k in data) {
    if (!Object.hasOwn(data, k)) continue
    if (k.includes('.') || k.includes('*') || hasSpecialKeys(data[k])) return true
  }
  return false
}

/**
 * Validator::parseData: a copy whose keys hide `.` and `*`. The validator only
 * reads the data (gatherKeys copies before it writes), so data with no such
 * key is used as it is.
 */
function parseData(data: unknown): unknown {
  return hasSpecialKeys(data) ? hideSpecialKeys(data) : data
}

function hideSpecialKeys(data: unknown): unknown {
  if (!isPhpArray(data)) return data
  const out: PhpArray = Array.isArray(data) ? ([] as unknown as PhpArray) : {}
  for (const [k, v] of Object.entries(data))
    put(out, k.replaceAll('.', DOT).replaceAll('*', ASTERISK), hideSpecialKeys(v))
  return out
}

const cleanKey = (key: string) => (key.includes(HASH) ? key.replaceAll(DOT, '.').replaceAll(ASTERISK, '*') : key)

/** Arr::get */
function arrGet(array: unknown, key: string | null): unknown {
  if (!isPhpArray(array)) return undefined
  if (key === null) return array
  if (own(array, key)) return array[key]
  if (!key.includes('.')) return undefined
  let cur: unknown = array
  for (const segment of key.split('.')) {
    if (isPhpArray(cur) && own(cur, segment)) cur = cur[segment]
    else return undefined
  }
  return cur
}

/** What {@link lookup} answers for a key Arr::has does not find. */
const ABSENT: unique symbol = Symbol('absent')

/**
 * Arr::get and Arr::has of one key in a single walk (what the validator asks
 * of every attribute): the value, or ABSENT. Arr::has first tries the whole
 * key, which only a key without `.` can be (parseData hid every `.` of the
 * data's keys), and that is the walk's first step. A key found is in an array
 * that holds its first segment, so Arr::has's "not empty" holds.
 */
function lookup(data: unknown, segments: readonly string[], from = 0): unknown {
  let cur: unknown = data
  for (let i = from; i < segments.length; i++) {
    const segment = segments[i]!
    if (!isPhpArray(cur) || !own(cur, segment)) return ABSENT
    cur = cur[segment]
  }
  return cur
}

/** Arr::has (one key) */
function arrHas(array: unknown, key: string): boolean {
  if (!isPhpArray(array) || Object.keys(array).length === 0) return false
  return (
    own(array, key) ||
    key.split('.').every((segment) => {
      if (isPhpArray(array) && own(array, segment)) {
        array = array[segment]
        return true
      }
      return false
    })
  )
}

/** Arr::set on a fresh copy: creates the arrays along the path. */
function arrSet(array: PhpArray, key: string, value: unknown): void {
  const keys = key.split('.')
  let cur = array
  for (const k of keys.slice(0, -1)) {
    if (!own(cur, k) || !isPhpArray(cur[k])) put(cur, k, {})
    cur = cur[k] as PhpArray
  }
  put(cur, keys.at(-1) as string, value)
}

/** PHP arrays are values: the copy data_set may change without touching the request's data. */
function copy(v: unknown): unknown {
  if (!isPhpArray(v)) return v
  const out: PhpArray = Array.isArray(v) ? ([] as unknown as PhpArray) : {}
  for (const [k, x] of Object.entries(v)) put(out, k, copy(x))
  return out
}

/** data_set($target, $segments, null, overwrite: true), returning the new target. */
function dataSetNull(target: unknown, segments: string[]): unknown {
  const [segment, ...rest] = segments as [string, ...string[]]
  if (segment === '*') {
    const t: PhpArray = isPhpArray(target) ? target : {}
    for (const k of Object.keys(t)) put(t, k, rest.length ? dataSetNull(t[k], rest) : null)
    return t
  }
  const t: PhpArray = isPhpArray(target) ? target : {}
  if (rest.length) put(t, segment, dataSetNull(isPhpArray(target) && own(t, segment) ? t[segment] : {}, rest))
  else put(t, segment, null)
  return t
}

/** Arr::dot: the leaves (and empty arrays) under their dotted keys, in order. */
function arrDot(array: unknown, prefix = '', out: [string, unknown][] = []): [string, unknown][] {
  if (!isPhpArray(array)) return out
  for (const [k, v] of Object.entries(array)) {
    if (isPhpArray(v) && Object.keys(v).length > 0) arrDot(v, `${prefix}${k}.`, out)
    else out.push([`${prefix}${k}`, v])
  }
  return out
}

const quote = (s: string) => s.replace(/[.\\+*?[^\]$(){}=!<>|:\-#/]/g, '\\$&')

/** A wildcard key of a rule table, with what expanding it needs compiled once. */
interface Pattern {
  readonly pattern: string
  readonly list: readonly LaravelRule[]
  /** ValidationRuleParser's test that an expanded key belongs to the pattern. */
  readonly matcher: RegExp
  /** The entry of a key this pattern alone expanded to. */
  readonly entry: Entry
  /**
   * One `*` before the end (`a.*.b`): data_set gives every element of `a`
   * the path `b`, so the keys are exactly `a.<key>.b` for the keys of `a`
   * (none when it is not an array) — computed directly, as the general path
   * would, in time linear in the data.
   */
  readonly exact?: { readonly prefix: string; readonly suffix: string; readonly suffixSegments: readonly string[] }
  /** Otherwise, what ValidationData::initializeAndGatherData needs: the explicit part and its key pattern. */
  readonly gather?: { readonly explicit: string | null; readonly wildcard: RegExp }
}

function compilePattern(pattern: string, list: readonly LaravelRule[]): Pattern {
  const matcher = new RegExp(`^${quote(pattern).replaceAll('\\*', '[^\\.]*')}$`)
  const entry = prepare(undefined, list, pattern)
  const star = pattern.indexOf('*')
  if (
    pattern.indexOf('*', star + 1) !== -1 ||
    pattern.endsWith('*') ||
    pattern[star - 1] !== '.' ||
    pattern[star + 1] !== '.'
  ) {
    const explicit = pattern.split('*')[0]!.replace(/\.+$/, '') || null
    const wildcard = new RegExp(`^${quote(pattern).replaceAll('\\*', '[^\\.]+')}`)
    return { pattern, list, matcher, entry, gather: { explicit, wildcard } }
  }
  const suffix = pattern.slice(star + 1)
  const exact = { prefix: pattern.slice(0, star - 1), suffix, suffixSegments: suffix.slice(1).split('.') }
  return { pattern, list, matcher, entry, exact }
}

/** The keys a wildcard pattern expands to, in order. */
function expansionKeys(p: Pattern, data: unknown): string[] {
  if (!p.exact) return gatherKeys(p.pattern, p.gather!.explicit, p.gather!.wildcard, data)
  const { prefix, suffix } = p.exact
  const container = arrGet(data, prefix)
  return isPhpArray(container) ? Object.keys(container).map((k) => `${prefix}.${k}${suffix}`) : []
}

/** ValidationData::initializeAndGatherData, keys only (in order). */
function gatherKeys(attribute: string, explicit: string | null, wildcard: RegExp, data: unknown): string[] {
  let extracted: unknown = {}
  const value = arrGet(data, explicit)
  if (explicit === null) extracted = copy(data)
  else if (value !== undefined || arrHas(data, explicit)) arrSet(extracted as PhpArray, explicit, copy(value))
  if (attribute.includes('*') && !attribute.endsWith('*')) extracted = dataSetNull(extracted, attribute.split('.'))
  const keys = arrDot(extracted).map(([k]) => k)
  const extra = keys.map((k) => wildcard.exec(k)?.[0]).filter((k): k is string => k !== undefined)
  return [...new Set([...keys, ...extra])]
}

/** One key's rules, with what the validation loop asks of them worked out once. */
interface Entry {
  readonly rules: readonly LaravelRule[]
  /** The wildcard pattern that first expanded to this key (Validator::getPrimaryAttribute). */
  readonly primary?: string
  /** The key's segments (a table key's, split once). */
  readonly segments?: readonly string[]
  readonly nullable: boolean
  /** It has an implicit rule (`required`): it runs even when the key is absent or blank. */
  readonly implicit: boolean
}

function prepare(key: string | undefined, rules: readonly LaravelRule[], primary?: string): Entry {
  return {
    rules,
    ...(primary !== undefined && { primary }),
    ...(key !== undefined && { segments: key.split('.') }),
    nullable: rules.includes('nullable'),
    implicit: rules.some((r) => IMPLICIT.has(r)),
  }
}

/** A rule table, compiled once (rule tables are not changed after their first use). */
interface Compiled {
  /** Every key of the table in order, wildcard patterns included (explodeRules starts from them). */
  readonly initial: ReadonlyMap<string, Entry>
  /**
   * explodeRules' walk from the first pattern on: each pattern expands, and
   * each explicit key after one is set again (dropping what an earlier
   * pattern merged into it). Empty: the table has no pattern.
   */
  readonly steps: readonly (Pattern | { readonly key: string; readonly entry: Entry })[]
  /** The patterns of Validator::$implicitAttributes. */
  readonly patterns: ReadonlySet<string>
  /**
   * Set when every pattern is `a.*.b`-shaped and no key one expands to can be
   * another key of the table: then explodeRules' order is known without
   * building it — the explicit keys in order, then each pattern's keys,
   * pattern by pattern.
   */
  readonly direct?: { readonly runs: readonly Run[]; readonly patterns: readonly Pattern[] }
}

/**
 * Consecutive explicit keys of a table under the same top-level key, in table
 * order: when the data lacks that key, every key of the run is absent, and a
 * run with no implicit rule can be passed over whole (an absent key runs only
 * its implicit rules). An update that sends a few of a large table's
 * top-level keys passes over the rest of the table a lookup a run.
 */
interface Run {
  readonly head: string
  readonly implicit: boolean
  readonly keys: readonly { readonly attribute: string; readonly clean: string; readonly entry: Entry }[]
}

function runsOf(explicit: readonly (readonly [string, Entry])[]): Run[] {
  const runs: { head: string; implicit: boolean; keys: Run['keys'][number][] }[] = []
  for (const [attribute, entry] of explicit) {
    const head = entry.segments![0]!
    let run = runs.at(-1)
    if (run?.head !== head) runs.push((run = { head, implicit: false, keys: [] }))
    run.keys.push({ attribute, clean: cleanKey(attribute), entry })
    run.implicit ||= entry.implicit
  }
  return runs
}

/**
 * Whether explodeRules never finds a key already in its table. A data key
 * holds no `.` (parseData hid them), so `p.<key>.s` can only be a table key
 * that starts with `p.` and ends with `s`, or a key of a pattern whose prefix
 * extends `p` (with the same prefix, the suffixes differ).
 */
function expandsToNewKeys(explicit: readonly string[], patterns: readonly Pattern[]): boolean {
  return patterns.every(({ exact }) => {
    if (!exact) return false
    const head = `${exact.prefix}.`
    const clash = (key: string) =>
      key.length >= head.length + exact.suffix.length && key.startsWith(head) && key.endsWith(exact.suffix)
    return (
      !explicit.some(clash) &&
      !patterns.some((q) => q.exact && q.exact.prefix !== exact.prefix && `${q.exact.prefix}.`.startsWith(head))
    )
  })
}

const compiled = new WeakMap<RuleSet, Compiled>()

function compile(ruleSet: RuleSet): Compiled {
  let c = compiled.get(ruleSet)
  if (c) return c
  const initial = new Map<string, Entry>()
  const steps: Compiled['steps'][number][] = []
  const patterns = new Set<string>()
  for (const [key, list] of Object.entries(ruleSet)) {
    const entry = prepare(key, list)
    initial.set(key, entry)
    if (key.includes('*')) {
      patterns.add(key)
      steps.push(compilePattern(key, list))
    } else if (steps.length > 0) steps.push({ key, entry })
  }
  const explicit = [...initial].filter(([key]) => !key.includes('*'))
  const expanding = steps.filter((step): step is Pattern => 'pattern' in step)
  c = {
    initial,
    steps,
    patterns,
    ...(expandsToNewKeys(
      explicit.map(([key]) => key),
      expanding,
    ) && { direct: { runs: runsOf(explicit), patterns: expanding } }),
  }
  compiled.set(ruleSet, c)
  return c
}

/** ValidationRuleParser::explodeRules: explicit keys keep their place; expanded keys are appended. */
function explode(c: Compiled, data: unknown): ReadonlyMap<string, Entry> {
  if (c.steps.length === 0) return c.initial
  const rules = new Map(c.initial)
  for (const step of c.steps) {
    if (!('pattern' in step)) {
      rules.set(step.key, step.entry)
      continue
    }
    const exact = step.exact !== undefined
    for (const key of expansionKeys(step, data)) {
      if (!exact && !key.startsWith(step.pattern) && !step.matcher.test(key)) continue
      const entry = rules.get(key)
      if (entry) rules.set(key, prepare(undefined, [...entry.rules, ...step.list], entry.primary ?? step.pattern))
      else rules.set(key, step.entry)
    }
    rules.delete(step.pattern)
  }
  return rules
}

/** Str::snake (ASCII, as PHP's ctype_lower/ucwords are). */
export function snake(value: string): string {
  if (/^[a-z]+$/.test(value)) return value
  const words = value.replace(/(^|[ \t\r\n\f\v])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase())
  return words
    .replace(/\s+/gu, '')
    .replace(/(.)(?=[A-Z])/gu, '$1_')
    .toLowerCase()
}

/** FormatsMessages::getDisplayableAttribute, with no custom attribute names. */
function displayable(attribute: string, primary: string | undefined, patterns: ReadonlySet<string>): string {
  if (patterns.has(primary ?? attribute)) return attribute
  return snake(attribute).replaceAll('_', ' ')
}

/** Validator::validateRequired */
function filled(v: unknown): boolean {
  if (v === null || v === undefined) return false
  if (typeof v === 'string') return v.trim() !== ''
  if (isPhpArray(v)) return Object.keys(v).length > 0
  return true
}

const IMPLICIT = new Set<LaravelRule>(['required'])
/** Validator::validateBoolean's accepted values (compared strictly). */
const BOOLEANS: readonly unknown[] = [true, false, 0, 1, '0', '1']

function passes(rule: LaravelRule, v: unknown): boolean {
  if (typeof rule === 'object') {
    if ('in' in rule) return !isPhpArray(v) && rule.in.includes(phpString(v))
    if ('exists' in rule) return rule.exists(v)
    return true
  }
  switch (rule) {
    case 'required':
      return filled(v)
    case 'nullable':
      return true
    case 'string':
      return typeof v === 'string'
    case 'numeric':
      return isNumeric(v)
    case 'integer':
      return isInteger(v)
    case 'boolean':
      return BOOLEANS.includes(v) && phpType(v) !== 'float'
    case 'array':
      return isPhpArray(v)
    case 'email':
      return typeof v === 'string' && isEmail(v)
    case 'url':
      return typeof v === 'string' && isUrl(v)
    case 'date':
      return isDate(v)
  }
}

/**
 * Runs the rules over the data; returns each failing key's first message,
 * keys in the order Laravel's MessageBag holds them (the provider shows
 * `$errors->first($key)` per key).
 */
export function validate(input: unknown, ruleSet: RuleSet): Record<string, string> {
  const data = parseData(input)
  const table = compile(ruleSet)
  const messages = new Map<string, string>()
  const direct = table.direct
  if (direct) {
    const array = isPhpArray(data)
    for (const run of direct.runs) {
      if (!run.implicit && !(array && own(data, run.head))) continue
      for (const { attribute, clean, entry } of run.keys)
        check(attribute, clean, entry, lookup(data, entry.segments!), messages, table.patterns)
    }
    // Patterns of one container come one after another (`order_items.*.a`, `order_items.*.b`): it is looked up once.
    let prefix: string | undefined
    let container: unknown
    let keys: string[] = []
    for (const { entry, exact } of direct.patterns) {
      const { suffix, suffixSegments } = exact!
      if (exact!.prefix !== prefix) {
        prefix = exact!.prefix
        container = arrGet(data, prefix)
        keys = isPhpArray(container) ? Object.keys(container) : []
      }
      // `prefix.<key>suffix`, looked up from the container it names.
      for (const key of keys) {
        const found = lookup((container as PhpArray)[key], suffixSegments)
        if (found === ABSENT && !entry.implicit) continue // as check() would, without naming the key
        const attribute = `${prefix}.${key}${suffix}`
        check(attribute, cleanKey(attribute), entry, found, messages, table.patterns)
      }
    }
  } else {
    for (const [attribute, entry] of explode(table, data)) {
      const found = lookup(data, entry.segments ?? attribute.split('.'))
      if (found === ABSENT && !entry.implicit) continue
      check(attribute, cleanKey(attribute), entry, found, messages, table.patterns)
    }
  }
  const errors: Record<string, string> = {}
  for (const [k, m] of messages) put(errors, k, m)
  return errors
}

/** One key's rules, in order, over its value (ABSENT: not in the data); its first failure is kept. */
function check(
  attribute: string,
  /** The attribute with the data's hidden `.` and `*` shown again (cleanKey). */
  clean: string,
  entry: Entry,
  found: unknown,
  messages: Map<string, string>,
  patterns: ReadonlySet<string>,
): void {
  // Validator::isValidatable: an absent key runs only its implicit rules.
  if (found === ABSENT && !entry.implicit) return
  const value = found === ABSENT ? undefined : found
  const blank = typeof value === 'string' && value.trim() === ''
  const isNull = value === null || value === undefined
  for (const rule of entry.rules) {
    if (rule === 'nullable') continue
    const isImplicit = IMPLICIT.has(rule)
    // Validator::isValidatable
    if (
      !isImplicit &&
      (blank ||
        found === ABSENT ||
        (entry.nullable && isNull) ||
        (typeof rule === 'object' && 'exists' in rule && messages.has(clean)))
    )
      continue
    if (typeof rule === 'object' && 'custom' in rule) {
      const message = rule.custom(value, clean)
      if (message && !messages.has(clean)) messages.set(clean, message)
      continue
    }
    if (passes(rule, value)) continue
    const name = typeof rule === 'object' ? ('in' in rule ? 'in' : 'exists') : rule
    if (!messages.has(clean))
      messages.set(
        clean,
        MESSAGES[name as keyof typeof MESSAGES](
          displayable(clean, attribute === clean ? entry.primary : undefined, patterns),
        ),
      )
    if (isImplicit) return // Validator::shouldStopValidating: a failed `required` ends the key
  }
}
