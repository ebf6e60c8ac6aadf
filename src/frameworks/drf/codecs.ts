/**
 * Python's codecs, as far as a request body meets them: codecs.lookup's names
 * (Django keeps a Content-Type charset only when lookup knows it) and the
 * decoders DRF's JSONParser reads through (codecs.getreader(charset)), with
 * CPython's error messages. A StreamReader's read() is not final: an
 * incomplete sequence at the very end is dropped, not reported.
 * No Node APIs: TextDecoder is in every runtime the mock runs in.
 */

export type Decoded = { ok: true; text: string } | { ok: false; text?: undefined; message: string }

/** Python codec module name → its aliases (encodings.aliases), for the codecs the mock decodes. */
const ALIASES: Record<string, string> = {
  utf_8: 'cp65001 u8 utf utf8 utf8_ucs2 utf8_ucs4',
  utf_8_sig: '',
  ascii:
    '646 ansi_x3.4_1968 ansi_x3.4_1986 ansi_x3_4_1968 cp367 csascii ibm367 iso646_us iso_646.irv_1991 iso_ir_6 us us_ascii',
  latin_1: '8859 cp819 csisolatin1 ibm819 iso8859 iso8859_1 iso_8859_1 iso_8859_1_1987 iso_ir_100 l1 latin latin1',
  utf_16: 'u16 utf16',
  utf_16_le: 'unicodelittleunmarked utf_16le',
  utf_16_be: 'unicodebigunmarked utf_16be',
  utf_32: 'u32 utf32',
  utf_32_le: 'utf_32le',
  utf_32_be: 'utf_32be',
  cp1250: '1250 windows_1250',
  cp1251: '1251 windows_1251',
  cp1252: '1252 windows_1252',
  cp1253: '1253 windows_1253',
  cp1254: '1254 windows_1254',
  cp1255: '1255 windows_1255',
  cp1256: '1256 windows_1256',
  cp1257: '1257 windows_1257',
  cp1258: '1258 windows_1258',
  iso8859_2: 'csisolatin2 iso_8859_2 iso_8859_2_1987 iso_ir_101 l2 latin2',
  iso8859_3: 'csisolatin3 iso_8859_3 iso_8859_3_1988 iso_ir_109 l3 latin3',
  iso8859_4: 'csisolatin4 iso_8859_4 iso_8859_4_1988 iso_ir_110 l4 latin4',
  iso8859_5: 'csisolatincyrillic cyrillic iso_8859_5 iso_8859_5_1988 iso_ir_144',
  iso8859_6: 'arabic asmo_708 csisolatinarabic ecma_114 iso_8859_6 iso_8859_6_1987 iso_ir_127',
  iso8859_7: 'csisolatingreek ecma_118 elot_928 greek greek8 iso_8859_7 iso_8859_7_1987 iso_ir_126',
  iso8859_8: 'csisolatinhebrew hebrew iso_8859_8 iso_8859_8_1988 iso_ir_138',
  iso8859_10: 'csisolatin6 iso_8859_10 iso_8859_10_1992 iso_ir_157 l6 latin6',
  iso8859_13: 'iso_8859_13 l7 latin7',
  iso8859_14: 'iso_8859_14 iso_8859_14_1998 iso_celtic iso_ir_199 l8 latin8',
  iso8859_15: 'iso_8859_15 l9 latin9',
  koi8_r: 'cskoi8r',
  koi8_u: '',
}

const CODECS = new Map<string, string>()
for (const [module, aliases] of Object.entries(ALIASES)) {
  CODECS.set(module, module)
  for (const alias of aliases.split(' ')) if (alias) CODECS.set(alias, module)
}

/** Bytes a Python charmap codec leaves undefined (WHATWG's decoders map some of them). */
const UNDEFINED: Record<string, string> = {
  cp1250: '81 83 88 90 98',
  cp1251: '98',
  cp1252: '81 8d 8f 90 9d',
  cp1253: '81 88 8a 8c 8d 8e 8f 90 98 9a 9c 9d 9e 9f aa d2 ff',
  cp1254: '81 8d 8e 8f 90 9d 9e',
  cp1255: '81 8a 8c 8d 8e 8f 90 9a 9c 9d 9e 9f ca d9 da db dc dd de df fb fc ff',
  cp1257: '81 83 88 8a 8c 90 98 9a 9c 9f a1 a5',
  cp1258: '81 8a 8d 8e 8f 90 9a 9d 9e',
  iso8859_3: 'a5 ae be c3 d0 e3 f0',
  iso8859_6:
    'a1 a2 a3 a5 a6 a7 a8 a9 aa ab ae af b0 b1 b2 b3 b4 b5 b6 b7 b8 b9 ba bc bd be c0 db dc dd de df f3 f4 f5 f6 f7 f8 f9 fa fb fc fd fe ff',
  iso8859_7: 'ae d2 ff',
  iso8859_8:
    'a1 bf c0 c1 c2 c3 c4 c5 c6 c7 c8 c9 ca cb cc cd ce cf d0 d1 d2 d3 d4 d5 d6 d7 d8 d9 da db dc dd de fb fc ff',
}

/** Python's cp1252 for 0x80–0x9f (some Node releases decode windows-1252 as latin-1). */
const CP1252_HIGH = '€\uFFFF‚ƒ„…†‡ˆ‰Š‹Œ\uFFFFŽ\uFFFF\uFFFF‘’“”•–—˜™š›œ\uFFFFžŸ'

/**
 * codecs.lookup(name): the codec's module name, or undefined (LookupError).
 * Only codecs the mock can decode are known; see the README for the others.
 */
export function lookupCodec(name: string): string | undefined {
  // Clients send the same charset every time: remembered (a bounded map, cleared when full).
  if (looked.has(name)) return looked.get(name)
  const norm = name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/^_+|_+$/g, '')
  const codec = CODECS.get(norm) ?? CODECS.get(norm.replace(/\./g, '_'))
  if (looked.size >= 256 || name.length > 64) looked.clear()
  if (name.length <= 64) looked.set(name, codec)
  return codec
}
const looked = new Map<string, string | undefined>()

/**
 * What `codecs.getreader(encoding)(stream).read()` (errors 'strict') or
 * `bytes.decode(encoding, 'replace')` gives. `encoding` is a name lookupCodec knows.
 */
export function pyDecode(bytes: Uint8Array, encoding: string, errors: 'strict' | 'replace'): Decoded {
  const codec = lookupCodec(encoding) ?? 'utf_8'
  switch (codec) {
    case 'utf_8':
      return errors === 'replace' ? { ok: true, text: utf8Replace.decode(bytes) } : utf8Stream(bytes, 0)
    case 'utf_8_sig': {
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
      if (errors === 'replace') return { ok: true, text: utf8Replace.decode(bom ? bytes.subarray(3) : bytes) }
      return utf8Stream(bytes, bom ? 3 : 0)
    }
    case 'ascii':
      return charmap(bytes, errors, 'ascii', (b) => (b < 0x80 ? b : -1), 'ordinal not in range(128)')
    case 'latin_1':
      return charmap(bytes, errors, 'latin-1', (b) => b, '')
    case 'utf_16':
    case 'utf_16_le':
    case 'utf_16_be':
      return utf16(bytes, codec, errors)
    case 'utf_32':
    case 'utf_32_le':
    case 'utf_32_be':
      return utf32(bytes, codec, errors)
    default:
      return singleByte(bytes, codec, errors)
  }
}

const utf8Replace = new TextDecoder('utf-8', { ignoreBOM: true })
const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

function decodeError(codec: string, b: Uint8Array, start: number, end: number, reason: string): Decoded {
  const where =
    end - start === 1
      ? `byte 0x${b[start]!.toString(16).padStart(2, '0')} in position ${start}`
      : `bytes in position ${start}-${end - 1}`
  return { ok: false, message: `'${codec}' codec can't decode ${where}: ${reason}` }
}

function charmap(
  bytes: Uint8Array,
  errors: 'strict' | 'replace',
  codec: string,
  map: (b: number) => number,
  reason: string,
): Decoded {
  let out = ''
  for (let i = 0; i < bytes.length; i++) {
    const cp = map(bytes[i]!)
    if (cp < 0) {
      if (errors === 'strict') return decodeError(codec, bytes, i, i + 1, reason)
      out += '\uFFFD'
    } else out += String.fromCharCode(cp)
  }
  return { ok: true, text: out }
}

function singleByte(bytes: Uint8Array, codec: string, errors: 'strict' | 'replace'): Decoded {
  const undefinedBytes = new Set(
    (UNDEFINED[codec] ?? '')
      .split(' ')
      .filter(Boolean)
      .map((h) => Number.parseInt(h, 16)),
  )
  let table: string
  if (codec === 'cp1252') {
    table = [...Array(0x80)].map((_, i) => String.fromCharCode(i)).join('') + CP1252_HIGH
    table += [...Array(0x60)].map((_, i) => String.fromCharCode(0xa0 + i)).join('')
  } else {
    const label = codec
      .replace(/^cp/, 'windows-')
      .replace(/^iso8859_/, 'iso-8859-')
      .replace('_', '-')
    table = new TextDecoder(label).decode(Uint8Array.from({ length: 256 }, (_, i) => i))
  }
  // Python reports undefined bytes as 'charmap' errors.
  return charmap(
    bytes,
    errors,
    'charmap',
    (b) => (undefinedBytes.has(b) ? -1 : table.charCodeAt(b)),
    'character maps to <undefined>',
  )
}

/** CPython's UTF-8 decoder, not final (StreamReader.read). */
function utf8Stream(b: Uint8Array, start: number): Decoded {
  try {
    return { ok: true, text: utf8Fatal.decode(start ? b.subarray(start) : b) }
  } catch {
    // invalid or incomplete: CPython's exact message, or the tail held back
  }
  let out = ''
  let i = start
  const n = b.length
  const fail = (s: number, e: number, reason: string) => decodeError('utf-8', b, s, e, reason)
  const cont = (x: number | undefined) => x !== undefined && x >= 0x80 && x <= 0xbf
  while (i < n) {
    const c = b[i]!
    if (c < 0x80) {
      // ASCII runs in one go
      let j = i + 1
      while (j < n && b[j]! < 0x80 && j - i < 8192) j++
      out += String.fromCharCode(...b.subarray(i, j))
      i = j
      continue
    }
    if (c < 0xc2 || c > 0xf4) return fail(i, i + 1, 'invalid start byte')
    if (c < 0xe0) {
      if (i + 1 >= n) break
      if (!cont(b[i + 1])) return fail(i, i + 1, 'invalid continuation byte')
      out += String.fromCharCode(((c & 0x1f) << 6) | (b[i + 1]! & 0x3f))
      i += 2
      continue
    }
    if (c < 0xf0) {
      const lo = c === 0xe0 ? 0xa0 : 0x80
      const hi = c === 0xed ? 0x9f : 0xbf
      if (i + 1 >= n) break
      const b1 = b[i + 1]!
      if (b1 < lo || b1 > hi) return fail(i, i + 1, 'invalid continuation byte')
      if (i + 2 >= n) break
      if (!cont(b[i + 2])) return fail(i, i + 2, 'invalid continuation byte')
      out += String.fromCharCode(((c & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b[i + 2]! & 0x3f))
      i += 3
      continue
    }
    const lo = c === 0xf0 ? 0x90 : 0x80
    const hi = c === 0xf4 ? 0x8f : 0xbf
    if (i + 1 >= n) break
    const b1 = b[i + 1]!
    if (b1 < lo || b1 > hi) return fail(i, i + 1, 'invalid continuation byte')
    if (i + 2 >= n) break
    if (!cont(b[i + 2])) return fail(i, i + 2, 'invalid continuation byte')
    if (i + 3 >= n) break
    if (!cont(b[i + 3])) return fail(i, i + 3, 'invalid continuation byte')
    out += String.fromCodePoint(
      ((c & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f),
    )
    i += 4
  }
  return { ok: true, text: out }
}

function utf16(b: Uint8Array, codec: string, errors: 'strict' | 'replace'): Decoded {
  let little = codec !== 'utf_16_be'
  let i = 0
  if (codec === 'utf_16') {
    if (b.length < 2) return { ok: true, text: '' }
    if (b[0] === 0xff && b[1] === 0xfe) i = 2
    else if (b[0] === 0xfe && b[1] === 0xff) {
      little = false
      i = 2
    } else if (errors === 'strict') return { ok: false, message: 'UTF-16 stream does not start with BOM' }
  }
  const name = little ? 'utf-16-le' : 'utf-16-be'
  const unit = (at: number) => (little ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!)
  let out = ''
  while (i + 1 < b.length) {
    const u = unit(i)
    if (u < 0xd800 || u > 0xdfff) {
      out += String.fromCharCode(u)
      i += 2
      continue
    }
    if (u >= 0xdc00) {
      if (errors === 'strict') return decodeError(name, b, i, i + 2, 'illegal encoding')
      out += '\uFFFD'
      i += 2
      continue
    }
    if (i + 3 >= b.length) break // an incomplete pair at the end: held back
    const low = unit(i + 2)
    if (low < 0xdc00 || low > 0xdfff) {
      if (errors === 'strict') return decodeError(name, b, i, i + 2, 'illegal UTF-16 surrogate')
      out += '\uFFFD'
      i += 2
      continue
    }
    out += String.fromCharCode(u, low)
    i += 4
  }
  return { ok: true, text: out }
}

function utf32(b: Uint8Array, codec: string, errors: 'strict' | 'replace'): Decoded {
  let little = codec !== 'utf_32_be'
  let i = 0
  if (codec === 'utf_32') {
    if (b.length < 4) return { ok: true, text: '' }
    if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) i = 4
    else if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) {
      little = false
      i = 4
    } else if (errors === 'strict') return { ok: false, message: 'UTF-32 stream does not start with BOM' }
  }
  const name = little ? 'utf-32-le' : 'utf-32-be'
  let out = ''
  for (; i + 3 < b.length; i += 4) {
    const cp = little
      ? (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0
      : ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0
    const reason =
      cp > 0x10ffff
        ? 'code point not in range(0x110000)'
        : cp >= 0xd800 && cp < 0xe000
          ? 'code point in surrogate code point range(0xd800, 0xe000)'
          : undefined
    if (reason) {
      if (errors === 'strict') return decodeError(name, b, i, i + 4, reason)
      out += '\uFFFD'
    } else out += String.fromCodePoint(cp)
  }
  return { ok: true, text: out }
}
