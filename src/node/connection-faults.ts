import type { IncomingMessage } from 'node:http'
import { type ConnectionFault, seededRandom } from '../core/faults.js'

/**
 * WireMock's connection faults, done to the real socket:
 * - CONNECTION_RESET_BY_PEER: the connection is reset (TCP RST), nothing sent;
 * - EMPTY_RESPONSE: the connection is closed without a byte;
 * - MALFORMED_RESPONSE_CHUNK: a 200 status line and chunked headers, then a broken chunk, then close;
 * - RANDOM_DATA_THEN_CLOSE: bytes that are not HTTP, then close.
 */
export function breakConnection(incoming: IncomingMessage, fault: ConnectionFault): void {
  const socket = incoming.socket
  switch (fault) {
    case 'CONNECTION_RESET_BY_PEER':
      socket.resetAndDestroy()
      return
    case 'EMPTY_RESPONSE':
      socket.destroy()
      return
    case 'MALFORMED_RESPONSE_CHUNK':
      socket.end(
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{"partial":\r\n',
        () => socket.destroy(),
      )
      return
    case 'RANDOM_DATA_THEN_CLOSE': {
      const random = seededRandom(0x5eed)
      const garbage = Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256)))
      socket.end(garbage, () => socket.destroy())
      return
    }
  }
}
