/**
 * Connection faults seen from a real client over a real socket: what reaches
 * the wire (nothing, a reset, a broken chunked body, garbage) for each of
 * WireMock's four faults, and that fetch fails on each.
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/node/index.js'

/** Sends one raw HTTP request; resolves with what came back and how the connection ended. */
function raw(port: number, fault: string): Promise<{ bytes: Buffer; ending: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const timer = setTimeout(() => socket.destroy(new Error('timeout')), 5000)
    socket.on('data', (d) => chunks.push(d))
    socket.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      resolve({ bytes: Buffer.concat(chunks), ending: e.code ?? e.message })
    })
    socket.on('close', () => {
      clearTimeout(timer)
      resolve({ bytes: Buffer.concat(chunks), ending: 'closed' })
    })
    socket.write(
      `GET /omnitron/api/v1/orders/12345/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token omnitron-test-token\r\nX-Mock-Fault: ${fault}\r\nConnection: close\r\n\r\n`,
    )
  })
}

describe('connection faults over a real socket', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ port: 0 })
  })
  afterAll(() => server.close())

  it('CONNECTION_RESET_BY_PEER: a TCP reset, no bytes', async () => {
    const r = await raw(server.port, 'CONNECTION_RESET_BY_PEER')
    expect(r.ending).toBe('ECONNRESET')
    expect(r.bytes.length).toBe(0)
  })

  it('EMPTY_RESPONSE: closed without a byte', async () => {
    const r = await raw(server.port, 'EMPTY_RESPONSE')
    expect(r.bytes.length).toBe(0)
    expect(['closed', 'ECONNRESET']).toContain(r.ending)
  })

  it('MALFORMED_RESPONSE_CHUNK: a 200 status line, then a chunk that is not one', async () => {
    const r = await raw(server.port, 'MALFORMED_RESPONSE_CHUNK')
    const text = r.bytes.toString('latin1')
    expect(text.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true)
    expect(text).toContain('Transfer-Encoding: chunked')
    expect(text.split('\r\n\r\n')[1]).toMatch(/^zz\r\n/)
  })

  it('RANDOM_DATA_THEN_CLOSE: bytes that are not HTTP, then close', async () => {
    const r = await raw(server.port, 'RANDOM_DATA_THEN_CLOSE')
    expect(r.bytes.length).toBe(64)
    expect(r.bytes.toString('latin1').startsWith('HTTP/')).toBe(false)
  })

  it.each(['CONNECTION_RESET_BY_PEER', 'EMPTY_RESPONSE', 'MALFORMED_RESPONSE_CHUNK', 'RANDOM_DATA_THEN_CLOSE'])(
    'fetch fails on %s, and the server keeps serving',
    async (fault) => {
      const url = `${server.url}/omnitron/api/v1/orders/12345/`
      const headers = { Authorization: 'Token omnitron-test-token' }
      let outcome = 'answered'
      try {
        const res = await fetch(url, { headers: { ...headers, 'X-Mock-Fault': fault } })
        await res.text()
      } catch (error) {
        outcome = (error as Error).name
      }
      expect(outcome).toBe('TypeError')
      expect((await fetch(url, { headers })).status).toBe(200)
    },
  )
})
