/**
 * PHP's parsing of a query string or form body into variables
 * (php_default_treat_data + php_register_variable_ex): `a[b]=1` nests,
 * `a[]=1` appends, spaces and dots in a name's base become `_`, an
 * unterminated `[` becomes `_`, a name cut at NUL or empty is dropped,
 * nesting past max_input_nesting_level (64) drops the variable, and only
 * the first max_input_vars (1000) variables count.
 */
type PhpArray = Record<string, unknown>

const MAX_NESTING = 64
const MAX_VARS = 1000

/** Sets an own key; `__proto__` is defined, never assigned (assigning it would set the prototype). */
function put(target: PhpArray, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}

/** urldecode(): `+` is a space, `%XX` a byte, a malformed escape stays as it is; bytes read as UTF-8. */
export function urlDecode(s: string, plus = true): string {
  const text = plus ? s.replace(/\+/g, ' ') : s
  if (!text.includes('%')) return text
  const bytes: number[] = []
  const utf8 = new TextEncoder()
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16))
      i += 2
    } else {
      const cp = text.codePointAt(i) as number
      if (cp > 0xffff) i++
      bytes.push(...utf8.encode(String.fromCodePoint(cp)))
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes))
}

/** PHP's next free integer key (nNextFreeElement) of an array built here. */
function nextIndex(a: PhpArray): string {
  let next = 0
  for (const k of Object.keys(a)) if (/^(0|[1-9]\d*)$/.test(k) && Number(k) >= next) next = Number(k) + 1
  return String(next)
}

function register(vars: PhpArray, rawName: string, value: string): void {
  let name = rawName.replace(/^ +/, '')
  const nul = name.indexOf('\0')
  if (nul !== -1) name = name.slice(0, nul)
  const bracket = name.indexOf('[')
  let base = (bracket === -1 ? name : name.slice(0, bracket)).replace(/[ .]/g, '_')
  if (base === '') return
  if (bracket === -1) {
    put(vars, base, value)
    return
  }
  // Walk the [index] segments.
  const indexes: (string | null)[] = []
  let rest = name.slice(bracket) // starts with '['
  for (;;) {
    if (indexes.length + 1 > MAX_NESTING) return
    const close = rest.indexOf(']')
    if (close === -1) {
      // Not an index: the '[' and what follows become part of the name at this level.
      if (indexes.length === 0) {
        base = `${base}_${rest.slice(1).replace(/[ .[]/g, '_')}`
      }
      break
    }
    indexes.push(close === 1 ? null : rest.slice(1, close))
    rest = rest.slice(close + 1)
    if (!rest.startsWith('[')) break
  }
  if (indexes.length === 0) {
    put(vars, base, value)
    return
  }
  let table = vars
  let key: string | null = base
  for (const index of indexes) {
    const k: string = key === null ? nextIndex(table) : key
    if (key === null || !Object.hasOwn(table, k) || typeof table[k] !== 'object' || table[k] === null) put(table, k, {})
    table = table[k] as PhpArray
    key = index
  }
  put(table, key === null ? nextIndex(table) : key, value)
}

/** Lists (keys 0..n-1 in order) as JS arrays, as json_decode would give them. */
function lists(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v
  const o = v as PhpArray
  const keys = Object.keys(o)
  for (const k of keys) put(o, k, lists(o[k]))
  return keys.every((k, i) => k === String(i)) && keys.length > 0 ? keys.map((k) => o[k]) : o
}

/** Registers name/value pairs in order, as PHP does for one request source. */
function registerAll(pairs: Iterable<[string, string]>): PhpArray {
  const vars: PhpArray = {}
  let count = 0
  for (const [name, value] of pairs) {
    if (++count > MAX_VARS) break
    register(vars, name, value)
  }
  return lists(vars) as PhpArray
}

export function parsePhpQuery(query: string): PhpArray {
  function* pairs(): Generator<[string, string]> {
    for (const pair of query.split('&')) {
      if (pair === '') continue
      const eq = pair.indexOf('=')
      yield [urlDecode(eq === -1 ? pair : pair.slice(0, eq)), eq === -1 ? '' : urlDecode(pair.slice(eq + 1))]
    }
  }
  return registerAll(pairs())
}

/**
 * A multipart/form-data POST body as PHP's rfc1867 handler fills $_POST: each
 * part's `name` registered like a query variable; parts with a `filename`
 * are uploads ($_FILES), which the mock does not keep.
 */
export function parsePhpMultipart(bytes: Uint8Array, contentType: string): PhpArray {
  const boundary = /boundary=(?:"([^"]+)"|([^;,\s]+))/i.exec(contentType)
  const marker = boundary?.[1] ?? boundary?.[2]
  if (!marker) return {}
  // latin1 keeps one char per byte, so offsets found here are byte offsets.
  const text = new TextDecoder('latin1').decode(bytes)
  const utf8 = (s: string) => new TextDecoder().decode(Uint8Array.from(s, (ch) => ch.charCodeAt(0)))
  function* pairs(): Generator<[string, string]> {
    const parts = text.split(`--${marker}`)
    for (const part of parts.slice(1)) {
      if (part.startsWith('--')) return
      const headerEnd = part.indexOf('\r\n\r\n')
      if (headerEnd === -1) continue
      const headers = part.slice(0, headerEnd)
      const disposition = /^content-disposition:[^\r\n]*/im.exec(headers)?.[0] ?? ''
      const name = /[;\s]name="([^"]*)"|[;\s]name=([^;\s]+)/i.exec(disposition)
      if (!name || /[;\s]filename\*?=/i.test(disposition)) continue
      yield [utf8(name[1] ?? name[2] ?? ''), utf8(part.slice(headerEnd + 4).replace(/\r\n$/, ''))]
    }
  }
  return registerAll(pairs())
}
