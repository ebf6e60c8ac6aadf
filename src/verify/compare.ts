import type { ProviderName } from './cases/types.js'

/**
 * How the drift check compares an answer of the real provider with the
 * mock's: every rule is here, as data.
 *
 * - status and media type (the Content-Type without parameters) must be equal;
 *   when the status differs the bodies are not compared (they answer different things);
 * - JSON bodies: the key set of every object and the type of every value,
 *   recursively (arrays element by element);
 * - error answers (4xx) and reads of the same records (a snapshot) compare
 *   values too: the error messages must be equal;
 * - values that cannot match (ids, dates, generated numbers, tokens) are
 *   compared by format, per provider, never by value: FORMAT_RULES.
 */

export type Format =
  | 'integer'
  | 'digits'
  | 'iso-datetime'
  | 'date'
  | 'decimal'
  | 'string'
  | 'url'
  | 'object-id'
  /** A JSON object whose keys are the record's own data (extra_field, attributes): keys not compared. */
  | 'object'
  | 'any'

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/

export const FORMATS: Readonly<Record<Format, (v: unknown) => boolean>> = {
  integer: (v) => Number.isInteger(v),
  digits: (v) => (typeof v === 'string' && /^\d+$/.test(v)) || Number.isInteger(v),
  'iso-datetime': (v) => typeof v === 'string' && ISO_DATETIME.test(v),
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
  decimal: (v) => typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v),
  string: (v) => typeof v === 'string',
  url: (v) => typeof v === 'string' && /^https?:\/\/\S+$/.test(v),
  'object-id': (v) => typeof v === 'string' && /^[0-9a-f]{24}$/.test(v),
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  any: () => true,
}

/**
 * Per provider, for successful answers and for error answers (4xx, whose
 * messages are compared by value): a key (matched at any depth) or a path
 * (`results[].pk`, `[].args.orderitem_id`; `[]` is any index) → the format
 * both sides' values must have. null on both sides always matches.
 */
export interface FormatRules {
  success: Readonly<Record<string, Format>>
  error: Readonly<Record<string, Format>>
}

export const FORMAT_RULES: Readonly<Record<ProviderName, FormatRules>> = {
  omnitron: {
    // The bulk error names the item it refers to: a record id.
    error: { orderitem_id: 'digits' },
    success: {
      pk: 'integer',
      id: 'integer',
      order: 'integer',
      product: 'integer',
      customer: 'integer',
      count: 'integer',
      next: 'url',
      previous: 'url',
      number: 'string',
      product_sku: 'string',
      date_placed: 'iso-datetime',
      created_date: 'iso-datetime',
      modified_date: 'iso-datetime',
      invoice_date: 'iso-datetime',
      shipped_date: 'iso-datetime',
      delivered_date: 'iso-datetime',
      estimated_delivery_date: 'date',
      extra_field: 'object',
      attributes: 'object',
      attributes_kwargs: 'object',
      localized_attributes: 'object',
      localized_attributes_kwargs: 'object',
      cancellation_info: 'object',
    },
  },
  hamgam: {
    error: {},
    success: {
      id: 'integer',
      count: 'integer',
      next: 'url',
      previous: 'url',
      key: 'string',
      created_at: 'iso-datetime',
      updated_at: 'iso-datetime',
      extra: 'object',
      product_data: 'object',
    },
  },
  aymakan: {
    error: {},
    success: {
      'data.order_items[].id': 'object-id',
      'data[].order_items[].id': 'object-id',
      order_created_at: 'string',
    },
  },
}

export type DifferenceKind = 'status' | 'content-type' | 'missing-key' | 'extra-key' | 'type' | 'value' | 'format'

/** One difference; `real` and `mock` are short renderings of each side. */
export interface Difference {
  kind: DifferenceKind
  /** `status`, `content-type`, or the JSON path in the body (`$`, `$.results[0].pk`). */
  path: string
  real: string
  mock: string
}

export interface Answer {
  status: number
  /** The media type, lower case, without parameters ('' when none). */
  mediaType: string
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json?: unknown
  text: string
}

export const mediaType = (contentType: string | null) => (contentType ?? '').split(';')[0]!.trim().toLowerCase()

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)

function show(v: unknown): string {
  const s = v === undefined ? '(absent)' : JSON.stringify(v)
  return s.length > 80 ? `${s.slice(0, 77)}...` : s
}

/** The rule for a value at `path` (segments, `[]` for an index), if any: the full path first, then the key. */
function formatAt(rules: Readonly<Record<string, Format>>, segments: readonly string[]): Format | undefined {
  const full = segments.join('').replace(/^\./, '')
  if (Object.hasOwn(rules, full)) return rules[full]
  const last = segments[segments.length - 1]
  if (last === undefined || last === '[]') return undefined
  const key = last.slice(1)
  return Object.hasOwn(rules, key) ? rules[key] : undefined
}

export interface CompareOptions {
  provider: ProviderName
  /** Compare values as well as shapes (error answers; reads of the same records). */
  values: boolean
}

/** Every difference between the real provider's answer and the mock's. */
export function compareAnswers(real: Answer, mock: Answer, options: CompareOptions): Difference[] {
  const out: Difference[] = []
  if (real.status !== mock.status)
    out.push({ kind: 'status', path: 'status', real: String(real.status), mock: String(mock.status) })
  if (real.mediaType !== mock.mediaType)
    out.push({
      kind: 'content-type',
      path: 'content-type',
      real: real.mediaType || '(none)',
      mock: mock.mediaType || '(none)',
    })
  if (out.length > 0) return out
  if (real.json === undefined || mock.json === undefined) return out
  const error = real.status >= 400
  const rules = FORMAT_RULES[options.provider]
  compareValue(real.json, mock.json, ['$'], [], error ? rules.error : rules.success, options.values || error, out)
  return out
}

function compareValue(
  real: unknown,
  mock: unknown,
  path: string[],
  pattern: string[],
  rules: Readonly<Record<string, Format>>,
  values: boolean,
  out: Difference[],
): void {
  const at = path.join('')
  const format = formatAt(rules, pattern)
  if (format !== undefined) {
    if (real === null && mock === null) return
    const check = FORMATS[format]
    if (!check(real) || !check(mock))
      out.push({ kind: 'format', path: `${at} (${format})`, real: show(real), mock: show(mock) })
    return
  }
  const realType = typeOf(real)
  const mockType = typeOf(mock)
  if (realType !== mockType) {
    // Shapes only: a null on one side is a record without that value, not a different contract.
    if (!values && (real === null || mock === null)) return
    out.push({ kind: 'type', path: at, real: `${realType} ${show(real)}`, mock: `${mockType} ${show(mock)}` })
    return
  }
  if (realType === 'array') {
    const r = real as unknown[]
    const m = mock as unknown[]
    if (values && r.length !== m.length)
      out.push({ kind: 'value', path: `${at}.length`, real: String(r.length), mock: String(m.length) })
    for (let i = 0; i < Math.min(r.length, m.length); i++)
      compareValue(r[i], m[i], [...path, `[${i}]`], [...pattern, '[]'], rules, values, out)
    return
  }
  if (realType === 'object') {
    const r = real as Record<string, unknown>
    const m = mock as Record<string, unknown>
    for (const key of Object.keys(m))
      if (!Object.hasOwn(r, key))
        out.push({ kind: 'missing-key', path: `${at}.${key}`, real: '(absent)', mock: show(m[key]) })
    for (const key of Object.keys(r)) {
      if (!Object.hasOwn(m, key)) {
        out.push({ kind: 'extra-key', path: `${at}.${key}`, real: show(r[key]), mock: '(absent)' })
        continue
      }
      compareValue(r[key], m[key], [...path, `.${key}`], [...pattern, `.${key}`], rules, values, out)
    }
    return
  }
  if (values && real !== mock) out.push({ kind: 'value', path: at, real: show(real), mock: show(mock) })
}
