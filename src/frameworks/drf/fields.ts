import { daysInMonth, epochSeconds, type Instant } from '../../core/clock.js'
import type { FieldErrors } from '../../core/rules.js'
import { pythonInt, pythonTypeName } from './python.js'
import { isPlainObject } from './request.js'

/**
 * DRF serializer fields: what each accepts, how it converts, and its exact
 * default messages (rest_framework/fields.py, relations.py).
 */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; errors: string[] | Record<string, string[]> }

export interface Field<T> {
  readonly allowNull: boolean
  toInternal(value: unknown): FieldResult<T>
}

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value })
const fail = <T>(...errors: string[]): FieldResult<T> => ({ ok: false, errors })

export const MSG = {
  null: 'This field may not be null.',
  required: 'This field is required.',
  blank: 'This field may not be blank.',
  boolean: 'Must be a valid boolean.',
  string: 'Not a valid string.',
  maxLength: (n: number) => `Ensure this field has no more than ${n} characters.`,
  datetime:
    'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
  date: 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.',
  pkMissing: (pk: string) => `Invalid pk "${pk}" - object does not exist.`,
  pkType: (type: string) => `Incorrect type. Expected pk value, received ${type}.`,
  dict: (type: string) => `Expected a dictionary of items but got type "${type}".`,
  notDict: (type: string) => `Invalid data. Expected a dictionary, but got ${type}.`,
  integer: 'A valid integer is required.',
  minValue: (n: number) => `Ensure this value is greater than or equal to ${n}.`,
  maxValue: (n: number) => `Ensure this value is less than or equal to ${n}.`,
} as const

const TRUE_VALUES = new Set<unknown>([
  't',
  'T',
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  '1',
  1,
  true,
])
const FALSE_VALUES = new Set<unknown>([
  'f',
  'F',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '0',
  0,
  false,
])

function field<T>(allowNull: boolean, toInternal: (v: unknown) => FieldResult<T>): Field<T> {
  return { allowNull, toInternal }
}

export function booleanField(opts: { allowNull?: boolean } = {}): Field<boolean> {
  return field(opts.allowNull ?? false, (v) =>
    TRUE_VALUES.has(v) ? ok(true) : FALSE_VALUES.has(v) ? ok(false) : fail(MSG.boolean),
  )
}

/** CharField: str, int or float (converted with str()), stripped; bools and containers refused. */
export function charField(opts: { allowNull?: boolean; allowBlank?: boolean; maxLength?: number } = {}): Field<string> {
  return field(opts.allowNull ?? false, (v) => {
    if (typeof v === 'boolean' || (typeof v !== 'string' && typeof v !== 'number')) return fail(MSG.string)
    const value = String(v).trim()
    if (value === '' && !(opts.allowBlank ?? true)) return fail(MSG.blank)
    const errors: string[] = []
    if (opts.maxLength !== undefined && [...value].length > opts.maxLength) errors.push(MSG.maxLength(opts.maxLength))
    return errors.length ? fail(...errors) : ok(value)
  })
}

/** A choice field with the provider's own invalid-choice message (Omnitron: "No matching type."). */
export function choiceField(
  choices: readonly string[] | (() => readonly string[]),
  message: string,
  opts: { allowNull?: boolean } = {},
): Field<string> {
  return field(opts.allowNull ?? false, (v) => {
    if (typeof v !== 'string' && typeof v !== 'number') return fail(message)
    const s = String(v)
    const list = typeof choices === 'function' ? choices() : choices
    return list.includes(s) ? ok(s) : fail(message)
  })
}

const DJANGO_DATETIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/

/**
 * DateTimeField with USE_TZ and UTC: django.utils.dateparse.parse_datetime
 * (a bare date means midnight, as Python 3.11's fromisoformat accepts it;
 * no offset means UTC), rendered back in UTC.
 */
export function dateTimeField(opts: { allowNull?: boolean } = {}): Field<Instant> {
  return field(opts.allowNull ?? false, (v) => {
    if (typeof v !== 'string') return fail(MSG.datetime)
    const m = DJANGO_DATETIME.exec(v)
    if (!m) return fail(MSG.datetime)
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', tz] = m
    const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ]
    if (
      month < 1 ||
      month > 12 ||
      day < 1 ||
      day > daysInMonth(year, month) ||
      hour > 23 ||
      minute > 59 ||
      second > 59
    ) {
      return fail(MSG.datetime)
    }
    let offset = 0
    if (tz && tz !== 'Z') {
      const digits = tz.slice(1).replace(':', '')
      offset = (tz[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0))
    }
    const seconds = epochSeconds(year, month, day, hour, minute, second) - offset * 60
    return ok({ seconds, micros: Number(frac.padEnd(6, '0')) })
  })
}

/** DateField: YYYY-MM-DD (django.utils.dateparse.parse_date), rendered zero-padded. */
export function dateField(opts: { allowNull?: boolean } = {}): Field<string> {
  return field(opts.allowNull ?? false, (v) => {
    if (typeof v !== 'string') return fail(MSG.date)
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v)
    if (!m) return fail(MSG.date)
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return fail(MSG.date)
    return ok(`${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`)
  })
}

/**
 * IntegerField: int(re.sub(r'\.0*\s*$', '', str(data))) — so 5, 5.0 and "5.00"
 * are 5; 5.5, "abc", true and containers are `A valid integer is required.`
 */
export function integerField(opts: { allowNull?: boolean } = {}): Field<number> {
  return field(opts.allowNull ?? false, (v) => {
    if (typeof v === 'number') return Number.isInteger(v) ? ok(v) : fail(MSG.integer)
    if (typeof v !== 'string' || v.length > 1000) return fail(MSG.integer)
    const n = pythonInt(v.replace(/\.0*\s*$/, ''))
    return n === undefined ? fail(MSG.integer) : ok(n)
  })
}

/** PrimaryKeyRelatedField over integer keys. */
export function primaryKeyField(exists: (pk: number) => boolean, opts: { allowNull?: boolean } = {}): Field<number> {
  return field(opts.allowNull ?? false, (v) => {
    if (typeof v === 'boolean' || (typeof v !== 'number' && typeof v !== 'string'))
      return fail(MSG.pkType(pythonTypeName(v)))
    const text = String(v).trim()
    // Django's IntegerField.get_prep_value: int(value); a float is truncated, a non-numeric string is a ValueError.
    const pk = typeof v === 'number' ? Math.trunc(v) : /^[+-]?\d+$/.test(text) ? Number(text) : NaN
    if (!Number.isFinite(pk)) return fail(MSG.pkType(pythonTypeName(v)))
    return exists(pk) ? ok(pk) : fail(MSG.pkMissing(String(v)))
  })
}

/**
 * DictField: an object whose every value passes `child`; errors nest by key,
 * as DRF reports them (`{"attributes": {"color": ["Not a valid string."]}}`).
 */
export function dictField<T>(
  child: (value: unknown) => string | undefined = () => undefined,
  opts: { allowNull?: boolean } = {},
): Field<Record<string, T>> {
  return field(opts.allowNull ?? false, (v) => {
    if (!isPlainObject(v)) return fail(MSG.dict(pythonTypeName(v)))
    const errors: Record<string, string[]> = {}
    for (const [key, value] of Object.entries(v)) {
      const e = child(value)
      if (e) define(errors, key, [e])
    }
    return Object.keys(errors).length ? { ok: false, errors } : ok(v as Record<string, T>)
  })
}

/**
 * Serializer(data=…, partial=True).is_valid(): runs the declared fields
 * present in the payload (unknown and read-only keys are ignored), null
 * checks first, and collects every field's errors in declaration order.
 */
export type ValidatedValues<S> = { [K in keyof S]?: S[K] extends Field<infer T> ? T | null : never }

export function validatePartial<S extends Record<string, Field<unknown>>>(
  spec: S,
  data: Record<string, unknown>,
): { values: ValidatedValues<S>; errors: FieldErrors } {
  // Keys are the spec's field names; the objects have no prototype all the same.
  const values: Record<string, unknown> = Object.create(null)
  const errors: FieldErrors = Object.create(null)
  for (const name in spec) {
    if (!Object.hasOwn(data, name)) continue
    const f = spec[name]!
    const raw = data[name]
    if (raw === null) {
      if (f.allowNull) values[name] = null
      else errors[name] = [MSG.null]
      continue
    }
    const r = f.toInternal(raw)
    if (r.ok) values[name] = r.value
    else errors[name] = r.errors
  }
  // Each key was set from its own field's toInternal (or null where allowed): the mapped type holds.
  return { values: values as ValidatedValues<S>, errors }
}

export function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}
