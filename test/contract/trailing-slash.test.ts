/**
 * Django's APPEND_SLASH 301, as a client meets it on both transports: fetch
 * follows it the same way over HTTP and over MSW (a PATCH is re-sent with its
 * body), the 301 says why in X-Mock-Error, and the journal notes it.
 */
import { describe, expect, it } from 'vitest'
import { AUTH, forEachTransport, JSON_HEADERS, json } from '../support/transports.js'

forEachTransport((t) => {
  describe('a path without its trailing slash', () => {
    it('fetch follows the 301 and re-sends the PATCH with its body, on both transports', async () => {
      const api = t().client('omnitron')
      const res = await api('/api/v1/order_items/7105', {
        method: 'PATCH',
        headers: JSON_HEADERS,
        body: JSON.stringify({ tracking_number: 'TR-SLASH' }),
        redirect: 'follow',
      })
      expect(res.status).toBe(200)
      // MSW's interceptor rebuilds every mocked answer with the request's URL: over MSW `redirected` stays
      // false and `url` is the one asked for (README, "Trailing slashes"). Status, body and state are the same.
      if (t().name === 'http') {
        expect(res.redirected).toBe(true)
        expect(new URL(res.url).pathname).toBe('/omnitron/api/v1/order_items/7105/')
      }
      expect(await json(res)).toMatchObject({ pk: 7105, tracking_number: 'TR-SLASH' })
      const journal = await json(await t().admin('/requests', { headers: { 'X-Mock-Session': api.session } }))
      expect(
        journal.requests.map((r: { method: string; path: string; status: number }) => [r.method, r.path, r.status]),
      ).toEqual([
        ['PATCH', '/api/v1/order_items/7105', 301],
        ['PATCH', '/api/v1/order_items/7105/', 200],
      ])
      expect(journal.requests[0].notes).toEqual([
        'append-slash; PATCH /api/v1/order_items/7105 has no trailing slash: Django answers 301 to /api/v1/order_items/7105/ (Python requests follows it without the body, fetch re-sends the body)',
      ])
    })

    it('redirect: "manual" sees the 301 itself, marked with X-Mock-Error', async () => {
      const api = t().client('omnitron')
      const res = await api('/api/v1/order_items/7105', { headers: AUTH, redirect: 'manual' })
      expect(res.status).toBe(301)
      expect(res.headers.get('location')).toMatch(/\/api\/v1\/order_items\/7105\/$/)
      expect(res.headers.get('x-mock-error')).toMatch(
        /^append-slash; GET \/api\/v1\/order_items\/7105 has no trailing slash/,
      )
    })

    it('redirect: "error" fails the fetch', async () => {
      const api = t().client('omnitron')
      await expect(api('/api/v1/order_items/7105', { headers: AUTH, redirect: 'error' })).rejects.toThrow(TypeError)
    })
  })

  describe('a path one typo from a literal route', () => {
    it("PATCH /api/v1/order_items/bulk_status_update/ (v1 for i1) is DRF's 404 with a hint", async () => {
      const api = t().client('omnitron')
      const res = await api('/api/v1/order_items/bulk_status_update/', {
        method: 'PATCH',
        headers: JSON_HEADERS,
        body: '[]',
      })
      expect(res.status).toBe(404)
      expect(await json(res)).toEqual({ detail: 'Not found.' })
      expect(res.headers.get('x-mock-error')).toBe(
        'not-found; did you mean PATCH /api/i1/order_items/bulk_status_update/?',
      )
    })
  })
})
