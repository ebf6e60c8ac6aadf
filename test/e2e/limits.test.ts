/**
 * Limits over real HTTP: oversized bodies, very deep JSON, very long strings,
 * many fields, slow clients. The server answers each sensibly and keeps serving.
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/node/index.js'

const OMNITRON = { Authorization: 'Token omnitron-test-token', 'Content-Type': 'application/json' }

describe('limits', () => {
  let server: RunningServer
  const alive = async () => expect((await fetch(`${server.url}/__mock/health`)).status).toBe(200)
  const patch = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/omnitron/api/v1/order_items/7105/`, {
      method: 'PATCH',
      headers: { ...OMNITRON, 'X-Mock-Session': 'limits', ...headers },
      body,
    })

  beforeAll(async () => {
    server = await startServer({ port: 0, maxBodyBytes: 256 * 1024, timeouts: { headersMs: 400, requestMs: 800 } })
  })
  afterAll(() => server.close())

  it('a body over the limit is 413 (declared or chunked), and the server keeps serving', async () => {
    const big = JSON.stringify({ extra_field: { pad: 'x'.repeat(300 * 1024) } })
    const declared = await patch(big)
    expect(declared.status).toBe(413)
    expect((await declared.json()).limit).toBe(256 * 1024)
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(8 * 1024)))
        controller.close()
      },
    })
    const chunked = await fetch(`${server.url}/omnitron/api/v1/order_items/7105/`, {
      method: 'PATCH',
      headers: OMNITRON,
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(chunked.status).toBe(413)
    await alive()
  })

  it("very deep JSON is a parse error in Python's words, never a crash", async () => {
    const res = await patch(`{"extra_field": ${'['.repeat(5000)}${']'.repeat(5000)}}`)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      detail: 'JSON parse error - maximum recursion depth exceeded while decoding a JSON array from a unicode string',
    })
    const broken = await patch('{"a": '.repeat(3000))
    expect(broken.status).toBe(400)
    await alive()
  })

  it("very deep JSON to Aymakan is Laravel's empty input (json_decode depth 512)", async () => {
    const res = await fetch(`${server.url}/aymakan/api/v1/orders`, {
      method: 'PUT',
      headers: { 'api-key': 'aymakan-test-key', 'Content-Type': 'application/json', Accept: 'application/json' },
      body: `{"order_id": "ord-hold-0002", "note": ${'['.repeat(600)}${']'.repeat(600)}}`,
    })
    expect(res.status).toBe(422)
    expect((await res.json()).validation_errors.order_id).toBe('The order id field is required.')
  })

  it('a long string and many fields are handled within the limit', async () => {
    const long = await patch(JSON.stringify({ extra_field: { note: 'é'.repeat(100_000) } }))
    expect(long.status).toBe(200)
    expect((await long.json()).extra_field.note).toHaveLength(100_000)
    const fields = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]))
    const many = await patch(JSON.stringify({ extra_field: fields, ...fields }))
    expect(many.status).toBe(200)
    expect(Object.keys((await many.json()).extra_field).length).toBeGreaterThanOrEqual(5000)
    await alive()
  })

  it('a client that never finishes its headers is cut off; others are served meanwhile', async () => {
    const socket = connect(server.port, '127.0.0.1')
    const closed = new Promise<number>((resolve) => {
      const started = Date.now()
      socket.on('close', () => resolve(Date.now() - started))
      socket.on('error', () => undefined)
    })
    socket.write('GET /__mock/health HTTP/1.1\r\nHost: x\r\n')
    await alive()
    const after = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 5000))])
    expect(after).toBeGreaterThan(0)
    await alive()
  })

  it('a client that stalls its body is cut off', async () => {
    const socket = connect(server.port, '127.0.0.1')
    const closed = new Promise<boolean>((resolve) => {
      socket.on('close', () => resolve(true))
      socket.on('error', () => undefined)
    })
    socket.write(
      'PATCH /omnitron/api/v1/order_items/7105/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":',
    )
    expect(await Promise.race([closed, new Promise<boolean>((r) => setTimeout(() => r(false), 5000))])).toBe(true)
    await alive()
  })
})
