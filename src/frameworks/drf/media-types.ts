/**
 * Media types as Django and DRF read them: django.utils.http.parse_header_parameters
 * (Content-Type and Accept entries) and rest_framework.utils.mediatypes._MediaType
 * (matching and precedence, used by content negotiation and parser selection).
 */

export interface HeaderParameters {
  /** The lower-cased media type, e.g. `application/json`. */
  type: string
  /** Parameter names lower-cased, values unquoted; own properties only. */
  params: Record<string, string>
}

/** django.utils.http._parseparam: `;`-separated parts, a `;` inside double quotes kept. */
function* parseParams(s: string): Generator<string> {
  while (s.startsWith(';')) {
    s = s.slice(1)
    let end = s.indexOf(';')
    while (end > 0 && (count(s, '"', end) - count(s, '\\"', end)) % 2 !== 0) end = s.indexOf(';', end + 1)
    if (end < 0) end = s.length
    yield pyStrip(s.slice(0, end))
    s = s.slice(end)
  }
}

function count(s: string, sub: string, end: number): number {
  let n = 0
  for (let i = s.indexOf(sub); i !== -1 && i + sub.length <= end; i = s.indexOf(sub, i + sub.length)) n++
  return n
}

/** str.strip() with no argument: Unicode white space, as Python defines it. */
export function pyStrip(s: string): string {
  // Every Python white space is below "!" or above "~" (from \x85 up): a string that starts and ends
  // with a printable ASCII character has nothing to strip.
  if (s.length > 0 && isPrintableAscii(s.charCodeAt(0)) && isPrintableAscii(s.charCodeAt(s.length - 1))) return s
  return s.replace(PY_WS_START, '').replace(PY_WS_END, '')
}
const isPrintableAscii = (c: number) => c > 0x20 && c < 0x7f
// Python's str.isspace(): Unicode White_Space plus the ASCII separators \x1c-\x1f.
export const PY_WS = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]'
const PY_WS_START = new RegExp(`^${PY_WS}+`)
const PY_WS_END = new RegExp(`${PY_WS}+$`)

/** django.utils.http.parse_header_parameters. */
export function parseHeaderParameters(line: string): HeaderParameters {
  const params: Record<string, string> = Object.create(null)
  if (!line) return { type: '', params }
  const parts = parseParams(`;${line}`)
  const type = (parts.next().value ?? '').toLowerCase()
  for (const p of parts) {
    const i = p.indexOf('=')
    if (i < 0) continue
    let name = pyStrip(p.slice(0, i)).toLowerCase()
    let encoded = false
    if (name.endsWith('*')) {
      name = name.slice(0, -1)
      encoded = p.split("'").length === 3
    }
    let value = pyStrip(p.slice(i + 1))
    if (value.length >= 2 && value[0] === '"' && value.at(-1) === '"') {
      value = value.slice(1, -1).replace(/\\\\/g, '\\').replace(/\\"/g, '"')
    }
    if (encoded) {
      const [, , rest = ''] = value.split("'")
      try {
        value = decodeURIComponent(rest)
      } catch {
        value = rest
      }
    }
    params[name] = value
  }
  return { type, params }
}

/** rest_framework.utils.mediatypes._MediaType */
export class MediaType {
  readonly mainType: string
  readonly subType: string
  readonly params: Record<string, string>

  constructor(readonly orig: string) {
    const { type, params } = parseHeaderParameters(orig)
    const slash = type.indexOf('/')
    this.mainType = slash < 0 ? type : type.slice(0, slash)
    this.subType = slash < 0 ? '' : type.slice(slash + 1)
    this.params = params
  }

  /** True if this media type satisfies `other` (DRF's `match`: params other than q must agree). */
  match(other: MediaType): boolean {
    for (const key in this.params) {
      if (key !== 'q' && other.params[key] !== this.params[key]) return false
    }
    if (this.subType !== '*' && other.subType !== '*' && other.subType !== this.subType) return false
    if (this.mainType !== '*' && other.mainType !== '*' && other.mainType !== this.mainType) return false
    return true
  }

  /** 3: type/subtype with params other than q; 2: type/subtype; 1: type/*; 0: *\/*. */
  get precedence(): number {
    if (this.mainType === '*') return 0
    if (this.subType === '*') return 1
    const keys = Object.keys(this.params)
    return keys.length === 0 || (keys.length === 1 && keys[0] === 'q') ? 2 : 3
  }
}

/** rest_framework.utils.mediatypes.media_type_matches(lhs, rhs) */
export function mediaTypeMatches(lhs: string, rhs: string): boolean {
  return new MediaType(lhs).match(new MediaType(rhs))
}
