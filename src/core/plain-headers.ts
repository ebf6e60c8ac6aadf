/**
 * A response's header list as the Fetch standard's `Headers` keeps it —
 * names lower-cased, values trimmed of HTTP whitespace, iterated sorted by
 * name with each `set-cookie` on its own, invalid names and values a
 * TypeError — held in a plain Map. Building and reading an undici `Headers`
 * was a tenth of the CPU of a provider answer; this is the same list without
 * it (the mock's answers are built with it, see respond.ts).
 */

// RFC 9110 token characters (a header name), and what a value may not hold (Fetch "header value").
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const BAD_VALUE = /[\0\r\n]/
const HTTP_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g

function normalize(name: string, value: string): [string, string] {
  const n = String(name)
  if (!TOKEN.test(n)) throw new TypeError(`Headers: invalid header name "${n}"`)
  const v = String(value).replace(HTTP_WHITESPACE, '')
  if (BAD_VALUE.test(v)) throw new TypeError(`Headers: invalid value for header "${n}"`)
  return [n.toLowerCase(), v]
}

export class PlainHeaders implements Headers {
  readonly #map = new Map<string, string>()
  #cookies: string[] | undefined
  #sorted: [string, string][] | undefined

  constructor(init?: HeadersInit | PlainHeaders) {
    if (init === undefined || init === null) return
    if (init instanceof PlainHeaders) {
      for (const [k, v] of init.#map) this.#map.set(k, v)
      if (init.#cookies) this.#cookies = [...init.#cookies]
    } else if (typeof (init as Iterable<unknown>)[Symbol.iterator] === 'function') {
      for (const pair of init as Iterable<readonly string[]>) {
        if (pair.length !== 2) throw new TypeError('Headers: each header pair must be [name, value]')
        this.append(pair[0]!, pair[1]!)
      }
    } else {
      for (const k of Object.keys(init)) this.append(k, (init as Record<string, string>)[k]!)
    }
  }

  /** The header lines of a request as Node reads them (`rawHeaders`: name, value, …); HTTP/2 pseudo-headers left out. */
  static fromRaw(raw: readonly string[]): PlainHeaders {
    const headers = new PlainHeaders()
    for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]!.charCodeAt(0) !== 0x3a) headers.append(raw[i]!, raw[i + 1]!)
    return headers
  }

  append(name: string, value: string): void {
    const [k, v] = normalize(name, value)
    this.#sorted = undefined
    if (k === 'set-cookie') {
      this.#cookies ??= []
      this.#cookies.push(v)
      return
    }
    const prev = this.#map.get(k)
    // Fetch "append": values join with ", ", but cookie pairs with "; " (as undici does).
    this.#map.set(k, prev === undefined ? v : `${prev}${k === 'cookie' ? '; ' : ', '}${v}`)
  }

  set(name: string, value: string): void {
    const [k, v] = normalize(name, value)
    this.#sorted = undefined
    if (k === 'set-cookie') this.#cookies = [v]
    else this.#map.set(k, v)
  }

  get(name: string): string | null {
    const k = String(name).toLowerCase()
    if (k === 'set-cookie') return this.#cookies?.length ? this.#cookies.join(', ') : null
    return this.#map.get(k) ?? null
  }

  has(name: string): boolean {
    const k = String(name).toLowerCase()
    return k === 'set-cookie' ? (this.#cookies?.length ?? 0) > 0 : this.#map.has(k)
  }

  delete(name: string): void {
    const k = String(name).toLowerCase()
    this.#sorted = undefined
    if (k === 'set-cookie') this.#cookies = undefined
    else this.#map.delete(k)
  }

  getSetCookie(): string[] {
    return this.#cookies ? [...this.#cookies] : []
  }

  /** The list in iteration order: sorted by name, each set-cookie on its own (Fetch "sort and combine"). */
  #list(): [string, string][] {
    if (this.#sorted) return this.#sorted
    const names = [...this.#map.keys()]
    if (this.#cookies) names.push('set-cookie')
    names.sort()
    const out: [string, string][] = []
    for (const k of names) {
      if (k === 'set-cookie') for (const c of this.#cookies!) out.push([k, c])
      else out.push([k, this.#map.get(k)!])
    }
    this.#sorted = out
    return out
  }

  /** The list as a plain object (what node-server writes without building a Headers). */
  toObject(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [k, v] of this.#list()) {
      if (k === 'set-cookie') continue
      // A header may be named __proto__ (a valid token): an own field, never the prototype setter.
      if (k === '__proto__')
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
      else out[k] = v
    }
    return out
  }

  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [k, v] of this.#list()) callback.call(thisArg, v, k, this)
  }

  *entries(): HeadersIterator<[string, string]> {
    for (const [k, v] of this.#list()) yield [k, v]
  }

  *keys(): HeadersIterator<string> {
    for (const [k] of this.#list()) yield k
  }

  *values(): HeadersIterator<string> {
    for (const [, v] of this.#list()) yield v
  }

  [Symbol.iterator](): HeadersIterator<[string, string]> {
    return this.entries()
  }
}
