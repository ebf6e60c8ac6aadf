import { describe, expect, it } from 'vitest'
import { AUTH, type Client, forEachTransport, JSON_HEADERS, json } from '../support/transports.js'

/**
 * DRF / Django / CPython behaviour the providers' pages leave to their
 * framework, with the framework's exact text: dates, Python values, the
 * validators DRF always adds, body edge cases, OPTIONS, the DRF version.
 */
const NOW = '2025-01-24T08:45:18.500000Z'
const ITEM = '/api/v1/order_items/1/'
const HAMGAM = { Authorization: 'Token hamgam-staff-token' }
const HAMGAM_ITEM = '/api/orders/123/items/789'
const LEGACY = 'drf-3.14-json-only'

const patchRaw = (
  api: Client,
  path: string,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = JSON_HEADERS,
) => api(path, { method: 'PATCH', headers: { 'X-Mock-Now': NOW, ...headers }, body })
const patchItem = (api: Client, body: unknown) => patchRaw(api, ITEM, JSON.stringify(body))
const patchHamgam = (api: Client, body: string) =>
  patchRaw(api, HAMGAM_ITEM, body, { ...HAMGAM, 'Content-Type': 'application/json' })
const state = async (t: { admin(path: string, init?: RequestInit): Promise<Response> }, api: Client) =>
  json(await t.admin('/state', { headers: { 'X-Mock-Session': api.session } }))

forEachTransport((t) => {
  describe('dates and times as Django parses them on Python 3.11+', () => {
    it.each([
      ['20250124T143000Z', '2025-01-24T14:30:00Z'],
      ['2025-01-24T14', '2025-01-24T14:00:00Z'],
      ['2025-W04-5T10:00', '2025-01-24T10:00:00Z'],
      ['2025-01-24T14:30:00+05:30:15', '2025-01-24T08:59:45Z'],
      ['2025-1-5 9:05', '2025-01-05T09:05:00Z'],
      ['2025-01-24', '2025-01-24T00:00:00Z'],
      ['0099-06-01T00:00:00', '0099-06-01T00:00:00Z'],
      ['0001-01-01T00:00:00-01:00', '0001-01-01T01:00:00Z'],
    ])('shipped_date %s is stored as %s', async (input, stored) => {
      const api = t().client('omnitron')
      const res = await patchItem(api, { shipped_date: input })
      expect(res.status).toBe(200)
      expect((await json(res)).shipped_date).toBe(stored)
      expect((await json(await api(ITEM, { headers: AUTH }))).shipped_date).toBe(stored)
    })

    it.each([
      '2025-01-24T14:30:00+24:00',
      '0000-01-01T00:00:00',
      '2025-02-29T10:00',
      '2025/01/24 10:00',
      '25-01-24T10:00',
    ])('shipped_date %s is refused with the format message', async (input) => {
      const res = await patchItem(t().client('omnitron'), { shipped_date: input })
      expect(res.status).toBe(400)
      expect(await json(res)).toEqual({
        shipped_date: [
          'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
        ],
      })
    })

    it.each(['0001-01-01T00:00:00+01:00', '9999-12-31T23:59:59-00:01'])(
      '%s is "Datetime value out of range."',
      async (input) => {
        const res = await patchItem(t().client('omnitron'), { invoice_date: input })
        expect(res.status).toBe(400)
        expect(await json(res)).toEqual({ invoice_date: ['Datetime value out of range.'] })
      },
    )

    it.each([
      ['20250126', '2025-01-26'],
      ['2025-W04-7', '2025-01-26'],
      ['2025-1-5', '2025-01-05'],
      ['0099-06-01', '0099-06-01'],
    ])('estimated_delivery_date %s is %s', async (input, stored) => {
      const res = await patchItem(t().client('omnitron'), { estimated_delivery_date: input })
      expect(res.status).toBe(200)
      expect((await json(res)).estimated_delivery_date).toBe(stored)
    })
  })

  describe('Python values', () => {
    it('a float status is str()-ed before the choice lookup: 450.0 is "450.0"', async () => {
      const res = await patchRaw(t().client('omnitron'), ITEM, '{"status": 450.0}')
      expect(res.status).toBe(400)
      expect(await json(res)).toEqual({ status: ['No matching type.'] })
    })

    it.each([
      ['1.0', '1.0'],
      ['1e20', '1e+20'],
      ['1180591620717411303424', '1180591620717411303424'],
      ['0.1', '0.1'],
      ['1e-7', '1e-07'],
      ['-0.0', '-0.0'],
    ])('a CharField given %s stores str() of it: %s', async (literal, stored) => {
      const res = await patchRaw(t().client('omnitron'), ITEM, `{"tracking_number": ${literal}}`)
      expect(res.status).toBe(200)
      expect((await json(res)).tracking_number).toBe(stored)
    })

    it('a JSON field echoes numbers as json.dumps writes them, on the write and on every read', async () => {
      const api = t().client('omnitron')
      const body = '{"extra_field": {"a": 1.0, "b": 1e16, "c": 1e-7, "d": 1180591620717411303424, "e": 2.50}}'
      const res = await patchRaw(api, ITEM, body)
      expect(res.status).toBe(200)
      const expected = '"extra_field":{"a":1.0,"b":1e+16,"c":1e-07,"d":1180591620717411303424,"e":2.5}'
      expect(await res.text()).toContain(expected)
      expect(await (await api(ITEM, { headers: AUTH })).text()).toContain(expected)
    })

    it('inf (from 1e400) is "Value must be valid JSON." and nothing changes', async () => {
      const api = t().client('omnitron')
      const before = await state(t(), api)
      const res = await patchRaw(api, ITEM, '{"extra_field": {"x": 1e400}}')
      expect(res.status).toBe(400)
      expect(await json(res)).toEqual({ extra_field: ['Value must be valid JSON.'] })
      expect(await state(t(), api)).toEqual(before)
    })

    it('IntegerField: 5.0 is 5; 1e20 is not an int (str "1e+20"); Python int() on strings', async () => {
      const api = t().client('hamgam')
      const ok = await patchHamgam(api, '{"quantity": 4.0, "unit_discount": " 1_000 "}')
      expect(ok.status).toBe(200)
      const item = (await json(ok)).items.find((i: { id: number }) => i.id === 789)
      expect(item.quantity).toBe(4)
      expect(item.unit_discount).toBe(1000)
      const bad = await patchHamgam(api, '{"quantity": 1e20, "unit_price": true}')
      expect(await json(bad)).toEqual({
        unit_price: ['A valid integer is required.'],
        quantity: ['A valid integer is required.'],
      })
    })
  })

  describe('validators DRF always adds', () => {
    it('NUL and lone surrogates in a CharField', async () => {
      const res = await patchRaw(
        t().client('omnitron'),
        ITEM,
        '{"tracking_number": "a\\u0000b", "invoice_number": "x\\ud800"}',
      )
      expect(res.status).toBe(400)
      expect(await json(res)).toEqual({
        tracking_number: ['Null characters are not allowed.'],
        invoice_number: ['Surrogate characters are not allowed: U+D800.'],
      })
    })

    it('IntegerField: over 1000 characters is "String value too large."; the column range is max/min value', async () => {
      const api = t().client('hamgam')
      const res = await patchHamgam(
        api,
        JSON.stringify({ quantity: '1'.repeat(1001), unit_price: 2147483648, unit_discount: '-2147483649' }),
      )
      expect(res.status).toBe(400)
      expect(await json(res)).toEqual({
        unit_price: ['Ensure this value is less than or equal to 2147483647.'],
        unit_discount: ['Ensure this value is greater than or equal to -2147483648.'],
        quantity: ['String value too large.'],
      })
    })

    it('"" for a related field is None: a nullable one is cleared, a required one "may not be null"', async () => {
      const cleared = await patchItem(t().client('omnitron'), { parent: '' })
      expect(cleared.status).toBe(200)
      expect((await json(cleared)).parent).toBeNull()
      const refused = await patchHamgam(t().client('hamgam'), '{"product": ""}')
      expect(refused.status).toBe(400)
      expect(await json(refused)).toEqual({ product: ['This field may not be null.'] })
    })

    it('a related pk goes through int(): "1_0" is 10, 7.0 is looked up as 7 but reported as given', async () => {
      const res = await patchItem(t().client('omnitron'), { parent: '0_2' })
      expect(res.status).toBe(200)
      expect((await json(res)).parent).toBe(2)
      const missing = await patchRaw(t().client('omnitron'), ITEM, '{"parent": 77777.0}')
      expect(await json(missing)).toEqual({ parent: ['Invalid pk "77777.0" - object does not exist.'] })
    })

    it.each([
      ['%201', 200],
      ['+1', 200],
      ['%D9%A1', 200],
      ['0_1', 200],
    ])('the URL pk %s goes through int()', async (pk, status) => {
      const res = await t().client('omnitron')(`/api/v1/order_items/${pk}/`, { headers: AUTH })
      expect(res.status).toBe(status)
      expect((await json(res)).pk).toBe(1)
    })

    it('a URL pk int() refuses is a bare 404; an int that matches nothing names the model', async () => {
      const api = t().client('omnitron')
      expect(await json(await api('/api/v1/order_items/1__0/', { headers: AUTH }))).toEqual({ detail: 'Not found.' })
      expect(await json(await api('/api/v1/order_items/99999999999999999999999/', { headers: AUTH }))).toEqual({
        detail: 'No OrderItem matches the given query.',
      })
    })
  })

  describe('body edge cases', () => {
    it('a JSON null body is {"non_field_errors": ["No data provided"]}', async () => {
      const res = await patchRaw(t().client('omnitron'), ITEM, 'null')
      expect(res.status).toBe(400)
      expect(await json(res)).toEqual({ non_field_errors: ['No data provided'] })
    })

    it.each([
      [
        'ascii',
        '{"tracking_number": "é"}',
        "'ascii' codec can't decode byte 0xc3 in position 21: ordinal not in range(128)",
      ],
      ['utf-16', '{"a": 1}', 'UTF-16 stream does not start with BOM'],
      [
        'cp1252',
        '{"a": "\u0081"}',
        "'charmap' codec can't decode byte 0x81 in position 7: character maps to <undefined>",
      ],
    ])("charset=%s is decoded with Python's codec: %s", async (charset, text, message) => {
      const bytes =
        charset === 'utf-16'
          ? Uint8Array.from([...text].flatMap((ch) => [ch.charCodeAt(0), 0]))
          : charset === 'cp1252'
            ? Uint8Array.from([...text].map((ch) => ch.charCodeAt(0)))
            : new TextEncoder().encode(text)
      const res = await patchRaw(t().client('omnitron'), ITEM, bytes, {
        ...AUTH,
        'Content-Type': `application/json; charset=${charset}`,
      })
      expect(res.status).toBe(400)
      expect(await json(res)).toEqual({ detail: `JSON parse error - ${message}` })
    })

    it('utf-8-sig strips the BOM; utf-16 with a BOM and latin-1 decode', async () => {
      const api = t().client('omnitron')
      const sig = await patchRaw(
        api,
        ITEM,
        Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"tracking_number": "S"}')]),
        {
          ...AUTH,
          'Content-Type': 'application/json; charset=utf-8-sig',
        },
      )
      expect(sig.status).toBe(200)
      const utf16 = Uint8Array.from([
        0xff,
        0xfe,
        ...[...'{"tracking_number": "Ş"}'].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8]),
      ])
      const r16 = await patchRaw(api, ITEM, utf16, { ...AUTH, 'Content-Type': 'application/json; charset=UTF-16' })
      expect((await json(r16)).tracking_number).toBe('Ş')
      const latin = Uint8Array.from([...'{"tracking_number": "é"}'].map((ch) => ch.charCodeAt(0)))
      const rl = await patchRaw(api, ITEM, latin, { ...AUTH, 'Content-Type': 'application/json; charset=latin1' })
      expect((await json(rl)).tracking_number).toBe('é')
    })
  })

  describe('methods, OPTIONS, errors in one pass, Django pages', () => {
    it('a method DRF does not route is 405 naming it, after authentication', async () => {
      const api = t().client('omnitron')
      const anonymous = await api(ITEM, { method: 'PROPFIND' })
      expect(anonymous.status).toBe(401)
      const res = await api(ITEM, { method: 'PROPFIND', headers: AUTH })
      expect(res.status).toBe(405)
      expect(await json(res)).toEqual({ detail: 'Method "PROPFIND" not allowed.' })
      expect(res.headers.get('allow')).toBe('GET, PATCH, HEAD, OPTIONS')
    })

    it('OPTIONS on a view that allows POST describes its serializer under actions.POST', async () => {
      const body = await json(
        await t().client('hamgam')('/api/orders/123/payments', { method: 'OPTIONS', headers: HAMGAM }),
      )
      expect(body.actions).toEqual({
        POST: {
          id: { type: 'integer', required: false, read_only: true, label: 'ID' },
          payment_method: { type: 'field', required: true, read_only: false, label: 'Payment method' },
          amount: {
            type: 'integer',
            required: true,
            read_only: false,
            label: 'Amount',
            min_value: -2147483648,
            max_value: 2147483647,
          },
          approved: { type: 'boolean', required: false, read_only: false, label: 'Approved' },
          transaction_id: {
            type: 'string',
            required: false,
            read_only: false,
            label: 'Transaction id',
            max_length: 255,
          },
          notes: { type: 'string', required: false, read_only: false, label: 'Notes' },
          created_at: { type: 'datetime', required: false, read_only: true, label: 'Created at' },
          updated_at: { type: 'datetime', required: false, read_only: true, label: 'Updated at' },
        },
      })
      const login = await json(await t().client('omnitron')('/api/v1/auth/login/', { method: 'OPTIONS' }))
      expect(Object.keys(login.actions.POST)).toEqual(['username', 'password'])
      const detail = await json(await t().client('omnitron')(ITEM, { method: 'OPTIONS', headers: AUTH }))
      expect(detail.actions).toBeUndefined()
    })

    it('a create reports every field in declaration order, "required" in its place', async () => {
      const res = await t().client('hamgam')('/api/orders/123/payments', {
        method: 'POST',
        headers: { ...HAMGAM, 'Content-Type': 'application/json' },
        body: '{"approved": "maybe", "notes": ["x"]}',
      })
      expect(res.status).toBe(400)
      const text = await res.text()
      expect(text).toBe(
        JSON.stringify({
          payment_method: ['This field is required.'],
          amount: ['This field is required.'],
          approved: ['Must be a valid boolean.'],
          notes: ['Not a valid string.'],
        }),
      )
    })

    it("Django's 404 page is text/html; charset=utf-8", async () => {
      const res = await t().client('hamgam')('/api/orders/123/', { headers: HAMGAM })
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    })
  })

  describe('DRF version (scenario drf.version)', () => {
    it("3.15+ (default): 404 keeps Django's message; booleans match case-insensitively", async () => {
      const api = t().client('omnitron')
      expect(await json(await api('/api/v1/orders/424242/', { headers: AUTH }))).toEqual({
        detail: 'No Order matches the given query.',
      })
      const res = await patchRaw(api, '/api/v1/orders/12345/', '{"is_send": "tRuE"}')
      expect(res.status).toBe(200)
      expect((await json(res)).is_send).toBe(true)
    })

    it('3.14: 404 is "Not found."; "tRuE" is not a boolean, "TRUE" is', async () => {
      const api = t().client('omnitron', { scenario: LEGACY })
      expect(await json(await api('/api/v1/orders/424242/', { headers: AUTH }))).toEqual({ detail: 'Not found.' })
      const res = await patchRaw(api, '/api/v1/orders/12345/', '{"is_send": "tRuE"}')
      expect(res.status).toBe(400)
      expect(await json(res)).toEqual({ is_send: ['Must be a valid boolean.'] })
      const upper = await patchRaw(api, '/api/v1/orders/12345/', '{"is_send": "TRUE"}')
      expect(upper.status).toBe(200)
      const hamgam = t().client('hamgam', { scenario: LEGACY })
      expect(await json(await hamgam('/api/orders/123/items/999', { headers: HAMGAM }))).toEqual({
        detail: 'Not found.',
      })
    })
  })
})
