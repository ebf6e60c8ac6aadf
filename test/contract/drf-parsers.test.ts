import { describe, expect, it } from 'vitest'
import { AUTH, type Client, forEachTransport, json } from '../support/transports.js'

/** DRF's default parsers (JSON, form, multipart), chosen by DefaultContentNegotiation.select_parser. */
const NOW = '2025-01-24T08:45:18.500000Z'
const ITEM = '/api/v1/order_items/1/'
const HAMGAM_ITEM = '/api/orders/123/items/789'
const HAMGAM = { Authorization: 'Token hamgam-staff-token' }
const LEGACY = 'drf-3.14-json-only'

const patch = (api: Client, path: string, body: BodyInit, headers: Record<string, string>) =>
  api(path, { method: 'PATCH', headers: { 'X-Mock-Now': NOW, ...headers }, body })

forEachTransport((t) => {
  describe('request media types', () => {
    it.each(['*/*', 'application/*', 'application/json; charset=utf-8', 'APPLICATION/JSON'])(
      'Content-Type: %s is read by JSONParser',
      async (type) => {
        const res = await patch(t().client('omnitron'), ITEM, '{"tracking_number": "T-1"}', {
          ...AUTH,
          'Content-Type': type,
        })
        expect(res.status).toBe(200)
        expect((await json(res)).tracking_number).toBe('T-1')
      },
    )

    it.each(['text/*', 'application/vnd.api+json', 'text/plain', ''])(
      'Content-Type: %j has no parser → 415 naming it',
      async (type) => {
        const headers: Record<string, string> = { ...AUTH }
        if (type) headers['Content-Type'] = type
        const res = await patch(t().client('omnitron'), ITEM, new TextEncoder().encode('{}'), headers)
        expect(res.status).toBe(415)
        expect(await json(res)).toEqual({ detail: `Unsupported media type "${type}" in request.` })
      },
    )

    it('a form-encoded PATCH is parsed (QueryDict: the last value of a key counts; `name.key` fills a dict field)', async () => {
      const api = t().client('omnitron')
      const res = await patch(
        api,
        ITEM,
        'tracking_number=first&tracking_number=T%2B2+x&extra_field.note=caf%C3%A9&invoice_number=',
        { ...AUTH, 'Content-Type': 'application/x-www-form-urlencoded' },
      )
      expect(res.status).toBe(200)
      const body = await json(res)
      expect(body.tracking_number).toBe('T+2 x')
      expect(body.extra_field.note).toBe('café')
      // '' for a nullable field is None from a form
      expect(body.invoice_number).toBeNull()
    })

    it('a form value for an integer field is a str, converted by IntegerField (Hamgam)', async () => {
      const res = await patch(t().client('hamgam'), HAMGAM_ITEM, 'quantity=+3&notes=', {
        ...HAMGAM,
        'Content-Type': 'application/x-www-form-urlencoded',
      })
      expect(res.status).toBe(200)
      const item = (await json(res)).items.find((i: { id: number }) => i.id === 789)
      expect(item.quantity).toBe(3)
      expect(item.notes).toBe('')
    })

    it('a form "" for a required integer is "A valid integer is required."', async () => {
      const res = await patch(t().client('hamgam'), HAMGAM_ITEM, 'quantity=', {
        ...HAMGAM,
        'Content-Type': 'application/x-www-form-urlencoded',
      })
      expect(res.status).toBe(400)
      expect(await json(res)).toEqual({ quantity: ['A valid integer is required.'] })
    })

    it('a multipart PATCH is parsed; an uploaded file for a CharField is "Not a valid string."', async () => {
      const api = t().client('omnitron')
      const form = new FormData()
      form.append('tracking_number', 'MP-1')
      const ok = await patch(api, ITEM, form, AUTH)
      expect(ok.status).toBe(200)
      expect((await json(ok)).tracking_number).toBe('MP-1')

      const withFile = new FormData()
      withFile.append('tracking_number', new Blob(['x'], { type: 'text/plain' }), 'label.txt')
      const bad = await patch(api, ITEM, withFile, AUTH)
      expect(bad.status).toBe(400)
      expect(await json(bad)).toEqual({ tracking_number: ['Not a valid string.'] })
    })

    it("multipart without a boundary → 400 with Django's parser message", async () => {
      const res = await patch(t().client('omnitron'), ITEM, 'x', { ...AUTH, 'Content-Type': 'multipart/form-data' })
      expect(res.status).toBe(400)
      expect(await json(res)).toEqual({ detail: 'Multipart form parse error - Invalid boundary in multipart: None' })
    })

    it("more than 1000 form fields → Django's 400 page (TooManyFieldsSent), nothing changes", async () => {
      const api = t().client('omnitron')
      const body = Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join('&')
      const res = await patch(api, ITEM, body, { ...AUTH, 'Content-Type': 'application/x-www-form-urlencoded' })
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(await res.text()).toContain('<h1>Bad Request (400)</h1>')
    })

    it('the login view takes a form too', async () => {
      const res = await t().client('omnitron')('/api/v1/auth/login/', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'username=omnitron-user&password=omnitron-pass',
      })
      expect(res.status).toBe(200)
      expect(await json(res)).toEqual({ key: 'omnitron-test-token' })
    })

    it('OPTIONS lists the parsers and renderers', async () => {
      const body = await json(await t().client('hamgam')('/api/orders/123', { method: 'OPTIONS', headers: HAMGAM }))
      expect(body.parses).toEqual(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'])
      expect(body.renders).toEqual(['application/json', 'text/html'])
    })
  })

  describe('the json-only parser profile (scenario drf.parsers: json-only)', () => {
    it('a form body is 415; JSON still works; OPTIONS lists JSON only', async () => {
      const api = t().client('omnitron', { scenario: LEGACY })
      const form = await patch(api, ITEM, 'tracking_number=x', {
        ...AUTH,
        'Content-Type': 'application/x-www-form-urlencoded',
      })
      expect(form.status).toBe(415)
      expect(await json(form)).toEqual({
        detail: 'Unsupported media type "application/x-www-form-urlencoded" in request.',
      })
      const ok = await patch(api, ITEM, '{"tracking_number": "J"}', { ...AUTH, 'Content-Type': 'application/json' })
      expect(ok.status).toBe(200)
      const options = await json(await api(ITEM, { method: 'OPTIONS', headers: AUTH }))
      expect(options.parses).toEqual(['application/json'])
    })
  })
})
