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

export type RuleSet = Record<string, readonly LaravelRule[]>

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

/** Validator::parseData: a copy whose keys hide `.` and `*`. */
function parseData(data: unknown): unknown {
  if (!isPhpArray(data)) return data
  const out: PhpArray = Array.isArray(data) ? ([] as unknown as PhpArray) : {}
  for (const [k, v] of Object.entries(data)) put(out, k.replaceAll('.', DOT).replaceAll('*', ASTERISK), parseData(v))
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

/** Arr::get and Arr::has of one key in a single walk (what the validator asks of every attribute). */
function lookup(data: unknown, key: string): { value: unknown; present: boolean } {
  if (!isPhpArray(data)) return { value: undefined, present: false }
  if (own(data, key)) return { value: data[key], present: true }
  let cur: unknown = data
  for (const segment of key.split('.')) {
    if (!isPhpArray(cur) || !own(cur, segment)) return { value: undefined, present: false }
    cur = cur[segment]
  }
  return { value: cur, present: Object.keys(data).length > 0 }
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

/**
 * The keys a wildcard pattern expands to. One `*` before the end (`a.*.b`):
 * data_set gives every element of `a` the path `b`, so the keys are exactly
 * `a.<key>.b` for the keys of `a` (none when it is not an array) — computed
 * directly, as the general path below would, in time linear in the data.
 */
function expansionKeys(pattern: string, data: unknown): { keys: string[]; exact: boolean } {
  const star = pattern.indexOf('*')
  if (
    pattern.indexOf('*', star + 1) !== -1 ||
    pattern.endsWith('*') ||
    pattern[star - 1] !== '.' ||
    pattern[star + 1] !== '.'
  )
    return { keys: gatherKeys(pattern, data), exact: false }
  const prefix = pattern.slice(0, star - 1)
  const suffix = pattern.slice(star + 1)
  const container = arrGet(data, prefix)
  return {
    keys: isPhpArray(container) ? Object.keys(container).map((k) => `${prefix}.${k}${suffix}`) : [],
    exact: true,
  }
}

/** ValidationData::initializeAndGatherData, keys only (in order). */
function gatherKeys(attribute: string, data: unknown): string[] {
  const explicit = attribute.split('*')[0]!.replace(/\.+$/, '') || null
  let extracted: unknown = {}
  const value = arrGet(data, explicit)
  if (explicit === null) extracted = copy(data)
  else if (value !== undefined || arrHas(data, explicit)) arrSet(extracted as PhpArray, explicit, copy(value))
  if (attribute.includes('*') && !attribute.endsWith('*')) extracted = dataSetNull(extracted, attribute.split('.'))
  const keys = arrDot(extracted).map(([k]) => k)
  const wildcard = new RegExp(`^${quote(attribute).replaceAll('\\*', '[^\\.]+')}`)
  const extra = keys.map((k) => wildcard.exec(k)?.[0]).filter((k): k is string => k !== undefined)
  return [...new Set([...keys, ...extra])]
}

interface Entry {
  rules: readonly LaravelRule[]
  /** The wildcard pattern that first expanded to this key (Validator::getPrimaryAttribute). */
  primary?: string
}

interface Exploded {
  rules: Map<string, Entry>
  /** The patterns of Validator::$implicitAttributes. */
  patterns: Set<string>
}

/** ValidationRuleParser::explodeRules: explicit keys keep their place; expanded keys are appended. */
function explode(ruleSet: RuleSet, data: unknown): Exploded {
  const rules = new Map<string, Entry>(Object.entries(ruleSet).map(([k, v]) => [k, { rules: v }]))
  const patterns = new Set<string>()
  for (const [pattern, list] of Object.entries(ruleSet)) {
    if (!pattern.includes('*')) {
      rules.set(pattern, { rules: list })
      continue
    }
    patterns.add(pattern)
    const matcher = new RegExp(`^${quote(pattern).replaceAll('\\*', '[^\\.]*')}$`)
    const { keys, exact } = expansionKeys(pattern, data)
    for (const key of keys) {
      if (!exact && !key.startsWith(pattern) && !matcher.test(key)) continue
      const entry = rules.get(key)
      if (entry) rules.set(key, { rules: [...entry.rules, ...list], primary: entry.primary ?? pattern })
      else rules.set(key, { rules: list, primary: pattern })
    }
    rules.delete(pattern)
  }
  return { rules, patterns }
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
function displayable(attribute: string, primary: string | undefined, patterns: Set<string>): string {
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
      return ([true, false, 0, 1, '0', '1'] as unknown[]).includes(v) && phpType(v) !== 'float'
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
  const exploded = explode(ruleSet, data)
  const messages = new Map<string, string>()
  for (const [attribute, { rules: list, primary }] of exploded.rules) {
    const clean = cleanKey(attribute)
    const { value, present } = lookup(data, attribute)
    const nullable = list.includes('nullable')
    for (const rule of list) {
      if (rule === 'nullable') continue
      const isImplicit = IMPLICIT.has(rule)
      // Validator::isValidatable
      const validatable =
        (typeof value === 'string' && value.trim() === '' ? isImplicit : present || isImplicit) &&
        (isImplicit || !nullable || (value !== null && value !== undefined)) &&
        !(typeof rule === 'object' && 'exists' in rule && messages.has(clean))
      if (!validatable) continue
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
            displayable(clean, attribute === clean ? primary : undefined, exploded.patterns),
          ),
        )
      if (isImplicit) break // Validator::shouldStopValidating: a failed `required` ends the key
    }
  }
  const errors: Record<string, string> = {}
  for (const [k, m] of messages) put(errors, k, m)
  return errors
}
