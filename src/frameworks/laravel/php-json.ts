import { walkJsonText } from '../../core/json-text.js'
import { PhpNumber } from './php.js'

/**
 * json_decode($text, true) as PHP 8 does it, into the values of php.ts:
 * - bytes must be UTF-8: invalid UTF-8, a byte-order mark or a lone
 *   surrogate escape (`\uD800`) make the whole document fail;
 * - default depth 512: at most 511 nested arrays/objects;
 * - ints stay ints up to PHP_INT_MAX, past it they are floats; `1.0` and
 *   `1e2` are floats; `1e400` is INF.
 * Returns `undefined` when PHP would return null for an error.
 */
const MAX_CONTAINERS = 511
/** json_decode()'s default depth (a state import of a deeper record is refused, as Laravel could never have stored it). */
export const PHP_JSON_DEPTH = MAX_CONTAINERS + 1
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y

class Fail extends Error {}

/** Decodes each body whole (no streaming), so one decoder serves every call. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const SIMPLE: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }
const WORDS = [
  ['true', true],
  ['false', false],
  ['null', null],
] as const

export function phpJsonDecode(bytes: Uint8Array): { value: unknown } | undefined {
  let text: string
  try {
    text = UTF8.decode(bytes)
  } catch {
    return undefined
  }
  if (parsesAlike(text)) {
    try {
      return { value: JSON.parse(text) }
    } catch {
      // Not JSON: the decoder below refuses it as PHP does.
    }
  }
  return decodeText(text)
}

/**
 * Whether JSON.parse reads the text as json_decode does, so the engine's own
 * parser can be skipped (it is several times slower): true unless the text has
 * a `\u` escape (a lone surrogate fails in PHP), nests deeper than PHP allows,
 * or holds a number PHP types differently from JavaScript — an integral float
 * (`1.0`, `1e2`, `-0.0`), an int of more than 15 digits, or `-0` (PHP's int 0).
 * Invalid JSON may pass: JSON.parse throws on it, and the decoder answers.
 * Strings are skipped with indexOf: a body is mostly strings.
 */
function parsesAlike(text: string): boolean {
  if (text.includes('\\u')) return false
  return walkJsonText(text, {
    open: (_, depth) => depth <= MAX_CONTAINERS,
    number(start, end, isFloat, digits) {
      if (isFloat) {
        const v = Number(text.slice(start, end))
        return !Number.isInteger(v) && !Object.is(v, -0)
      }
      return digits <= 15 && !(text.charCodeAt(start) === 0x2d && text.charCodeAt(start + 1) === 0x30)
    },
  })
}

/** json_decode over the decoded text, step by step. */
function decodeText(text: string): { value: unknown } | undefined {
  let i = 0
  const ws = () => {
    for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++i));
  }
  const unit = (at: number) =>
    /^[0-9a-fA-F]{4}$/.test(text.slice(at, at + 4)) ? Number.parseInt(text.slice(at, at + 4), 16) : -1
  const string = (): string => {
    i++ // opening quote
    let out = ''
    let start = i
    for (;;) {
      const code = text.charCodeAt(i)
      if (code === 34) {
        out += text.slice(start, i++)
        return out
      }
      if (Number.isNaN(code) || code < 32) throw new Fail()
      if (code !== 92) {
        i++
        continue
      }
      out += text.slice(start, i)
      const e = text[i + 1]
      i += 2
      if (e !== undefined && e in SIMPLE) out += SIMPLE[e]
      else if (e !== 'u') throw new Fail()
      else {
        const u = unit(i)
        if (u < 0) throw new Fail()
        i += 4
        if (u >= 0xdc00 && u <= 0xdfff) throw new Fail() // a low surrogate first: JSON_ERROR_UTF16
        if (u >= 0xd800 && u <= 0xdbff) {
          const low = text.slice(i, i + 2) === '\\u' ? unit(i + 2) : -1
          if (low < 0xdc00 || low > 0xdfff) throw new Fail()
          i += 6
          out += String.fromCharCode(u, low)
        } else out += String.fromCharCode(u)
      }
      start = i
    }
  }
  const number = (): unknown => {
    NUMBER.lastIndex = i
    const m = NUMBER.exec(text)
    if (!m) throw new Fail()
    i += m[0].length
    if (m[1] === undefined && m[2] === undefined) {
      const n = BigInt(m[0])
      if (n >= INT64_MIN && n <= INT64_MAX) {
        const v = Number(n)
        return Number.isSafeInteger(v) ? (v === 0 ? 0 : v) : new PhpNumber('int', v, n)
      }
    }
    const v = Number(m[0])
    return Number.isInteger(v) || Object.is(v, -0) ? new PhpNumber('float', v) : v
  }
  const value = (depth: number): unknown => {
    ws()
    const ch = text[i]
    if (ch === '{' || ch === '[') {
      if (depth >= MAX_CONTAINERS) throw new Fail()
      i++
      ws()
      const close = ch === '{' ? '}' : ']'
      const out: Record<string, unknown> | unknown[] = ch === '{' ? {} : []
      if (text[i] === close) {
        i++
        return out
      }
      for (;;) {
        if (Array.isArray(out)) out.push(value(depth + 1))
        else {
          ws()
          if (text[i] !== '"') throw new Fail()
          const key = string()
          ws()
          if (text[i++] !== ':') throw new Fail()
          const v = value(depth + 1)
          // `__proto__` is defined, never assigned (assigning it would set the prototype).
          if (key === '__proto__')
            Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true })
          else out[key] = v
        }
        ws()
        const next = text[i++]
        if (next === close) return out
        if (next !== ',') throw new Fail()
      }
    }
    if (ch === '"') return string()
    for (const [word, v] of WORDS) {
      if (text.startsWith(word, i)) {
        i += word.length
        return v
      }
    }
    return number()
  }
  try {
    const v = value(0)
    ws()
    return i === text.length ? { value: v } : undefined
  } catch (e) {
    if (e instanceof Fail) return undefined
    throw e
  }
}
