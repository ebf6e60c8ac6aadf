/**
 * Large bodies in the journal: the journal holds a body of 4 KiB or more as
 * the bytes it arrived or was sent as, and gives it back as text when read.
 * Through both transports, what the journal shows must be exactly what the
 * client sent and got, multi-byte characters and undecodable bytes included.
 */
import { describe, expect, it } from 'vitest'
import { type Client, forEachTransport, JSON_HEADERS, json, type Transport } from '../support/transports.js'

const ITEM = '/api/v1/order_items/7105/'
/** Two-, three- and four-byte characters: 6,000 UTF-16 units, 10,800 bytes of UTF-8. */
const NOTE = 'ç€😀a'.repeat(1200)

const journal = async (t: Transport, api: Client) =>
  (await json(await t.admin('/requests', { headers: { 'X-Mock-Session': api.session } }))).requests

forEachTransport((t) => {
  describe('journal: large bodies', () => {
    it('keeps a large request and answer exactly as they went, and reads the same twice', async () => {
      const api = t().client('omnitron')
      const sent = JSON.stringify({ extra_field: { note: NOTE } })
      const res = await api(ITEM, { method: 'PATCH', headers: JSON_HEADERS, body: sent })
      expect(res.status).toBe(200)
      const text = await res.text()
      expect(JSON.parse(text).extra_field.note).toBe(NOTE)
      if (t().name === 'http')
        expect(Number(res.headers.get('content-length'))).toBe(new TextEncoder().encode(text).length)
      const [entry] = await journal(t(), api)
      expect(entry.body).toBe(sent)
      expect(entry.responseBody).toBe(text)
      const [again] = await journal(t(), api)
      expect(again).toEqual(entry)
    })

    it('keeps a large answer of a GET as it went', async () => {
      const api = t().client('omnitron')
      const res = await api('/api/v1/order_items/?limit=50', { headers: JSON_HEADERS })
      expect(res.status).toBe(200)
      const text = await res.text()
      expect(text.length).toBeGreaterThan(4096)
      const [entry] = await journal(t(), api)
      expect(entry.body).toBeNull()
      expect(entry.responseBody).toBe(text)
    })

    it('keeps a large request body that is not UTF-8 as it decodes (U+FFFD), and changes nothing', async () => {
      const api = t().client('omnitron')
      const bytes = new Uint8Array(5000).fill(0xff)
      const res = await api(ITEM, { method: 'PATCH', headers: JSON_HEADERS, body: bytes })
      expect(res.status).toBe(400)
      const [entry] = await journal(t(), api)
      expect(entry.body).toBe('\ufffd'.repeat(5000))
      expect(entry.body).toBe(new TextDecoder().decode(bytes))
      expect(entry.responseBody).toBe(JSON.stringify(await res.json()))
    })
  })
})
