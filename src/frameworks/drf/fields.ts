import type { Instant } from '../../core/clock.js'
import type { FieldErrors } from '../../core/rules.js'
import { formatDate, parseDate, toUtcInstant } from './dates.js'
import { PY_WS, pyStrip } from './media-types.js'
import { isPyInt, PyBigInt, PyFloat, pythonIntBig, pythonStr, pythonTypeName } from './python.js'
import { parseHtmlDict, QueryDict } from './querydict.js'
import { isPlainObject } from './request.js'
import type { DrfSettings } from './settings.js'

/**
 * DRF serializer fields over the mock's Python values (python.ts): what each
 * accepts, how it converts, the validators DRF always adds, and the exact
 * default messages (rest_framework/fields.py, relations.py, serializers.py).
 */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; errors: string[] | Record<string, string[]> }

/** What a field's behaviour depends on beyond its options: the provider's DRF release line. */
export interface FieldContext {
  readonly version: DrfSettings['version']
}

const DEFAULT_CONTEXT: FieldContext = { version: '3.15' }

/** DRF's `empty` sentinel: the field was not in the input. */
export const EMPTY: unique symbol = Symbol('empty')

export interface Field<T> {
  /** What SimpleMetadata reports of it (OPTIONS `actions`): `type`, then max_length / min_value / max_value / choices. */
  readonly info: Readonly<Record<string, unknown>>
  readonly allowNull: boolean
  readonly allowBlank: boolean
  readonly required: boolean
  /** default_empty_html: what a full (not partial) form gives for a missing key (BooleanField: False). */
  readonly defaultEmptyHtml?: unknown
  /** Field.get_value for HTML input, when the field reads it its own way (DictField: `name.key`). */
  getHtmlValue?(data: QueryDict, name: string): unknown
  /** run_validation of a value that is present (None included). */
  run(value: unknown, ctx: FieldContext): FieldResult<T | null>
  /** run_validation with the default context (a field used outside a serializer). */
  toInternal(value: unknown): FieldResult<T | null>
}

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value })
const fail = <T>(...errors: string[]): FieldResult<T> => ({ ok: false, errors })

export const MSG = {
  null: 'This field may not be null.',
  required: 'This field is required.',
  blank: 'This field may not be blank.',
  boolean: 'Must be a valid boolean.',
  string: 'Not a valid string.',
  nullCharacters: 'Null characters are not allowed.',
  surrogate: (cp: number) => `Surrogate characters are not allowed: U+${cp.toString(16).toUpperCase()}.`,
  maxLength: (n: number) => `Ensure this field has no more than ${n} characters.`,
  datetime:
    'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
  datetimeOverflow: 'Datetime value out of range.',
  date: 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.',
  pkMissing: (pk: string) => `Invalid pk "${pk}" - object does not exist.`,
  pkType: (type: string) => `Incorrect type. Expected pk value, received ${type}.`,
  dict: (type: string) => `Expected a dictionary of items but got type "${type}".`,
  notDict: (type: string) => `Invalid data. Expected a dictionary, but got ${type}.`,
  noData: 'No data provided',
  json: 'Value must be valid JSON.',
  integer: 'A valid integer is required.',
  integerTooLong: 'String value too large.',
  minValue: (n: number | bigint) => `Ensure this value is greater than or equal to ${n}.`,
  maxValue: (n: number | bigint) => `Ensure this value is less than or equal to ${n}.`,
} as const

interface Options {
  allowNull?: boolean
  allowBlank?: boolean
  required?: boolean
}

function field<T>(
  opts: Options,
  toInternal: (v: unknown, ctx: FieldContext) => FieldResult<T | null>,
  info: Record<string, unknown>,
  extra: Partial<Pick<Field<T>, 'getHtmlValue' | 'defaultEmptyHtml'>> & {
    /** Runs before the None check (CharField's blank test, RelatedField's '' → None). */
    before?: (v: unknown) => FieldResult<T | null> | { value: unknown } | undefined
  } = {},
): Field<T> {
  const allowNull = opts.allowNull ?? false
  const run = (value: unknown, ctx: FieldContext): FieldResult<T | null> => {
    if (extra.before) {
      const pre = extra.before(value)
      if (pre && 'ok' in pre) return pre
      if (pre) value = pre.value
    }
    // validate_empty_values
    if (value === null) return allowNull ? ok(null) : fail(MSG.null)
    return toInternal(value, ctx)
  }
  return {
    info,
    allowNull,
    allowBlank: opts.allowBlank ?? false,
    required: opts.required ?? false,
    ...(extra.getHtmlValue && { getHtmlValue: extra.getHtmlValue }),
    ...('defaultEmptyHtml' in extra && { defaultEmptyHtml: extra.defaultEmptyHtml }),
    run,
    toInternal: (value) => run(value, DEFAULT_CONTEXT),
  }
}

/* ------------------------------------------------------------ boolean */

// 3.15+: strings are lower-cased first; 3.14 lists the accepted spellings.
const TRUE_315 = new Set(['t', 'y', 'yes', 'true', 'on', '1'])
const FALSE_315 = new Set(['f', 'n', 'no', 'false', 'off', '0'])
const TRUE_314 = new Set(['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1'])
const FALSE_314 = new Set(['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0'])
const NULL_315 = new Set(['null', ''])
const NULL_314 = new Set(['null', 'Null', 'NULL', ''])

/** BooleanField: the TRUE/FALSE sets (1 and 1.0, 0 and 0.0 are equal in Python's sets); lists and dicts are unhashable. */
export function booleanField(opts: Options = {}): Field<boolean> {
  const allowNull = opts.allowNull ?? false
  return field<boolean>(
    opts,
    (v, ctx) => {
      if (typeof v === 'boolean') return ok(v)
      const n = typeof v === 'number' ? v : v instanceof PyFloat ? v.value : undefined
      if (n === 1) return ok(true)
      if (n === 0) return ok(false)
      if (typeof v === 'string') {
        const modern = ctx.version !== '3.14'
        const s = modern ? v.toLowerCase() : v
        if ((modern ? TRUE_315 : TRUE_314).has(s)) return ok(true)
        if ((modern ? FALSE_315 : FALSE_314).has(s)) return ok(false)
        if (allowNull && (modern ? NULL_315 : NULL_314).has(s)) return ok(null)
      }
      return fail(MSG.boolean)
    },
    { type: 'boolean' },
    { defaultEmptyHtml: allowNull ? null : false },
  )
}

/* --------------------------------------------------------------- char */

const ANY_SURROGATE = /[\ud800-\udfff]/

/** ProhibitNullCharactersValidator, ProhibitSurrogateCharactersValidator (DRF adds both to every CharField). */
function charValidators(value: string, maxLength: number | undefined): string[] {
  const errors: string[] = []
  // Code points never outnumber UTF-16 units: only a long enough string needs counting.
  if (maxLength !== undefined && value.length > maxLength && [...value].length > maxLength)
    errors.push(MSG.maxLength(maxLength))
  if (value.includes('\0')) errors.push(MSG.nullCharacters)
  // A lone surrogate is a surrogate unit first: most strings have none and skip the walk.
  if (!ANY_SURROGATE.test(value)) return errors
  for (const ch of value) {
    const cp = ch.codePointAt(0)!
    if (cp >= 0xd800 && cp <= 0xdfff) {
      errors.push(MSG.surrogate(cp))
      break
    }
  }
  return errors
}

/** CharField: str, int or float through str(), stripped as str.strip() does; bools, containers and files refused. */
export function charField(opts: Options & { maxLength?: number; trimWhitespace?: boolean } = {}): Field<string> {
  const trim = opts.trimWhitespace ?? true
  const allowBlank = opts.allowBlank ?? false
  return field<string>(
    { ...opts, allowBlank },
    (v) => {
      if (typeof v === 'boolean' || !(typeof v === 'string' || isPyInt(v) || v instanceof PyFloat))
        return fail(MSG.string)
      const text = pythonStr(v)
      const value = trim ? pyStrip(text) : text
      const errors = charValidators(value, opts.maxLength)
      return errors.length ? fail(...errors) : ok(value)
    },
    { type: 'string', ...(opts.maxLength !== undefined && { max_length: opts.maxLength }) },
    {
      // CharField.run_validation: '' (or white space only) is blank before anything else runs.
      before: (v) => {
        if (v === null) return undefined
        if (v === '' || (trim && pyStrip(pythonStr(v)) === '')) return allowBlank ? ok('') : fail(MSG.blank)
        return undefined
      },
    },
  )
}

/* ------------------------------------------------------------- choice */

/** A choice field with the provider's own invalid-choice message (Omnitron: "No matching type."): str(value) must be a choice. */
export function choiceField(
  choices: readonly string[] | (() => readonly string[]),
  message: string,
  opts: Options = {},
): Field<string> {
  const list = () => (typeof choices === 'function' ? choices() : choices)
  return field<string>(
    opts,
    (v) => {
      if (v === '' && opts.allowBlank) return ok('')
      const s = pythonStr(v)
      return list().includes(s) ? ok(s) : fail(message)
    },
    {
      type: 'choice',
      get choices() {
        return list().map((value) => ({ value, display_name: value }))
      },
    },
  )
}

/* ------------------------------------------------------ date and time */

/**
 * DateTimeField with USE_TZ and TIME_ZONE UTC: django.utils.dateparse.parse_datetime
 * (fromisoformat first), naive values taken as UTC, aware ones converted to UTC.
 */
export function dateTimeField(opts: Options = {}): Field<Instant> {
  return field<Instant>(
    opts,
    (v) => {
      if (typeof v !== 'string') return fail(MSG.datetime)
      const r = toUtcInstant(v)
      if (r.ok) return ok(r.instant)
      return fail(r.reason === 'overflow' ? MSG.datetimeOverflow : MSG.datetime)
    },
    { type: 'datetime' },
  )
}

/** DateField: parse_date (date.fromisoformat first: `20250126`, `2025-W04-7`), rendered YYYY-MM-DD. */
export function dateField(opts: Options = {}): Field<string> {
  return field<string>(
    opts,
    (v) => {
      if (typeof v !== 'string') return fail(MSG.date)
      const d = parseDate(v)
      return d ? ok(formatDate(d)) : fail(MSG.date)
    },
    { type: 'date' },
  )
}

/* ------------------------------------------------------------ integer */

/** Django's integer columns: the range a ModelSerializer turns into min_value / max_value. */
export const COLUMN_RANGE = {
  integer: { min: -2147483648, max: 2147483647 },
  positiveInteger: { min: 0, max: 2147483647 },
  bigInteger: { min: -9223372036854775808n, max: 9223372036854775807n },
} as const

const pyNumber = (n: number | bigint) => (typeof n === 'bigint' ? new PyBigInt(String(n)) : n)

/** IntegerField.re_decimal, r'\.0*\s*$' (Python's \s). */
const RE_DECIMAL = new RegExp(`\\.0*${PY_WS}*$`)

/**
 * IntegerField: strings over 1000 characters are "String value too large.";
 * then int(re.sub(r'\.0*\s*$', '', str(data))) — 5, 5.0, "5.00", " 5", "5_0"
 * and "٥" are ints; 5.5, 1e20 (str "1e+20"), true and containers are not;
 * then the column's range.
 */
export function integerField(opts: Options & { min?: number | bigint; max?: number | bigint } = {}): Field<number> {
  const { min = COLUMN_RANGE.integer.min, max = COLUMN_RANGE.integer.max } = opts
  return field<number>(
    opts,
    (v) => {
      if (typeof v === 'string' && [...v].length > 1000) return fail(MSG.integerTooLong)
      if (typeof v === 'boolean' || !(typeof v === 'string' || isPyInt(v) || v instanceof PyFloat))
        return fail(MSG.integer)
      const n = pythonIntBig(pythonStr(v).replace(RE_DECIMAL, ''))
      if (n === undefined) return fail(MSG.integer)
      const errors: string[] = []
      if (n > BigInt(max)) errors.push(MSG.maxValue(max))
      if (n < BigInt(min)) errors.push(MSG.minValue(min))
      return errors.length ? fail(...errors) : ok(Number(n))
    },
    { type: 'integer', min_value: pyNumber(min), max_value: pyNumber(max) },
  )
}

/* ------------------------------------------------------------ related */

/**
 * PrimaryKeyRelatedField over integer keys: '' is None; the lookup is
 * Django's int(value) (a float truncated, "1_0" and " 1" are ints); a bool,
 * a container or a non-integer string is "Incorrect type"; a key out of the
 * column's range matches nothing (Django 5).
 */
export function primaryKeyField(exists: (pk: number) => boolean, opts: Options = {}): Field<number> {
  return field<number>(
    opts,
    (v) => {
      // The common case, an int within JavaScript's exact range: no BigInt on the way.
      if (typeof v === 'number' && Number.isSafeInteger(v)) {
        const pk = v === 0 ? 0 : v // int(-0) is 0
        return exists(pk) ? ok(pk) : fail(MSG.pkMissing(pythonStr(v)))
      }
      const type = MSG.pkType(pythonTypeName(v))
      let pk: bigint | undefined
      if (typeof v === 'boolean') return fail(type)
      if (typeof v === 'string') pk = pythonIntBig(v)
      else if (typeof v === 'number') pk = BigInt(Math.trunc(v))
      else if (v instanceof PyBigInt) pk = v.value
      else if (v instanceof PyFloat) {
        // int(inf) is an OverflowError (a 500 in Django): answered as an incorrect type instead.
        if (!Number.isFinite(v.value)) return fail(type)
        pk = BigInt(Math.trunc(v.value))
      }
      if (pk === undefined) return fail(type)
      const safe = pk <= BigInt(Number.MAX_SAFE_INTEGER) && pk >= BigInt(Number.MIN_SAFE_INTEGER)
      return safe && exists(Number(pk)) ? ok(Number(pk)) : fail(MSG.pkMissing(pythonStr(v)))
    },
    { type: 'field' },
    { before: (v) => (v === '' ? { value: null } : undefined) },
  )
}

/* --------------------------------------------------------------- dict */

/** json.dumps(value, allow_nan=False) would raise: an inf or nan somewhere inside. */
function hasNonFinite(v: unknown): boolean {
  if (v instanceof PyFloat) return !Number.isFinite(v.value)
  if (Array.isArray(v)) return v.some(hasNonFinite)
  if (isPlainObject(v)) return Object.values(v).some(hasNonFinite)
  return false
}

/**
 * DictField: an object whose every value passes `child`; errors nest by key,
 * as DRF reports them (`{"attributes": {"color": ["Not a valid string."]}}`).
 * From a form, `name.key=value` entries make the dict. Values must also be
 * what a JSON column can store (inf → "Value must be valid JSON.").
 */
export function dictField<T>(
  child: (value: unknown) => string | undefined = () => undefined,
  opts: Options = {},
): Field<Record<string, T>> {
  return field<Record<string, T>>(
    opts,
    (v) => {
      let data = v
      if (data instanceof QueryDict) {
        const plain: Record<string, unknown> = {}
        for (const key of data.keys()) define(plain, key, data.get(key))
        data = plain
      }
      if (!isPlainObject(data)) return fail(MSG.dict(pythonTypeName(data)))
      const errors: Record<string, string[]> = {}
      for (const [key, value] of Object.entries(data)) {
        const e = child(value)
        if (e) define(errors, key, [e])
      }
      if (Object.keys(errors).length) return { ok: false, errors }
      return hasNonFinite(data) ? fail(MSG.json) : ok(data as Record<string, T>)
    },
    { type: 'nested object' },
    { getHtmlValue: (data, name) => parseHtmlDict(data, name) ?? EMPTY },
  )
}

/* --------------------------------------------------------- serializer */

/** Field.get_value: what a field reads from the data (DRF's `empty` when it is not there). */
function getValue(
  f: Field<unknown>,
  name: string,
  data: Record<string, unknown> | QueryDict,
  partial: boolean,
): unknown {
  if (!(data instanceof QueryDict)) return Object.hasOwn(data, name) ? data[name] : EMPTY
  if (f.getHtmlValue) return f.getHtmlValue(data, name)
  if (!data.has(name)) return partial ? EMPTY : 'defaultEmptyHtml' in f ? f.defaultEmptyHtml : EMPTY
  const ret = data.get(name)
  // HTML forms cannot send null: '' stands for it where the field allows it.
  if (ret === '' && f.allowNull) return f.allowBlank ? '' : null
  if (ret === '' && !f.required) return f.allowBlank ? '' : EMPTY
  return ret
}

export type Values<S extends Record<string, Field<unknown>>> = {
  [K in keyof S]?: S[K] extends Field<infer T> ? T | null : never
}

/**
 * Serializer(data=…, partial=…).is_valid(): every declared field in
 * declaration order, each reading its value as DRF's get_value does (JSON
 * object or form data), a missing field skipped when partial and "This field
 * is required." when not; all errors in one pass. Unknown and read-only keys
 * are ignored.
 */
export function validate<S extends Record<string, Field<unknown>>>(
  spec: S,
  data: Record<string, unknown> | QueryDict,
  options: { partial: boolean; ctx?: FieldContext },
): { values: Values<S>; errors: FieldErrors } {
  // Keys are the spec's field names (code, never request data), so plain objects are safe, and
  // V8 keeps their few fields fast where a prototype-less object is a hash table (a bulk validates 100).
  const values: Record<string, unknown> = {}
  const errors: FieldErrors = {}
  const ctx = options.ctx ?? DEFAULT_CONTEXT
  for (const name in spec) {
    const f = spec[name]!
    const raw = getValue(f, name, data, options.partial)
    if (raw === EMPTY) {
      if (!options.partial && f.required) errors[name] = [MSG.required]
      continue
    }
    const r = f.run(raw, ctx)
    if (r.ok) values[name] = r.value
    else errors[name] = r.errors as string[]
  }
  return { values: values as Values<S>, errors }
}

const PARTIAL = { partial: true } as const

/** A partial update's validation (PATCH). */
export function validatePartial<S extends Record<string, Field<unknown>>>(
  spec: S,
  data: Record<string, unknown> | QueryDict,
  ctx?: FieldContext,
): { values: Values<S>; errors: FieldErrors } {
  // No options object spread per call: a bulk validates a hundred entries.
  return validate(spec, data, ctx ? { partial: true, ctx } : PARTIAL)
}

/**
 * Serializer.is_valid()'s check of the data itself: a JSON `null` body is
 * `No data provided`, anything but a mapping `Invalid data. Expected a dictionary, but got list.`
 */
export function notAMapping(data: unknown): FieldErrors | undefined {
  if (data === null) return { non_field_errors: [MSG.noData] }
  if (data instanceof QueryDict || isPlainObject(data)) return undefined
  return { non_field_errors: [MSG.notDict(pythonTypeName(data))] }
}

export function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}
