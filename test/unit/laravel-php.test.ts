/**
 * PHP semantics behind Laravel's rules and input, each expectation taken from
 * PHP 8.2 itself (is_numeric, filter_var, strtotime + date_parse + checkdate,
 * json_decode, parse_str, Laravel 11's Str::trim regex).
 */
import { describe, expect, it } from 'vitest'
import { strTrim } from '../../src/frameworks/laravel/input.js'
import { phpJson } from '../../src/frameworks/laravel/json.js'
import { PhpNumber, phpFloatString } from '../../src/frameworks/laravel/php.js'
import { phpJsonDecode } from '../../src/frameworks/laravel/php-json.js'
import { parsePhpMultipart, parsePhpQuery } from '../../src/frameworks/laravel/php-query.js'
import { isDate, isEmail, isInteger, isNumeric, isUrl } from '../../src/frameworks/laravel/php-rules.js'

const decode = (s: string | Uint8Array) => phpJsonDecode(typeof s === 'string' ? new TextEncoder().encode(s) : s)

describe('PHP semantics (Laravel providers)', () => {
  it('is_numeric', () => {
    const yes = [
      ' 1',
      '1 ',
      '1\n',
      '\n1',
      '.5',
      '5.',
      '1e5',
      '1E+5',
      '+1',
      '-.5e-3',
      '\t1',
      '\v1',
      '\f1',
      '1\f',
      1,
      1.5,
    ]
    const no = ['0x1A', '', ' ', '1_0', '١', 'INF', 'NAN', '1e', '0b1', true, null, []]
    expect(yes.filter((v) => !isNumeric(v))).toEqual([])
    expect(no.filter((v) => isNumeric(v))).toEqual([])
    expect(isNumeric((decode('1e400') as { value: unknown }).value)).toBe(true)
  })

  it('filter_var(FILTER_VALIDATE_INT)', () => {
    const yes = ['0', '-0', '+1', ' 1', '1 ', '\n1', '\t1\t', '9223372036854775807', '-9223372036854775808', '\v1']
    const yes2 = [true, 0, new PhpNumber('float', 1), new PhpNumber('float', -0), '\r1\r']
    const no = ['007', '9223372036854775808', '-9223372036854775809', '1.0', '1e2', '0x1A', '', '00', '-', '\f1']
    const no2 = [false, 1.5, new PhpNumber('float', 1e19), Number.POSITIVE_INFINITY, null, [1]]
    expect([...yes, ...yes2].filter((v) => !isInteger(v))).toEqual([])
    expect([...no, ...no2].filter((v) => isInteger(v))).toEqual([])
  })

  it('strtotime + date_parse + checkdate', () => {
    const yes = [
      '2023-07-28',
      '2023-07-28T09:00:00Z',
      '2023-07-28T09:00:00.123+03:00',
      '2023-07-28 09:00',
      '2023-07-28 9am',
    ]
    const yes2 = ['28.07.2023', '07/28/2023', '28-07-2023', '2023/07/28', '@1690534800', '20230728', 'July 28, 2023']
    const yes3 = ['28 July 2023', 'Jul 28 2023', 'Fri, 28 Jul 2023 09:00:00 GMT', '2023-7-8', '23-07-28', '0001-01-01']
    const yes4 = ['9999-12-31', '2023-07-28Z', '2023-07-28 UTC', '2023-07-28T09:00:00+0300', '2023-W30', '2023-W30-5']
    const yes5 = ['July 2023', '2023-07', '2023-07-28 09:00:00 Europe/Berlin', '2023-07-28T24:00:00', ' 2023-07-28 ']
    const yes6 = ['1 January 1970', '28.7.23', '10/Oct/2000:13:55:36 -0700', '2023-07-28T09:00:00.123456789Z', 20230728]
    const no = ['2023-02-30', '28/07/2023', '1690534800', '2023', '12345', '0', 'now', 'today', 'tomorrow', '+1 day']
    const no2 = ['next monday', '2023-13-01', '2023-00-10', '0000-00-00', '2023-07-28 25:00', 'the other day', '28 Jul']
    const yes7 = ['2023-Jul-28', '2023-07-28 midnight', '1/1/1', '2023-07-28 10.30', '2023-07-28T10', '2023-07-28T1000']
    const yes8 = ['2023-7-28T1:2:3', 'Jul-28-2023', '28-Jul-23', '2023-07-28 00:00:00 CEST', '2023-07-28 10:00 GMT+2']
    const no4 = ['2023-07-28 00:00:00 XYZ', '2023-07-28 13:00 pm']
    const no3 = ['yesterday noon', 'Friday', '1.5', '2023.07.28', 1690534800, 2023, 1.5, 0, true, null]
    expect([...yes, ...yes2, ...yes3, ...yes4, ...yes5, ...yes6, ...yes7, ...yes8].filter((v) => !isDate(v))).toEqual(
      [],
    )
    expect([...no, ...no2, ...no3, ...no4].filter((v) => isDate(v))).toEqual([])
  })

  it('email (RFCValidation) and url (Str::isUrl)', () => {
    expect(
      [
        'a@b.co',
        'a.b+c@example.com',
        '"a b"@x.com',
        'a@localhost',
        'ü@例え.jp',
        'a@[127.0.0.1]',
        'a(c)b@b.com',
        '(c)@b.com',
        'a@b(c).com',
      ].every(isEmail),
    ).toBe(true)
    const badEmails = ['a', '@b.com', 'a@', 'a..b@c.com', '.a@b.com', 'a.@b.com', 'a@b..com', 'a@-b.com', 'a@b-.com']
    expect([...badEmails, 'a@b_c.com', 'a b@c.com', 'a@b.com.', `a@${'x'.repeat(64)}.com`].filter(isEmail)).toEqual([])
    const urls = [
      'https://example.com/avatar.jpg',
      'ftp://x.y',
      's3://bucket/key',
      'HTTP://EXAMPLE.COM',
      'http://[::1]:80/',
    ]
    expect([...urls, 'http://user:pw@host.com/p?q=1#f', 'http://例え.jp/パス'].every(isUrl)).toBe(true)
    expect(
      ['http:/a', 'javascript://x', 'http://a b.com', 'example.com', `http://${'a'.repeat(3000)}.com`].filter(isUrl),
    ).toEqual([])
  })

  it('json_decode: types, depth, refusals', () => {
    expect(decode('-0')).toEqual({ value: 0 })
    expect(decode('1.0')!.value).toEqual(new PhpNumber('float', 1))
    expect(decode('9223372036854775807')!.value).toEqual(new PhpNumber('int', Number(2n ** 63n), 2n ** 63n - 1n))
    expect(decode('9223372036854775808')!.value).toEqual(new PhpNumber('float', 2 ** 63))
    expect(decode('1e400')).toEqual({ value: Number.POSITIVE_INFINITY })
    expect(decode('{"a":"\\ud83d\\ude00"}')).toEqual({ value: { a: '😀' } })
    for (const bad of ['\ufeff{}', '{"a":"\\ud800"}', '{"a":"\\udc00\\ud800"}', '01', '', '{"a":1,}', '[1] x'])
      expect(decode(bad), bad).toBeUndefined()
    expect(decode(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]))).toBeUndefined()
    expect(decode(`${'['.repeat(511)}1${']'.repeat(511)}`)).toBeDefined()
    expect(decode(`${'['.repeat(512)}${']'.repeat(512)}`)).toBeUndefined()
    expect(decode('{"__proto__":1}')!.value).toEqual(JSON.parse('{"__proto__":1}'))
    // Inside containers, next to strings with escaped quotes and brackets, as at the top.
    const mixed = decode('{"a\\"[":[-0,1.5,-0.0,1e2,2,1E-400,12345678901234567],"b":"\\\\"}')!.value as Record<
      string,
      unknown
    >
    expect(Object.is((mixed['a"['] as unknown[])[0], 0)).toBe(true)
    expect(mixed).toEqual({
      'a"[': [
        0,
        1.5,
        new PhpNumber('float', -0),
        new PhpNumber('float', 100),
        2,
        new PhpNumber('float', 0),
        new PhpNumber('int', 12345678901234568, 12345678901234567n),
      ],
      b: '\\',
    })
    expect(decode('["\\ud800"]')).toBeUndefined()
    expect(decode('{"a":[1,]}')).toBeUndefined()
  })

  it('json_encode: slashes and every non-ASCII character escaped, at any length', () => {
    expect(phpJson({ a: 'x/y', b: 'caf\u00e9', c: '\u00ff\u0100', d: '\u{1f600}', e: '\x7f~' })).toBe(
      '{"a":"x\\/y","b":"caf\\u00e9","c":"\\u00ff\\u0100","d":"\\ud83d\\ude00","e":"\x7f~"}',
    )
    expect(phpJson({ a: 'plain', n: [1, 2.5, null, true] })).toBe('{"a":"plain","n":[1,2.5,null,true]}')
    const long = 'a'.repeat(40_000)
    expect(phpJson([long, '\u00e9'])).toBe(`["${long}","\\u00e9"]`)
    expect(phpJson([long])).toBe(`["${long}"]`)
  })

  it('parse_str', () => {
    const cases: [string, unknown][] = [
      ['a[b]=1&a[c][]=2&a[c][]=3', { a: { b: '1', c: ['2', '3'] } }],
      ['a.b=1&c d=2&e[f.g]=3', { a_b: '1', c_d: '2', e: { 'f.g': '3' } }],
      ['a[=1', { a_: '1' }],
      ['a]=1', { 'a]': '1' }],
      ['a[b=1', { a_b: '1' }],
      ['a[b][c=1', { a: { b: '1' } }],
      [' x=1&  y=2', { x: '1', y: '2' }],
      ['a[]=1&a[]=2&a[5]=x&a[]=y', { a: { 0: '1', 1: '2', 5: 'x', 6: 'y' } }],
      ['a[ b ]=1', { a: { ' b ': '1' } }],
      ['=1&&b', { b: '' }],
      ['a%5Bb%5D=1', { a: { b: '1' } }],
      ['a+b=1&c=%ZZ+%41', { a_b: '1', c: '%ZZ A' }],
      ['a[b]c=1', { a: { b: '1' } }],
      ['a[b]=1&a=2', { a: '2' }],
      ['x.y[z.w]=1', { x_y: { 'z.w': '1' } }],
      ['%00a=1', {}],
      ['a[]][=1', { a: ['1'] }],
      ['[a]=1', {}],
      ['a.[b=1', { a__b: '1' }],
      [`a${'[x]'.repeat(65)}=1`, {}],
    ]
    for (const [q, want] of cases) expect(parsePhpQuery(q), q).toEqual(want)
  })

  it('multipart/form-data as PHP fills $_POST', () => {
    const body =
      '--XX\r\nContent-Disposition: form-data; name="a.b"\r\n\r\n1\r\n' +
      '--XX\r\nContent-Disposition: form-data; name="items[0][sku]"\r\n\r\nS\u00e9\r\n' +
      '--XX\r\nContent-Disposition: form-data; name="f"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\nfile\r\n' +
      '--XX--\r\n'
    expect(parsePhpMultipart(new TextEncoder().encode(body), 'Multipart/Form-Data; boundary=XX')).toEqual({
      a_b: '1',
      items: [{ sku: 'S\u00e9' }],
    })
  })

  it("Str::trim strips PCRE's Unicode space and Laravel's invisible characters; (string) of floats", () => {
    for (const ch of [
      '\0',
      '\u0085',
      '\u00ad',
      '\u180e',
      '\u200b',
      '\u200f',
      '\u2060',
      '\u2800',
      '\u3164',
      '\ufeff',
      '\u{1d159}',
    ])
      expect(strTrim(`${ch} a ${ch}`), JSON.stringify(ch)).toBe('a')
    expect(strTrim('\u00e9')).toBe('\u00e9')
    expect([1e15, 1e14, 0.00001, 123456789012345.6, 0.1 + 0.2, -0].map(phpFloatString)).toEqual([
      '1.0E+15',
      '1.0E+14',
      '1.0E-5',
      '1.2345678901235E+14',
      '0.3',
      '-0',
    ])
  })
})
