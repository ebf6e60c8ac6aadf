/**
 * Aymakan answers as a real Laravel 11 app would where its pages are silent:
 * each case has Laravel's exact text (read from laravel/framework 11.x and
 * symfony 7.x; PHP semantics checked against PHP 8.2).
 */
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/node/index.js'
import { type Client, forEachTransport, json, type Transport } from '../support/transports.js'

/**
 * Laravel 11's errors::404 view as Blade renders it: rendered by illuminate/view 8.83 (Debian) from
 * the 11.x templates, with 11.x's compileStatement (no doubled space after a non-directive `@keyframes`).
 */
const LARAVEL_404_PAGE = readFileSync(new URL('../fixtures/laravel-404-page.txt', import.meta.url), 'utf8')
const KEY = { 'api-key': 'aymakan-test-key' }
const JSON_IN = { ...KEY, 'Content-Type': 'application/json', Accept: 'application/json' }
const put = (api: Client, body: unknown, headers: Record<string, string> = JSON_IN, path = '/api/v1/orders') =>
  api(path, { method: 'PUT', headers, body: typeof body === 'string' ? body : JSON.stringify(body) })
const valid = (extra: Record<string, unknown> = {}) => ({
  order_id: 'ord-hold-0002',
  payment_method: 'prepaid',
  order_items: [{ sku_code: 'SKU-AC-48', quantity: 3 }],
  shipping_address: { address1: '9 Prince Sultan St', city: 'Riyadh' },
  ...extra,
})
async function errorsOf(res: Response): Promise<Record<string, string>> {
  expect(res.status).toBe(422)
  return (await json(res)).validation_errors
}
const state = async (t: Transport, api: Client) =>
  (await json(await t.admin('/state', { headers: { 'X-Mock-Session': api.session } }))).state.aymakan

forEachTransport((t) => {
  describe('Laravel fidelity (Aymakan)', () => {
    describe('validation messages and order', () => {
      it('a key expanded from a wildcard keeps its raw name; explicit keys get spaces', async () => {
        const errors = await errorsOf(
          await put(t().client('aymakan'), valid({ order_items: [{ quantity: 1 }], shipping_address: {} })),
        )
        expect(errors).toEqual({
          shipping_address: 'The shipping address field is required.',
          'shipping_address.address1': 'The shipping address.address1 field is required.',
          'shipping_address.city': 'The shipping address.city field is required.',
          'order_items.0.sku_code': 'The order_items.0.sku_code field is required.',
        })
      })

      it('errors of expanded keys come after every explicit key, in rule order then item order', async () => {
        const errors = await errorsOf(
          await put(
            t().client('aymakan'),
            valid({
              order_items: [{ quantity: 'x' }, { sku_code: 'SKU-AC-48', tax: 'y' }],
              note: 5,
              customer: { email: 'nope' },
            }),
          ),
        )
        expect(Object.entries(errors)).toEqual([
          ['customer.email', 'The customer.email field must be a valid email address.'],
          ['note', 'The note field must be a string.'],
          ['order_items.0.sku_code', 'The order_items.0.sku_code field is required.'],
          ['order_items.0.quantity', 'The order_items.0.quantity field must be an integer.'],
          ['order_items.1.tax', 'The order_items.1.tax field must be a number.'],
        ])
      })

      it('an item under the key "*" is an item like any other (no endless expansion), shown as `*`', async () => {
        const api = t().client('aymakan')
        const before = await state(t(), api)
        const errors = await errorsOf(await put(api, valid({ order_items: { '*': { quantity: 1 } } })))
        expect(errors).toEqual({ 'order_items.*.sku_code': 'The order_items.*.sku_code field is required.' })
        expect(await state(t(), api)).toEqual(before)
      })

      it('keys "*" and "a.b" deep inside a body are data, never rules', async () => {
        const res = await put(
          t().client('aymakan'),
          valid({ order_items: { '*': { sku_code: 'SKU-AC-48' } }, meta_data: { '*': { '*': 1 }, 'a.b': 2 } }),
        )
        expect(res.status).toBe(200)
        expect((await json(res)).data.order_items.map((i: { seller_sku_code: string }) => i.seller_sku_code)).toEqual([
          'SKU-AC-48',
        ])
      })

      it('an item key holding a dot is not a wildcard match: its name is formatted like an explicit key', async () => {
        const errors = await errorsOf(
          await put(t().client('aymakan'), valid({ order_items: { 'a.b': { quantity: 1 } } })),
        )
        expect(errors).toEqual({ 'order_items.a.b.sku_code': 'The order items.a.b.sku code field is required.' })
      })
    })

    describe('input and rules as PHP reads them', () => {
      it.each(['\u200b', '\u00ad', '\u0085', '\u3164', '\0'])(
        'TrimStrings uses Str::trim: an id of only %j is "required", not unknown',
        async (ch) => {
          const errors = await errorsOf(await put(t().client('aymakan'), valid({ order_id: `${ch}${ch}` })))
          expect(errors).toEqual({ order_id: 'The order id field is required.' })
        },
      )

      it('rules with PHP values: 1.0 is not boolean, "007" not an integer, 1e400 numeric, dates by strtotime', async () => {
        const body = `{"order_id":"ord-hold-0002","payment_method":"prepaid","shipping_address":{"address1":"x","city":"y"},
          "order_items":[{"sku_code":"SKU-AC-48","is_substituted":1.0,"quantity":"007","tax":1e400},
                         {"sku_code":"SKU-AC-48","quantity":true,"tax_inclusive":0}],
          "order_created_at":"2023-02-30","customer":{"avatar":"ftp://files.example.com/a.png"}}`
        const errors = await errorsOf(await put(t().client('aymakan'), body))
        expect(errors).toEqual({
          order_created_at: 'The order created at field must be a valid date.',
          'order_items.0.is_substituted': 'The order_items.0.is_substituted field must be true or false.',
          'order_items.0.quantity': 'The order_items.0.quantity field must be an integer.',
        })
      })

      it.each(['28.07.2023', '@1690534800', 'July 28, 2023', '20230728'])('date %s passes', async (date) => {
        expect((await put(t().client('aymakan'), valid({ order_created_at: date }))).status).toBe(200)
      })

      it('a body json_decode refuses (BOM, lone surrogate) is empty input', async () => {
        for (const body of [
          `\ufeff${JSON.stringify(valid())}`,
          JSON.stringify(valid()).replace('"prepaid"', '"\\ud800"'),
        ]) {
          const errors = await errorsOf(await put(t().client('aymakan'), body))
          expect(errors.order_id).toBe('The order id field is required.')
        }
      })

      it('isJson() is case-sensitive: Application/JSON is not JSON, so the body is not read', async () => {
        const res = await put(t().client('aymakan'), valid(), {
          ...KEY,
          'Content-Type': 'Application/JSON',
          Accept: 'application/json',
        })
        expect((await errorsOf(res)).order_id).toBe('The order id field is required.')
      })

      it('a form body is parsed as PHP does: brackets nest, dots in names become _', async () => {
        const form =
          'order.id=x&order_id=ord-hold-0002&payment_method=prepaid&order_items[0][sku_code]=SKU-AC-48' +
          '&shipping_address[address1]=9+Prince+Sultan+St&shipping_address[city]=Riyadh&order_items[0][quantity]=2'
        const res = await put(t().client('aymakan'), form, {
          ...KEY,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        })
        expect(res.status).toBe(200)
        expect((await json(res)).data.order_items[0]).toMatchObject({ seller_sku_code: 'SKU-AC-48', quantity: 2 })
      })

      it('a multipart POST is read as PHP fills $_POST (uploads are not kept); a multipart PUT is empty', async () => {
        const form = new FormData()
        form.append('order_id', 'mp-1')
        form.append('hub_code', 'riyadhHub')
        form.append('payment_method', 'postpaid')
        form.append('order_items[0][sku_code]', 'SKU-AC-48')
        form.append('shipping_address[address1]', '9 Prince Sultan St')
        form.append('shipping_address[city]', 'Riyadh')
        form.append('note', new Blob(['a file']), 'note.txt')
        const api = t().client('aymakan')
        const res = await api('/api/v1/orders', {
          method: 'POST',
          headers: { ...KEY, Accept: 'application/json' },
          body: form,
        })
        expect(res.status).toBe(200)
        expect((await json(res)).data).toMatchObject({ order_id: 'mp-1', payment_method: 'Postpaid' })
        const putRes = await api('/api/v1/orders', {
          method: 'PUT',
          headers: { ...KEY, Accept: 'application/json' },
          body: form,
        })
        expect((await errorsOf(putRes)).order_id).toBe('The order id field is required.')
      })

      it('expectsJson() reads the first Accept type only', async () => {
        const res = await t().client('aymakan')('/api/v2', { headers: { Accept: 'text/html, application/json' } })
        expect(res.status).toBe(404)
        expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8')
        const q = await t().client('aymakan')('/api/v2', { headers: { Accept: 'text/html;q=0.5, application/json' } })
        expect(await json(q)).toEqual({ message: 'The route api/v2 could not be found.' })
      })
    })

    describe('method override (Laravel turns it on)', () => {
      it('a POST with X-HTTP-Method-Override: PUT is an update', async () => {
        const res = await t().client('aymakan')('/api/v1/orders', {
          method: 'POST',
          headers: { ...JSON_IN, 'X-HTTP-Method-Override': 'put' },
          body: JSON.stringify(valid({ note: 'via override' })),
        })
        expect(res.status).toBe(200)
        expect((await json(res)).message).toBe('Order saved successfully')
      })

      it('a POST with `_method` in the JSON body is routed by it (405 lists the others)', async () => {
        const res = await t().client('aymakan')('/api/v1/orders', {
          method: 'POST',
          headers: JSON_IN,
          body: JSON.stringify({ _method: 'PATCH' }),
        })
        expect(res.status).toBe(405)
        expect(await json(res)).toEqual({
          message:
            'The PATCH method is not supported for route api/v1/orders. Supported methods: GET, HEAD, POST, PUT.',
        })
      })

      it.each([{ _method: 'P-UT' }, { _method: ['PUT'] }])('%j is 400 "Bad request."', async (body) => {
        const res = await t().client('aymakan')('/api/v1/orders', {
          method: 'POST',
          headers: JSON_IN,
          body: JSON.stringify(body),
        })
        expect(res.status).toBe(400)
        expect(await res.text()).toBe('{\n    "message": "Bad request."\n}')
      })
    })

    describe('list query as PHP parses it', () => {
      it('`per.page` is `per_page`; values are trimmed', async () => {
        const res = await t().client('aymakan')('/api/v1/orders?per.page=2&page=%201%20', { headers: KEY })
        expect((await json(res)).meta).toMatchObject({ current_page: 1, per_page: 2 })
      })

      it('an array where a string is expected is ignored', async () => {
        const res = await t().client('aymakan')('/api/v1/orders?per_page[]=2', { headers: KEY })
        expect((await json(res)).meta).toMatchObject({ per_page: 15 })
      })
    })

    describe('paths', () => {
      it.each([
        ['%ZZ', 'Order not found'],
        ['ab%2', 'Order not found'],
      ])('a malformed escape in the order id (%s) stays literal: 404 in the envelope', async (id, message) => {
        const res = await t().client('aymakan')(`/api/v1/orders/${id}`, {
          headers: { ...KEY, Accept: 'application/json' },
        })
        expect(res.status).toBe(404)
        expect(await json(res)).toEqual({ success: false, message, data: null, meta: null })
      })

      it('bytes that are not UTF-8 (%E0%A4%A) match no route: 404 naming the path still encoded', async () => {
        const res = await t().client('aymakan')('/api/v1/orders/%E0%A4%A', {
          headers: { ...KEY, Accept: 'application/json' },
        })
        expect(res.status).toBe(404)
        expect(await res.text()).toBe('{\n    "message": "The route api/v1/orders/%E0%A4%A could not be found."\n}')
      })

      it('a PUT to a malformed id is validated, never a 500', async () => {
        const res = await put(t().client('aymakan'), valid(), JSON_IN, '/api/v1/orders/%ZZ')
        expect(await errorsOf(res)).toEqual({ order_id: 'The order id field must match the order id in the URL.' })
      })

      it('an escaped slash is decoded before matching: a/b is two segments, so no route (404)', async () => {
        const res = await t().client('aymakan')('/api/v1/orders/a%2Fb', { headers: { Accept: 'application/json' } })
        expect(res.status).toBe(404)
        expect(await json(res)).toEqual({ message: 'The route api/v1/orders/a%2Fb could not be found.' })
      })

      it('the root is `/` in the 404 text', async () => {
        const res = await t().client('aymakan')('/', { headers: { Accept: 'application/json' } })
        expect(await json(res)).toEqual({ message: 'The route / could not be found.' })
      })
    })

    describe('routing answers', () => {
      it("every answer carries Symfony's default `Cache-Control: no-cache, private`", async () => {
        const api = t().client('aymakan')
        const answers = await Promise.all([
          api('/api/v1/orders/diks-488392234223123', { headers: KEY }),
          api('/api/v2', { headers: { Accept: 'application/json' } }),
          put(api, {}),
          api('/api/v1/orders', { method: 'OPTIONS' }),
          api('/api/v1/orders', { headers: { ...KEY, 'X-Mock-Fault': '503' } }),
        ])
        expect(answers.map((r) => [r.status, r.headers.get('cache-control')])).toEqual([
          [200, 'no-cache, private'],
          [404, 'no-cache, private'],
          [422, 'no-cache, private'],
          [200, 'no-cache, private'],
          [503, 'no-cache, private'],
        ])
      })

      it("405 lists Router::$verbs order, pretty-printed as Laravel's handler writes JSON", async () => {
        const res = await t().client('aymakan')('/api/v1/orders/x', {
          method: 'DELETE',
          headers: { Accept: 'application/json' },
        })
        expect(res.status).toBe(405)
        expect(res.headers.get('allow')).toBe('GET, HEAD, PUT')
        expect(await res.text()).toBe(
          '{\n    "message": "The DELETE method is not supported for route api/v1/orders/x. Supported methods: GET, HEAD, PUT."\n}',
        )
      })

      it('OPTIONS on a known route: 200, empty body, Allow without spaces', async () => {
        const res = await t().client('aymakan')('/api/v1/orders', { method: 'OPTIONS' })
        expect(res.status).toBe(200)
        expect(res.headers.get('allow')).toBe('GET,HEAD,POST,PUT')
        expect(await res.text()).toBe('')
      })

      it("a 404 for a client that does not ask for JSON is Laravel's errors::404 page, byte for byte", async () => {
        const res = await t().client('aymakan')('/api/v2/orders', { headers: { Accept: '*/*' } })
        expect(res.status).toBe(404)
        expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8')
        expect(await res.text()).toBe(LARAVEL_404_PAGE)
      })

      it("a 405 for a client that does not ask for JSON is Symfony's error page", async () => {
        const res = await t().client('aymakan')('/api/v1/orders', { method: 'PATCH', headers: { Accept: 'text/html' } })
        expect(res.status).toBe(405)
        expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8')
        expect(res.headers.get('allow')).toBe('GET, HEAD, POST, PUT')
        const html = await res.text()
        expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/)
        expect(html).toContain('<title>An Error Occurred: Method Not Allowed</title>')
        expect(html).toContain('<h2>The server returned a "405 Method Not Allowed".</h2>')
        expect(html).toMatch(/<\/html>$/)
      })
    })

    describe('injected error statuses', () => {
      it.each([
        [500, '{\n    "message": "Server Error"\n}'],
        [503, '{\n    "message": "Service Unavailable"\n}'],
        [404, '{\n    "message": ""\n}'],
        [400, '{\n    "message": ""\n}'],
      ])('X-Mock-Fault: %i answers as Laravel renders it', async (status, text) => {
        const res = await t().client('aymakan')('/api/v1/orders/diks-488392234223123', {
          headers: { ...KEY, 'X-Mock-Fault': String(status) },
        })
        expect(res.status).toBe(status)
        expect(await res.text()).toBe(text)
      })

      it('X-Mock-Fault: 429 answers as the throttle middleware does', async () => {
        const res = await t().client('aymakan')('/api/v1/orders/diks-488392234223123', {
          headers: { ...KEY, 'X-Mock-Fault': '429' },
        })
        expect(res.status).toBe(429)
        expect([res.headers.get('retry-after'), res.headers.get('x-ratelimit-remaining')]).toEqual(['1', '0'])
        expect(await res.text()).toBe('{\n    "message": "Too Many Attempts."\n}')
      })
    })
  })
})

/** Raw request lines exist only over HTTP (in-process, fetch normalises the URL before anyone sees it). */
describe('Laravel fidelity over raw HTTP (Aymakan)', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ port: 0 })
  })
  afterAll(() => server.close())

  const rawGet = (path: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const url = new URL(server.url)
      const req = request(
        { host: url.hostname, port: url.port, path: `/aymakan${path}`, headers: { Accept: 'application/json' } },
        (res) => {
          let body = ''
          res.on('data', (chunk) => {
            body += chunk
          })
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: body }))
        },
      )
      req.on('error', reject)
      req.end()
    })

  it('dot segments reach the router as sent: no normalisation, so no route', async () => {
    const { status, text } = await rawGet('/api/v1/orders/../orders/%2e%2e')
    expect(status).toBe(404)
    expect(JSON.parse(text)).toEqual({ message: 'The route api/v1/orders/../orders/%2e%2e could not be found.' })
  })

  it('the same path normalised is a route', async () => {
    const { status } = await rawGet('/api/v1/orders/diks-488392234223123')
    expect(status).toBe(401)
  })
})
