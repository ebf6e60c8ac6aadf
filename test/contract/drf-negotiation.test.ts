import { describe, expect, it } from 'vitest'
import { AUTH, forEachTransport, json } from '../support/transports.js'

/** DRF's DefaultContentNegotiation with its default renderers (JSON, browsable API), as both DRF providers run it. */
const ITEM = '/api/v1/order_items/1/'
const HAMGAM = { Authorization: 'Token hamgam-staff-token' }
const NOT_ACCEPTABLE = { detail: 'Could not satisfy the request Accept header.' }

forEachTransport((t) => {
  describe('content negotiation', () => {
    it.each(['text/csv', 'application/xml', 'application/json-patch+json', 'image/*'])(
      'Accept: %s → 406 before authentication, JSON, with Allow',
      async (accept) => {
        const res = await t().client('omnitron')(ITEM, { headers: { Accept: accept } })
        expect(res.status).toBe(406)
        expect(res.headers.get('content-type')).toBe('application/json')
        expect(res.headers.get('allow')).toBe('GET, PATCH, HEAD, OPTIONS')
        expect(await res.text()).toBe(JSON.stringify(NOT_ACCEPTABLE))
      },
    )

    it('406 comes before a bad body and a bad token (Hamgam, PATCH)', async () => {
      const res = await t().client('hamgam')('/api/orders/123/items/789', {
        method: 'PATCH',
        headers: { Authorization: 'Token nope', Accept: 'application/xml', 'Content-Type': 'application/json' },
        body: '{bad json',
      })
      expect(res.status).toBe(406)
      expect(await json(res)).toEqual(NOT_ACCEPTABLE)
    })

    it('an empty Accept matches no renderer (DRF reads it as one empty media type)', async () => {
      const res = await t().client('omnitron')(ITEM, { headers: { ...AUTH, Accept: '' } })
      expect(res.status).toBe(406)
    })

    it.each([
      ['application/json; indent=4', 4],
      ['application/json;indent=2', 2],
      ['*/*; indent=3', 3],
      ['application/*;indent=8', 8],
      ['application/json; indent=20', 8],
    ])('Accept: %s pretty-prints with indent %i', async (accept, indent) => {
      const api = t().client('omnitron')
      const compact = await json(await api(ITEM, { headers: AUTH }))
      const res = await api(ITEM, { headers: { ...AUTH, Accept: accept } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/json')
      expect(await res.text()).toBe(JSON.stringify(compact, null, indent))
    })

    it.each(['application/json; indent=0', 'application/json; indent=x', 'application/json; indent=-3'])(
      'Accept: %s stays compact',
      async (accept) => {
        const res = await t().client('omnitron')(ITEM, { headers: { ...AUTH, Accept: accept } })
        expect(res.status).toBe(200)
        expect(await res.text()).toMatch(/^\{"pk":1,"order":1,/)
      },
    )

    it('errors are pretty-printed too (a 401 with indent=2)', async () => {
      const res = await t().client('omnitron')(ITEM, { headers: { Accept: 'application/json; indent=2' } })
      expect(res.status).toBe(401)
      expect(await res.text()).toBe('{\n  "detail": "Authentication credentials were not provided."\n}')
    })

    it('a browser Accept header selects the browsable API: HTML, same status', async () => {
      const res = await t().client('hamgam')('/api/orders/123', {
        headers: { ...HAMGAM, Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
      })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      const html = await res.text()
      expect(html).toContain('HTTP 200 OK')
      expect(html).toContain('&quot;id&quot;: 123')
    })

    it.each([
      ['format=xml', 404, { detail: 'Not found.' }],
      ['format=csv&format=json', 200, undefined],
      ['format=json&format=yaml', 404, { detail: 'Not found.' }],
    ])('?%s → %i (the last value counts), before authentication', async (query, status, body) => {
      const res = await t().client('omnitron')(`${ITEM}?${query}`, { headers: status === 200 ? AUTH : {} })
      expect(res.status).toBe(status)
      expect(res.headers.get('content-type')).toBe('application/json')
      if (body) expect(await json(res)).toEqual(body)
    })

    it('?format=json with an Accept only the browsable API satisfies → 406', async () => {
      const res = await t().client('omnitron')(`${ITEM}?format=json`, { headers: { ...AUTH, Accept: 'text/html' } })
      expect(res.status).toBe(406)
    })

    it('?format=api renders the browsable API whatever the Accept', async () => {
      const res = await t().client('omnitron')(`${ITEM}?format=api`, { headers: AUTH })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    })

    it("an unknown URL is Django's page, not negotiated", async () => {
      const res = await t().client('omnitron')('/api/v1/nothing/', { headers: { Accept: 'text/csv' } })
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    })
  })
})
