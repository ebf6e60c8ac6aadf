import { describe, expect, it } from 'vitest'
import {
  holdRequestBody,
  holdResponseBody,
  Journal,
  type JournalRecord,
  MAX_BODY_BYTES,
} from '../../src/core/journal.js'
import { largeBodyBytes, textResponse, toTransport } from '../../src/core/respond.js'

const utf8 = new TextEncoder()
const record = (body: JournalRecord['body'], responseBody: JournalRecord['responseBody']): JournalRecord => ({
  time: '2025-01-01T00:00:00.000Z',
  provider: 'omnitron',
  method: 'PATCH',
  path: '/x',
  query: {},
  headers: {},
  body,
  status: 200,
  responseHeaders: {},
  responseBody,
  durationMs: 0,
  rules: [],
  unmatched: false,
})

describe('holdRequestBody', () => {
  it('holds none as null and a short body as its text', () => {
    expect(holdRequestBody(new Uint8Array(0))).toBeNull()
    expect(holdRequestBody(utf8.encode('{"a":"é"}'))).toBe('{"a":"é"}')
  })
  it('holds a large body that fits as its own bytes', () => {
    const bytes = utf8.encode('x'.repeat(5000))
    expect(holdRequestBody(bytes)).toBe(bytes)
  })
  it('copies a large body that is a view into a larger buffer, so the buffer is not kept', () => {
    const socketRead = new Uint8Array(64 * 1024).fill(0x61)
    const view = socketRead.subarray(100, 5100)
    const held = holdRequestBody(view) as Uint8Array
    expect(held).toBeInstanceOf(Uint8Array)
    expect(held.buffer.byteLength).toBe(5000)
    socketRead.fill(0x62)
    expect(new TextDecoder().decode(held)).toBe('a'.repeat(5000))
  })
  it('clips a body over MAX_BODY_BYTES to text, as before', () => {
    const held = holdRequestBody(new Uint8Array(MAX_BODY_BYTES + 10).fill(0x61)) as string
    expect(held).toBe(`${'a'.repeat(MAX_BODY_BYTES)}…[10 more bytes]`)
  })
})

describe('holdResponseBody', () => {
  it('holds the sent bytes when they fit, else the clipped text', () => {
    const sent = utf8.encode('y'.repeat(5000))
    expect(holdResponseBody('y'.repeat(5000), sent)).toBe(sent)
    const big = 'z'.repeat(MAX_BODY_BYTES + 3)
    expect(holdResponseBody(big, utf8.encode(big))).toBe(`${'z'.repeat(MAX_BODY_BYTES)}…[3 more characters]`)
    expect(holdResponseBody('short')).toBe('short')
    expect(holdResponseBody(null)).toBeNull()
  })
})

describe('Journal with held bytes', () => {
  it('gives text back, reads each entry once, and counts without reading', () => {
    const journal = new Journal(10)
    const request = 'ç€😀'.repeat(2000)
    const answer = '[{"id":1}]'.repeat(500)
    journal.add(record(utf8.encode(request), utf8.encode(answer)))
    expect(journal.count()).toBe(1)
    const [entry] = journal.list()
    expect(entry).toMatchObject({ id: 1, body: request, responseBody: answer })
    expect(typeof entry!.body).toBe('string')
    // The same entry object on the next read: the bytes were turned into text once.
    expect(journal.list()[0]).toBe(entry)
  })
})

describe('a large answer is encoded once', () => {
  it('the journal and the transport share the same bytes; a short answer stays text', () => {
    const text = JSON.stringify(Array.from({ length: 300 }, (_, i) => ({ id: i, note: 'é€' })))
    const response = textResponse(text, { status: 200, headers: { 'Content-Type': 'application/json' } })
    const bytes = largeBodyBytes(response)!
    expect(new TextDecoder().decode(bytes)).toBe(text)
    expect(largeBodyBytes(response)).toBe(bytes)
    let given: unknown
    class Transport extends Response {
      constructor(body?: BodyInit | null, init?: ResponseInit) {
        super(null, init)
        given = body
      }
    }
    toTransport(response, Transport)
    expect(given).toBe(bytes)
    const short = textResponse('{"ok":true}', { status: 200 })
    expect(largeBodyBytes(short)).toBeUndefined()
    toTransport(short, Transport)
    expect(given).toBe('{"ok":true}')
  })
})
