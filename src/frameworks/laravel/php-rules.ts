import { isPhpArray, phpType } from './php.js'

/** PHP's own checks behind Laravel's rules (numeric, integer, date, email, url). */

const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/

/** is_numeric() */
export function isNumeric(v: unknown): boolean {
  const t = phpType(v)
  return t === 'int' || t === 'float' || (typeof v === 'string' && NUMERIC.test(v))
}

/** filter_var($v, FILTER_VALIDATE_INT) !== false */
export function isInteger(v: unknown): boolean {
  if (isPhpArray(v)) return false
  return (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v))
}

export function isDate(v: unknown): boolean {
  return (typeof v === 'string' || typeof v === 'number') && !Number.isNaN(Date.parse(String(v)))
}

const EMAIL = /^[^\s@"(),:;<>[\]\\]+@[^\s@"(),:;<>[\]\\]+\.[^\s@"(),:;<>[\]\\]+$/
export const isEmail = (v: string) => EMAIL.test(v)
export const isUrl = (v: string) => /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(v)
