/**
 * Python values, as a DRF view sees them: json.loads gives int (exact at any
 * size), float, str, bool, None, list and dict; form data gives str and
 * uploaded files. In the mock a Python int is a JS number when it is a safe
 * integer and a PyBigInt beyond; every float is a PyFloat (so 1.0 stays a
 * float); str, bool, None, list and dict are themselves. Every DRF field
 * reads its input through the functions here, so str(), type names and
 * int() behave as CPython's do.
 */
import { JSON_NUMBER } from '../../core/json-data.js'
import { UploadedFile } from './multipart.js'
import { QueryDict } from './querydict.js'

/**
 * While DRF's renderer runs JSON.stringify, Python numbers become marked
 * strings holding json.dumps's text, which it then unquotes (see
 * renderDrfJson). Outside it, toJSON gives plain JSON numbers (the mock's
 * own JSON, e.g. the admin state).
 */
let jsonHook: ((text: string) => string) | undefined

export function withPythonNumbers<T>(hook: (text: string) => string, run: () => T): T {
  jsonHook = hook
  try {
    return run()
  } finally {
    jsonHook = undefined
  }
}

/** A Python float. */
export class PyFloat {
  static {
    // A JSON number, for the check of stored values (core/json-data.ts): toJSON renders it.
    Object.defineProperty(PyFloat.prototype, JSON_NUMBER, { value: true })
  }
  constructor(readonly value: number) {}
  toJSON(): number | string | null {
    // json.dumps writes repr(); DRF's STRICT_JSON never gets inf/nan this far (fields refuse them).
    if (jsonHook) return Number.isFinite(this.value) ? jsonHook(floatRepr(this.value)) : null
    return Number.isFinite(this.value) ? this.value : null
  }
}

/** A Python int beyond JavaScript's safe integers: its exact decimal digits. */
export class PyBigInt {
  static {
    // A JSON number, for the check of stored values (core/json-data.ts): toJSON renders it.
    Object.defineProperty(PyBigInt.prototype, JSON_NUMBER, { value: true })
  }
  constructor(readonly digits: string) {}
  get value(): bigint {
    return BigInt(this.digits)
  }
  toJSON(): number | string {
    return jsonHook ? jsonHook(this.digits) : Number(this.digits)
  }
}

/** An int as the mock holds it: a number when safe, else a PyBigInt. */
export function pyIntFrom(n: bigint): number | PyBigInt {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(n)
    : new PyBigInt(n.toString())
}

export const isPyInt = (v: unknown): v is number | PyBigInt =>
  (typeof v === 'number' && Number.isInteger(v)) || v instanceof PyBigInt

/** Python's int max str digits limit (3.11+). */
const INT_MAX_STR_DIGITS = 4300

// str.isspace(), as int() strips it.
const PY_SPACE = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]'
const INT_RE = new RegExp(`^${PY_SPACE}*([+-]?)(\\p{Nd}+(?:_\\p{Nd}+)*)${PY_SPACE}*$`, 'u')

/** int(text) for a str: white space, a sign, any Unicode decimal digits with single underscores; undefined on ValueError. */
export function pythonIntBig(text: string): bigint | undefined {
  const m = INT_RE.exec(text)
  if (!m) return undefined
  let digits = ''
  for (const ch of m[2]!) {
    if (ch === '_') continue
    digits += ch >= '0' && ch <= '9' ? ch : String(decimalValue(ch))
  }
  if (digits.length > INT_MAX_STR_DIGITS) return undefined
  const n = BigInt(digits)
  return m[1] === '-' ? -n : n
}

/**
 * int(text) when text is plain ASCII digits short enough to be a safe integer
 * (a pk in a URL): exactly what Number reads, without the regex and BigInt of
 * the general case; undefined for anything else.
 */
export function plainDigits(text: string): number | undefined {
  return text.length > 0 && text.length <= 15 && ASCII_DIGITS.test(text) ? Number(text) : undefined
}
const ASCII_DIGITS = /^[0-9]+$/

/** int(text) as a safe JavaScript integer; undefined on ValueError or past the safe range. */
export function pythonInt(text: string): number | undefined {
  const plain = plainDigits(text)
  if (plain !== undefined) return plain
  const n = pythonIntBig(text)
  return n === undefined || n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)
    ? undefined
    : Number(n)
}

/** The value of a Unicode decimal digit: Nd characters come in whole runs of ten, each starting at a zero. */
function decimalValue(ch: string): number {
  const cp = ch.codePointAt(0)!
  let start = cp
  while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--
  return (cp - start) % 10
}

/** type(value).__name__ */
export function pythonTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType'
  if (Array.isArray(v)) return 'list'
  if (v instanceof PyFloat) return 'float'
  if (v instanceof PyBigInt) return 'int'
  if (v instanceof QueryDict) return 'QueryDict'
  if (v instanceof UploadedFile) return 'InMemoryUploadedFile'
  switch (typeof v) {
    case 'string':
      return 'str'
    case 'boolean':
      return 'bool'
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float'
    default:
      return 'dict'
  }
}

/** repr(float) / str(float): the shortest round-trip digits, exponent below 1e-4 and from 1e16. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan'
  if (x === Number.POSITIVE_INFINITY) return 'inf'
  if (x === Number.NEGATIVE_INFINITY) return '-inf'
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  const [mantissa, expText] = x.toExponential().split('e') as [string, string]
  const exp = Number(expText)
  const sign = mantissa.startsWith('-') ? '-' : ''
  const digits = mantissa.replace('-', '').replace('.', '')
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0')
  const frac = digits.slice(exp + 1)
  return `${sign}${intPart}.${frac || '0'}`
}

/** str(value). */
export function pythonStr(v: unknown): string {
  if (v === null || v === undefined) return 'None'
  if (typeof v === 'boolean') return v ? 'True' : 'False'
  if (typeof v === 'string') return v
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : floatRepr(v)
  if (v instanceof PyFloat) return floatRepr(v.value)
  if (v instanceof PyBigInt) return v.digits
  if (v instanceof UploadedFile) return v.name
  return pythonRepr(v)
}

/** repr(value) of a JSON-born value (str() of a list or dict shows its items' repr). */
export function pythonRepr(v: unknown): string {
  if (typeof v === 'string') return stringRepr(v)
  if (Array.isArray(v)) return `[${v.map(pythonRepr).join(', ')}]`
  if (typeof v === 'object' && v !== null && !(v instanceof PyFloat) && !(v instanceof PyBigInt)) {
    if (v instanceof QueryDict) return '<QueryDict>'
    if (v instanceof UploadedFile) return `<InMemoryUploadedFile: ${v.name} (${v.contentType})>`
    return `{${Object.entries(v)
      .map(([k, x]) => `${stringRepr(k)}: ${pythonRepr(x)}`)
      .join(', ')}}`
  }
  return pythonStr(v)
}

/** repr(str): single quotes unless the text has a ' and no ". */
function stringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'"
  let out = quote
  for (const ch of s) {
    const cp = ch.codePointAt(0)!
    if (ch === quote || ch === '\\') out += `\\${ch}`
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`
    else if (cp >= 0xd800 && cp <= 0xdfff) out += `\\u${cp.toString(16)}`
    else out += ch
  }
  return out + quote
}
