import { pyDecode } from './codecs.js'
import { parseHeaderParameters } from './media-types.js'
import { MAX_NUMBER_FIELDS, QueryDict, TooManyFieldsSent } from './querydict.js'

/**
 * django.http.multipartparser.MultiPartParser, as DRF's MultiPartParser
 * calls it: the boundary checked first (`Multipart form parse error - …`),
 * then parts split on `--boundary` (a CRLF or LF before it dropped), headers
 * in the first 1024 bytes, fields decoded with the request's encoding
 * (errors replaced), files kept as UploadedFile values.
 */

/** An uploaded file as a serializer field sees it: str() is its name. */
export class UploadedFile {
  constructor(
    readonly name: string,
    readonly size: number,
    readonly contentType: string,
  ) {}
}

/** Django's DATA_UPLOAD_MAX_NUMBER_FILES default. */
const MAX_NUMBER_FILES = 100
const BOUNDARY_RE = /^[ -~]{0,200}[!-~]/

export class MultiPartParserError extends Error {}

export function parseMultipart(
  contentType: string,
  body: Uint8Array,
  encoding: string,
): { data: QueryDict; files: QueryDict } {
  if (!contentType.startsWith('multipart/')) throw new MultiPartParserError(`Invalid Content-Type: ${contentType}`)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: "not ASCII" is the test
  if (/[^\x00-\x7f]/.test(contentType))
    throw new MultiPartParserError(`Invalid non-ASCII Content-Type in multipart: ${contentType}`)
  const boundary = parseHeaderParameters(contentType).params.boundary
  if (!boundary || !BOUNDARY_RE.test(boundary))
    throw new MultiPartParserError(`Invalid boundary in multipart: ${boundary ?? 'None'}`)

  const data = new QueryDict()
  const files = new QueryDict()
  const separator = new TextEncoder().encode(`--${boundary}`)
  const starts = findAll(body, separator)
  let fields = 0
  let fileCount = 0
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k]! + separator.length
    let to = k + 1 < starts.length ? starts[k + 1]! : body.length
    if (k + 1 < starts.length) {
      if (body[to - 1] === 0x0a) to--
      if (body[to - 1] === 0x0d) to--
    }
    const part = body.subarray(from, Math.max(from, to))
    const parsed = parsePart(part)
    if (!parsed) continue
    const disposition = parsed.headers.get('content-disposition')
    const rawName = disposition?.params.name
    if (rawName === undefined) continue
    const name = rawName.trim()
    const filename = disposition!.params.filename
    if (!filename) {
      if (++fields > MAX_NUMBER_FIELDS) throw new TooManyFieldsSent('The number of GET/POST parameters exceeded')
      data.appendList(name, pyDecode(parsed.body, encoding, 'replace').text!)
    } else {
      if (++fileCount > MAX_NUMBER_FILES) throw new TooManyFieldsSent('The number of files exceeded')
      // Django's sanitize_file_name: the base name only.
      const base = filename.slice(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1).trim()
      if (!base) continue
      const type = parsed.headers.get('content-type')?.value.trim() ?? ''
      files.appendList(name, new UploadedFile(base, parsed.body.length, type))
    }
  }
  return { data, files }
}

interface Part {
  headers: Map<string, { value: string; params: Record<string, string> }>
  body: Uint8Array
}

/** django.http.multipartparser.parse_boundary_stream with max_header_size 1024. */
function parsePart(part: Uint8Array): Part | undefined {
  const head = part.subarray(0, 1024)
  const end = findAll(head, CRLFCRLF, 1)[0]
  if (end === undefined) return undefined
  const headers = new Map<string, { value: string; params: Record<string, string> }>()
  let isField = false
  for (const line of latin1(head.subarray(0, end)).split('\r\n')) {
    let text: string
    try {
      text = utf8Fatal.decode(Uint8Array.from(line, (ch) => ch.charCodeAt(0)))
    } catch {
      continue
    }
    const { type, params } = parseHeaderParameters(text)
    const colon = type.indexOf(':')
    if (colon < 0) continue
    const name = type.slice(0, colon)
    if (name === 'content-disposition') isField = true
    headers.set(name, { value: type.slice(colon + 1), params })
  }
  return isField ? { headers, body: part.subarray(end + 4) } : undefined
}

const CRLFCRLF = Uint8Array.of(13, 10, 13, 10)
const utf8Fatal = new TextDecoder('utf-8', { fatal: true })
const latin1 = (b: Uint8Array) => {
  let s = ''
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!)
  return s
}

function findAll(haystack: Uint8Array, needle: Uint8Array, limit = Number.POSITIVE_INFINITY): number[] {
  const out: number[] = []
  const first = needle[0]!
  for (let i = haystack.indexOf(first); i !== -1 && out.length < limit; i = haystack.indexOf(first, i + 1)) {
    if (i + needle.length > haystack.length) break
    let j = 1
    while (j < needle.length && haystack[i + j] === needle[j]) j++
    if (j === needle.length) {
      out.push(i)
      i += needle.length - 1
    }
  }
  return out
}
