import { lookupCodec } from './codecs.js'
import { mediaTypeMatches, parseHeaderParameters } from './media-types.js'
import { MultiPartParserError, parseMultipart } from './multipart.js'
import { type DecodeResult, decodeJsonBody } from './python-json.js'
import { parseQueryDict, QueryDict } from './querydict.js'
import type { DrfSettings } from './settings.js'

/**
 * DRF's parsers (rest_framework/parsers.py) and Request._parse: the first
 * parser whose media type matches the raw Content-Type wins
 * (`*\/*` and `application/*` match JSONParser), none is 415.
 */
export type ParserName = 'json' | 'form' | 'multipart'

const MEDIA_TYPES: Record<ParserName, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
}

export function parserNames(settings: Pick<DrfSettings, 'parsers'>): readonly ParserName[] {
  return settings.parsers === 'json-only' ? ['json'] : ['json', 'form', 'multipart']
}

/** What OPTIONS lists under `parses`. */
export function parserMediaTypes(settings: Pick<DrfSettings, 'parsers'>): string[] {
  return parserNames(settings).map((p) => MEDIA_TYPES[p])
}

export type ParseOutcome =
  | { ok: true; data: unknown }
  /** 415: no parser for this media type. */
  | { ok: false; kind: 'unsupported' }
  /** 400 ParseError with this detail. */
  | { ok: false; kind: 'parse'; detail: string }

/** rest_framework.request.is_form_media_type */
export function isFormMediaType(contentType: string): boolean {
  const { type } = parseHeaderParameters(contentType)
  return type === MEDIA_TYPES.form || type === MEDIA_TYPES.multipart
}

/**
 * Request._parse for a body that is not empty. `contentType` is the raw
 * header ('' when absent). Throws TooManyFieldsSent (Django's 400 page).
 */
export function parseBody(
  bytes: Uint8Array,
  contentType: string,
  settings: Pick<DrfSettings, 'parsers'>,
): ParseOutcome {
  const { parser, encoding } = choice(contentType, settings.parsers)
  if (parser === undefined) return { ok: false, kind: 'unsupported' }
  switch (parser) {
    case 'json': {
      const decoded: DecodeResult = decodeJsonBody(bytes, encoding)
      return decoded.ok
        ? { ok: true, data: decoded.value }
        : { ok: false, kind: 'parse', detail: `JSON parse error - ${decoded.message}` }
    }
    case 'form':
      return { ok: true, data: parseQueryDict(bytes, encoding) }
    case 'multipart':
      try {
        const { data, files } = parseMultipart(contentType, bytes, encoding)
        // Request._load_data_and_files: files are added to the data.
        if (files.size > 0) data.update(files)
        return { ok: true, data }
      } catch (e) {
        if (e instanceof MultiPartParserError)
          return { ok: false, kind: 'parse', detail: `Multipart form parse error - ${e.message}` }
        throw e
      }
  }
}

/**
 * The parser and encoding a Content-Type header picks, for each (header,
 * parser setting): clients send the same header on every request, and
 * parsing it with Django's rules each time was a tenth of a JSON write's
 * parse. Bounded: a client sending a new header each time empties it.
 */
const choices = new Map<string, { parser: ParserName | undefined; encoding: string }>()

function choice(contentType: string, parsers: DrfSettings['parsers']) {
  const key = `${parsers}\u0000${contentType}`
  let known = choices.get(key)
  if (known === undefined) {
    const parser = parserNames({ parsers }).find((p) => mediaTypeMatches(MEDIA_TYPES[p], contentType))
    // HttpRequest.encoding: the charset parameter when Python knows the codec, else DEFAULT_CHARSET.
    const charset = parser === undefined ? undefined : parseHeaderParameters(contentType).params.charset
    known = { parser, encoding: charset !== undefined && lookupCodec(charset) ? charset : 'utf-8' }
    if (choices.size >= 256) choices.clear()
    choices.set(key, known)
  }
  return known
}

/** request.data of a request without a body: an empty QueryDict for a form media type, else `{}`. */
export function emptyData(contentType: string): unknown {
  return isFormMediaType(contentType) ? new QueryDict() : {}
}
