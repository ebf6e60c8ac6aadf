/**
 * A Laravel validator (Illuminate\Validation) for the rules the Laravel-based
 * providers use, with Laravel 10+'s default English messages and its
 * attribute naming ("shipping_address.city" → "shipping address.city").
 * Keys may hold `*` wildcards, expanded against the data as Laravel does.
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
  | { custom: (value: unknown, key: string) => string | undefined }

export type RuleSet = Record<string, readonly LaravelRule[]>

/** Laravel's default attribute name: underscores become spaces; dots stay. */
export function attributeName(key: string): string {
  return key.replace(/_/g, ' ')
}

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
} as const

const isArrayLike = (v: unknown) => typeof v === 'object' && v !== null

/** data_get(): a dotted path into arrays and objects. */
export function dataGet(data: unknown, key: string): unknown {
  let cur: unknown = data
  for (const part of key.split('.')) {
    if (!isArrayLike(cur) || !Object.hasOwn(cur as object, part)) return undefined
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur
}

/** Expands `a.*.b` into `a.0.b`, `a.1.b`, … for the elements present. */
export function expandKey(data: unknown, key: string): string[] {
  const star = key.indexOf('*')
  if (star === -1) return [key]
  const prefix = key.slice(0, star - 1)
  const rest = key.slice(star + 1)
  const container = prefix === '' ? data : dataGet(data, prefix)
  if (!isArrayLike(container)) return []
  return Object.keys(container as object).flatMap((k) => expandKey(data, `${prefix}.${k}${rest}`))
}

/** Laravel's validateRequired: null, a blank string and an empty array fail. */
function present(v: unknown): boolean {
  if (v === undefined || v === null) return false
  if (typeof v === 'string') return v.trim() !== ''
  if (Array.isArray(v)) return v.length > 0
  if (typeof v === 'object') return Object.keys(v as object).length > 0
  return true
}

const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/
const EMAIL = /^[^\s@"(),:;<>[\]\\]+@[^\s@"(),:;<>[\]\\]+\.[^\s@"(),:;<>[\]\\]+$/

function check(rule: Exclude<LaravelRule, 'required' | 'nullable'>, v: unknown, key: string): string | undefined {
  const a = attributeName(key)
  if (typeof rule === 'object') {
    if ('in' in rule)
      return (typeof v === 'string' || typeof v === 'number') && rule.in.includes(String(v))
        ? undefined
        : MESSAGES.in(a)
    return rule.custom(v, key)
  }
  switch (rule) {
    case 'string':
      return typeof v === 'string' ? undefined : MESSAGES.string(a)
    case 'numeric':
      return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && NUMERIC.test(v))
        ? undefined
        : MESSAGES.numeric(a)
    case 'integer':
      return (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v))
        ? undefined
        : MESSAGES.integer(a)
    case 'boolean':
      return ([true, false, 0, 1, '0', '1'] as unknown[]).includes(v) ? undefined : MESSAGES.boolean(a)
    case 'array':
      return isArrayLike(v) ? undefined : MESSAGES.array(a)
    case 'email':
      return typeof v === 'string' && EMAIL.test(v) ? undefined : MESSAGES.email(a)
    case 'url':
      return typeof v === 'string' && /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(v) ? undefined : MESSAGES.url(a)
    case 'date':
      return (typeof v === 'string' || typeof v === 'number') && !Number.isNaN(Date.parse(String(v)))
        ? undefined
        : MESSAGES.date(a)
  }
}

/**
 * Validates every rule; returns the FIRST failure of each failing key, keys
 * in rule order (what `$validator->errors()->first($key)` gives per key).
 */
export function validate(data: unknown, rules: RuleSet): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const [pattern, list] of Object.entries(rules)) {
    for (const key of expandKey(data, pattern)) {
      const value = dataGet(data, key)
      if (list.includes('required') && !present(value)) {
        errors[key] = MESSAGES.required(attributeName(key))
        continue
      }
      // A missing optional field, or null on a nullable one, skips its other rules.
      if (value === undefined || (value === null && list.includes('nullable'))) continue
      for (const rule of list) {
        if (rule === 'required' || rule === 'nullable') continue
        const message = check(rule, value, key)
        if (message) {
          errors[key] = message
          break
        }
      }
    }
  }
  return errors
}
