import type { Context } from 'hono'
import { readBody } from '../../core/body.js'
import type { MockEnv } from '../../core/context.js'
import { isPhpArray } from './php.js'
import { phpJsonDecode } from './php-json.js'
import { parsePhpMultipart, parsePhpQuery } from './php-query.js'

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

/** A code unit Str::trim never strips (printable ASCII). */
const kept = (code: number) => code > 0x20 && code < 0x7f

/** Str::trim($value) (a string that starts and ends with printable ASCII has nothing to strip). */
export const strTrim = (s: string) =>
  s.length > 0 && kept(s.charCodeAt(0)) && kept(s.charCodeAt(s.length - 1)) ? s : s.replace(TRIM, '')

/** TrimStrings' default `$except`: top-level keys it leaves as sent. */
const NEVER_TRIM = new Set(['current_password', 'password', 'password_confirmation'])

/** `Content-Type` contains `/json` or `+json` — Request::isJson(), case-sensitive as Str::contains is. */
export const isJson = (c: Context) => /\/json|\+json/.test(c.req.header('content-type') ?? '')

interface Bags {
  /** `$request->query`: the query string as PHP parses it. */
  query: Input
  /** `$request->request`: the JSON body when isJson() (Request::createFromBase), else a form body. */
  request: Input
}

const bags = new WeakMap<Request, Bags>()

/**
 * The request's parameter bags as PHP, Symfony and Laravel fill them, before
 * any middleware: a JSON body that json_decode refuses is an empty array, a
 * JSON scalar is `[0 => scalar]` (PHP's `(array)` cast); PHP fills $_POST for
 * a POST form, urlencoded or multipart (content type compared in lower case;
 * PHP 8.2 does not parse multipart PUT bodies), Symfony parses a
 * PUT/PATCH/DELETE form itself when the type starts exactly so.
 */
function requestBags(c: Context<MockEnv>): Bags {
  const cached = bags.get(c.req.raw)
  if (cached) return cached
  const url = c.req.url
  const q = url.indexOf('?')
  const query = q === -1 ? {} : parsePhpQuery(url.slice(q + 1).replace(/#.*$/s, ''))
  const bytes = c.get('mock').body
  const method = c.req.method.toUpperCase()
  const type = c.req.header('content-type') ?? ''
  let request: Input = {}
  if (isJson(c)) {
    const decoded = bytes.length === 0 ? { value: [] } : phpJsonDecode(bytes)
    const v = decoded?.value
    request = isPhpArray(v)
      ? Array.isArray(v)
        ? { ...v }
        : (v as Input)
      : v === undefined || v === null
        ? {}
        : { 0: v }
  } else if (
    (method === 'POST' && /^application\/x-www-form-urlencoded(?:[;, ]|$)/i.test(type)) ||
    (['PUT', 'PATCH', 'DELETE'].includes(method) && type.startsWith('application/x-www-form-urlencoded'))
  ) {
    request = parsePhpQuery(new TextDecoder().decode(bytes))
  } else if (method === 'POST' && /^multipart\/form-data(?:[;, ]|$)/i.test(type)) {
    request = parsePhpMultipart(bytes, type)
  }
  const result = { query, request }
  bags.set(c.req.raw, result)
  return result
}

/**
 * Symfony's Request::getMethod() with Laravel's method override on: a POST
 * may say another method in `X-HTTP-Method-Override`, else in a `_method`
 * field of the body or the query (upper-cased). An override that is not
 * letters only is a SuspiciousOperationException, and a `_method` that is
 * not a scalar a BadRequestException: both 400 "Bad request.".
 */
export function requestMethod(c: Context<MockEnv>): { method: string } | { badRequest: true } {
  const real = c.req.method.toUpperCase()
  if (real !== 'POST') return { method: real }
  let override: unknown = c.req.header('x-http-method-override')
  if (!override) {
    const { query, request } = requestBags(c)
    const field = (bag: Input) => (Object.hasOwn(bag, '_method') ? bag._method : undefined)
    override = field(request) ?? field(query)
    if (isPhpArray(override)) return { badRequest: true }
  }
  if (typeof override !== 'string') return { method: real }
  const method = override.toUpperCase()
  const known = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'PATCH', 'PURGE', 'TRACE']
  if (known.includes(method)) return { method }
  return /^[A-Z]+$/.test(method) ? { method } : { badRequest: true }
}

/**
 * `$request->all()` after the global middleware: the input source (the JSON
 * body when isJson(), the query on GET/HEAD, else the form body) with the
 * query string for the keys it lacks, then TrimStrings and
 * ConvertEmptyStringsToNull.
 */
export async function readInput(
  c: Context<MockEnv>,
): Promise<{ ok: true; input: Input } | { ok: false; response: Response }> {
  const body = await readBody(c)
  if (!body.ok) return body
  const { query, request } = requestBags(c)
  const method = c.req.method.toUpperCase()
  const source = isJson(c) || (method !== 'GET' && method !== 'HEAD') ? request : query
  // The merged array and its cleaned copy at once: the query's values fill only the keys the source lacks.
  // Cleaned as it is when nothing changes (the bags are read, never written, after they are filled).
  const cleaned = clean(source, true, false) as Input
  let input = cleaned
  for (const k in query) {
    if (!Object.hasOwn(query, k) || Object.hasOwn(source, k)) continue
    if (input === source) input = copyOf(source)
    define(input, k, cleanTop(k, query[k]))
  }
  return { ok: true, input }
}

/** `$request->query()` after TrimStrings and ConvertEmptyStringsToNull. */
export function readQuery(c: Context<MockEnv>): Input {
  return clean(requestBags(c).query, true, false) as Input
}

/** A top-level value of the input, cleaned. */
const cleanTop = (key: string, v: unknown) => clean(v, key === '', NEVER_TRIM.has(key))

/**
 * TrimStrings then ConvertEmptyStringsToNull, at every depth; keys defined,
 * never assigned. A value's key path is its parent's path and its own key
 * joined by `.`, or its own key alone under a parent whose path is empty (the
 * input itself, or a chain of `""` keys from it): only such a value can have a
 * path of `$except`, so `root` says whether `v`'s own path is empty and
 * `exempt` whether it is one of `$except`.
 *
 * An array none of whose values changes is answered as it is, not copied (a
 * copy would hold the same keys in the same order): most bodies have nothing
 * to trim, and copying every key was most of the cost of reading the input.
 */
function clean(v: unknown, root: boolean, exempt: boolean): unknown {
  if (typeof v === 'string') {
    const t = exempt ? v : strTrim(v)
    return t === '' ? null : t
  }
  if (!isPhpArray(v)) return v
  let out: Record<string, unknown> | undefined
  const keys = Object.keys(v)
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!
    const x = v[k]
    const y = clean(x, root && k === '', root && NEVER_TRIM.has(k))
    if (out === undefined) {
      if (y === x) continue
      out = copyOf(v, i)
    }
    define(out, k, y)
  }
  return out ?? v
}

/** A new PHP array (a JS array for an array) holding the first `count` keys of `v` (all by default). */
function copyOf(v: Record<string, unknown>, count = Number.POSITIVE_INFINITY): Record<string, unknown> {
  const out: Record<string, unknown> = Array.isArray(v) ? ([] as unknown as Record<string, unknown>) : {}
  let i = 0
  for (const k of Object.keys(v)) {
    if (i++ >= count) break
    define(out, k, v[k])
  }
  return out
}

/** Sets an own key; `__proto__` is defined, never assigned (assigning it would set the prototype). */
function define(target: object, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else (target as Record<string, unknown>)[key] = value
}
