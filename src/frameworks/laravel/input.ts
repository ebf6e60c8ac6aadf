import type { Context } from 'hono'
import { readBody } from '../../core/body.js'
import type { MockEnv } from '../../core/context.js'
import { isPhpArray } from './php.js'
import { phpJsonDecode } from './php-json.js'
import { parsePhpQuery } from './php-query.js'

export type Input = Record<string, unknown>

/**
 * Str::trim's class (Laravel 11): PCRE's Unicode `\s`, " \n\r\t\v\0" and
 * Str::INVISIBLE_CHARACTERS — the code points it strips, listed by running
 * Laravel's own regex over every code point with PHP 8.2's PCRE2.
 */
const TRIMMED =
  '\\u0000\\u0009-\\u000d\\u0020\\u0085\\u00a0\\u00ad\\u034f\\u061c\\u115f\\u1160\\u1680\\u17b4\\u17b5\\u180e' +
  '\\u2000-\\u200f\\u2028\\u2029\\u202f\\u205f\\u2060-\\u2065\\u206a-\\u206f\\u2800\\u3000\\u3164\\ufeff\\uffa0' +
  '\\u{1d159}\\u{1d173}-\\u{1d17a}\\u{e0020}'
const TRIM = new RegExp(`^[${TRIMMED}]+|[${TRIMMED}]+$`, 'gu')

/** Str::trim($value) */
export const strTrim = (s: string) => s.replace(TRIM, '')

/** TrimStrings' default `$except`: top-level keys it leaves as sent. */
const NEVER_TRIM = new Set(['current_password', 'password', 'password_confirmation'])

/** `Content-Type` contains `/json` or `+json` — Request::isJson(), case-sensitive as Str::contains is. */
export const isJson = (c: Context) => /\/json|\+json/.test(c.req.header('content-type') ?? '')

/**
 * `$request->all()` after the global middleware: the body (JSON when
 * isJson(), a form body on POST/PUT/PATCH/DELETE) with the query string for
 * the keys the body lacks, then TrimStrings and ConvertEmptyStringsToNull.
 * A JSON body that json_decode refuses is an empty array; a JSON scalar is
 * `[0 => scalar]` (PHP's `(array)` cast).
 */
export async function readInput(
  c: Context<MockEnv>,
): Promise<{ ok: true; input: Input } | { ok: false; response: Response }> {
  const body = await readBody(c)
  if (!body.ok) return body
  const url = c.req.url
  const q = url.indexOf('?')
  const query = q === -1 ? {} : parsePhpQuery(url.slice(q + 1).replace(/#.*$/, ''))
  let source: Input = {}
  const method = c.req.method.toUpperCase()
  const type = c.req.header('content-type') ?? ''
  if (isJson(c)) {
    const decoded = body.bytes.length === 0 ? { value: [] } : phpJsonDecode(body.bytes)
    const v = decoded?.value
    source = isPhpArray(v) ? (v as Input) : v === undefined || v === null ? {} : { 0: v }
  } else if (method === 'GET' || method === 'HEAD') {
    source = query
  } else if (
    // PHP fills $_POST for a POST form (content type compared in lower case); Symfony
    // parses PUT/PATCH/DELETE form bodies itself, for a type that starts exactly so.
    (method === 'POST' && /^application\/x-www-form-urlencoded(?:[;, ]|$)/i.test(type)) ||
    (['PUT', 'PATCH', 'DELETE'].includes(method) && type.startsWith('application/x-www-form-urlencoded'))
  ) {
    source = parsePhpQuery(new TextDecoder().decode(body.bytes))
  }
  const input: Input = Array.isArray(source) ? { ...source } : source
  for (const [k, v] of Object.entries(query)) if (!Object.hasOwn(input, k)) define(input, k, v)
  return { ok: true, input: clean(input, '') as Input }
}

/** TrimStrings then ConvertEmptyStringsToNull, at every depth; keys defined, never assigned. */
function clean(v: unknown, key: string): unknown {
  if (typeof v === 'string') {
    const t = NEVER_TRIM.has(key) ? v : strTrim(v)
    return t === '' ? null : t
  }
  if (!isPhpArray(v)) return v
  const out: Record<string, unknown> = Array.isArray(v) ? ([] as unknown as Record<string, unknown>) : {}
  for (const [k, x] of Object.entries(v)) define(out, k, clean(x, key === '' ? k : `${key}.${k}`))
  return out
}

function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}
