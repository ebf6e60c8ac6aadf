import { JSON_NUMBER } from '../../core/json-data.js'
/**
 * PHP's value model, as far as Laravel's input shows it. A PHP array is a JS
 * array or a plain object (json_decode(..., true) makes both arrays); strings,
 * booleans and null are themselves; a JSON number is a JS number when that
 * alone says its PHP type (a safe integer is an int, anything else a float),
 * and a {@link PhpNumber} when it does not: an integral float (`1.0`, `1e2`)
 * or an int past 2^53 — PHP rules tell those apart (`boolean` refuses 1.0,
 * `integer` takes 9223372036854775807 and refuses one more).
 */
export class PhpNumber {
  static {
    // A JSON number, for the check of stored values (core/json-data.ts): toJSON renders it.
    Object.defineProperty(PhpNumber.prototype, JSON_NUMBER, { value: true })
  }
  constructor(
    readonly kind: 'int' | 'float',
    readonly value: number,
    /** The exact value of an int. */
    readonly int?: bigint,
  ) {}
  valueOf(): number {
    return this.value
  }
  toString(): string {
    return this.kind === 'int' ? String(this.int) : phpFloatString(this.value)
  }
  toJSON(): number {
    return this.value
  }
}

export type PhpType = 'null' | 'bool' | 'int' | 'float' | 'string' | 'array' | 'other'

export function phpType(v: unknown): PhpType {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'boolean') return 'bool'
  if (typeof v === 'string') return 'string'
  if (typeof v === 'number') return Number.isSafeInteger(v) ? 'int' : 'float'
  if (v instanceof PhpNumber) return v.kind
  if (typeof v === 'object') return 'array'
  return 'other'
}

/** is_array(): a JS array or a plain object, never a wrapped number. */
export function isPhpArray(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !(v instanceof PhpNumber)
}

/** The number a PHP int or float holds. */
export const numberOf = (v: unknown): number => (v instanceof PhpNumber ? v.value : (v as number))

/**
 * `(string) $float` in PHP 8: `%.14G` (the `precision` setting), with `.0`
 * added to a bare exponent mantissa (`1.0E+15`), e.g. 0.1 + 0.2 → `0.3`.
 */
export function phpFloatString(x: number): string {
  if (Number.isNaN(x)) return 'NAN'
  if (!Number.isFinite(x)) return x > 0 ? 'INF' : '-INF'
  if (x === 0) return Object.is(x, -0) ? '-0' : '0'
  const [mantissa, exp] = x.toExponential(13).split('e') as [string, string]
  const e = Number(exp)
  const strip = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s)
  if (e < -4 || e >= 14) {
    const m = strip(mantissa)
    return `${m.includes('.') ? m : `${m}.0`}E${e < 0 ? '-' : '+'}${Math.abs(e)}`
  }
  return strip(x.toFixed(Math.max(0, 13 - e)))
}

/** `(string) $value` for the scalars a rule may cast. */
export function phpString(v: unknown): string {
  switch (phpType(v)) {
    case 'null':
      return ''
    case 'bool':
      return v ? '1' : ''
    case 'float':
      return v instanceof PhpNumber ? v.toString() : phpFloatString(v as number)
    default:
      return String(v)
  }
}
