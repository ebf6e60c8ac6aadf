import { pyDecode } from './codecs.js'

/**
 * django.http.QueryDict / django.utils.datastructures.MultiValueDict: each key
 * holds a list; `get` and `[key]` give the last value. DRF treats one of these
 * as "HTML input" (rest_framework.utils.html.is_html_input) and its fields
 * read it differently from a JSON object (Field.get_value).
 */
export class QueryDict {
  readonly #lists = new Map<string, unknown[]>()

  appendList(key: string, value: unknown): void {
    const list = this.#lists.get(key)
    if (list) list.push(value)
    else this.#lists.set(key, [value])
  }

  setList(key: string, values: unknown[]): void {
    this.#lists.set(key, values)
  }

  has(key: string): boolean {
    return this.#lists.has(key)
  }

  /** `dictionary[key]`: the last value. */
  get(key: string): unknown {
    return this.#lists.get(key)?.at(-1)
  }

  getList(key: string): unknown[] {
    return this.#lists.get(key) ?? []
  }

  keys(): IterableIterator<string> {
    return this.#lists.keys()
  }

  get size(): number {
    return this.#lists.size
  }

  /** MultiValueDict.update: lists are extended, not replaced. */
  update(other: QueryDict): void {
    for (const key of other.keys()) for (const v of other.getList(key)) this.appendList(key, v)
  }
}

/** Django's DATA_UPLOAD_MAX_NUMBER_FIELDS default. */
export const MAX_NUMBER_FIELDS = 1000

/** Raised where Django raises TooManyFieldsSent (a SuspiciousOperation: Django's 400 page). */
export class TooManyFieldsSent extends Error {}

/**
 * QueryDict(body, encoding): the bytes decoded with the request's encoding
 * (latin-1 when that fails), then urllib.parse.parse_qsl with
 * keep_blank_values and DATA_UPLOAD_MAX_NUMBER_FIELDS.
 */
export function parseQueryDict(bytes: Uint8Array, encoding: string): QueryDict {
  const decoded = pyDecode(bytes, encoding, 'strict')
  const text = decoded.ok ? decoded.text : pyDecode(bytes, 'iso-8859-1', 'strict').text!
  const dict = new QueryDict()
  if (text === '') return dict
  if (1 + count(text, '&') > MAX_NUMBER_FIELDS) throw new TooManyFieldsSent('Max number of fields exceeded')
  for (const nameValue of text.split('&')) {
    if (nameValue === '') continue
    const eq = nameValue.indexOf('=')
    const name = eq < 0 ? nameValue : nameValue.slice(0, eq)
    const value = eq < 0 ? '' : nameValue.slice(eq + 1)
    dict.appendList(unquote(name.replace(/\+/g, ' '), encoding), unquote(value.replace(/\+/g, ' '), encoding))
  }
  return dict
}

function count(s: string, ch: string): number {
  let n = 0
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++
  return n
}

/** urllib.parse.unquote(s, encoding, errors='replace'): each ASCII run's %XX bytes decoded together. */
function unquote(s: string, encoding: string): string {
  if (!s.includes('%')) return s
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Python's _asciire is the whole ASCII range
  return s.replace(/[\x00-\x7f]+/g, (run) => {
    if (!run.includes('%')) return run
    const bytes: number[] = []
    for (let i = 0; i < run.length; i++) {
      const hex = run.slice(i + 1, i + 3)
      if (run[i] === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(Number.parseInt(hex, 16))
        i += 2
      } else bytes.push(run.charCodeAt(i))
    }
    return pyDecode(Uint8Array.from(bytes), encoding, 'replace').text!
  })
}

/** rest_framework.utils.html.parse_html_dict: `prefix.key` entries as a dict of lists; undefined when none. */
export function parseHtmlDict(data: QueryDict, prefix: string): QueryDict | undefined {
  const out = new QueryDict()
  const start = `${prefix}.`
  for (const key of data.keys()) {
    if (key.startsWith(start) && key.length > start.length) out.setList(key.slice(start.length), data.getList(key))
  }
  return out.size > 0 ? out : undefined
}

/**
 * rest_framework.utils.html.parse_html_list: `prefix[0]=…` is a list of
 * values, `prefix[0]key=…` a list of dicts, ordered by index; undefined when none.
 */
export function parseHtmlList(data: QueryDict, prefix: string): unknown[] | undefined {
  const byIndex = new Map<number, unknown>()
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const re = new RegExp(`^${escaped}\\[([0-9]+)\\](.*)$`, 's')
  for (const field of data.keys()) {
    const m = re.exec(field)
    if (!m) continue
    const index = Number(m[1])
    const key = m[2]!
    const value = data.get(field)
    const current = byIndex.get(index)
    if (key === '') byIndex.set(index, value)
    else if (current instanceof QueryDict) current.appendList(key, value)
    else {
      const dict = new QueryDict()
      dict.appendList(key, value)
      byIndex.set(index, dict)
    }
  }
  if (byIndex.size === 0) return undefined
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v)
}
