import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Http2Bindings, HttpBindings } from '@hono/node-server'
import { bodyTooLarge } from '../core/body.js'
import { CONNECTION_FAULT_HEADER, type ConnectionFault } from '../core/faults.js'
import { answerHeader } from '../core/respond.js'
import { appFor } from '../create-app.js'
import { breakConnection } from './connection-faults.js'
import { consolePage } from './console-routes.js'
import { type CreateAppOptions, createEngine, type MockApp } from './index.js'

/**
 * node-server and its Response class, loaded by the first startServer() and
 * not with the package: in-process users (createMock, MSW) never need them.
 */
const loadNodeServer = () =>
  Promise.all([
    import('@hono/node-server'),
    import('@hono/node-server/utils/response'),
    import('./lightweight-response.js'),
  ])

export interface ServerOptions extends CreateAppOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number
  /** Default 127.0.0.1; use 0.0.0.0 in a container. */
  host?: string
  /**
   * How long a client may take to send its headers, and its whole request
   * (default 10 s and 30 s): a slow or stalled client is cut off instead of
   * holding a connection open forever.
   */
  timeouts?: { headersMs?: number; requestMs?: number }
}

export interface RunningServer {
  readonly url: string
  readonly port: number
  readonly app: MockApp
  /** Stops accepting connections, ends pending injected delays (those requests are answered at once) and resolves once in-flight requests have finished. */
  close(): Promise<void>
}

/** Hands the app's connection-fault answers to the socket; everything else passes through. */
function withConnectionFaults(app: MockApp, alreadySent: Response) {
  return async (request: Request, env: HttpBindings | Http2Bindings) => {
    const incoming = env.incoming as IncomingMessage
    const page = consolePage(request) // the console and docs page: standalone server only
    if (page) return page
    const response = await app.fetch(request, {
      ...env,
      mockRawHeaders: incoming.rawHeaders,
      mockReadBody: (limit: number, tooLarge?: (limit: number) => Response) => readIncoming(incoming, limit, tooLarge),
    })
    const fault = answerHeader(response, CONNECTION_FAULT_HEADER)
    if (!fault) return response
    breakConnection(env.incoming as IncomingMessage, fault as ConnectionFault)
    return alreadySent
  }
}

/** The body straight from Node's stream: no Web Request or ReadableStream on the way. */
function readIncoming(
  incoming: IncomingMessage,
  limit: number,
  tooLarge: (limit: number) => Response = bodyTooLarge,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; response: Response }> {
  if (Number(incoming.headers['content-length'] ?? 0) > limit)
    return Promise.resolve({ ok: false, response: tooLarge(limit) })
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        incoming.off('data', onData)
        incoming.resume()
        resolve({ ok: false, response: tooLarge(limit) })
        return
      }
      chunks.push(chunk)
    }
    incoming.on('data', onData)
    incoming.once('end', () => {
      resolve({ ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) })
    })
    incoming.once('error', reject)
  })
}

/**
 * Node's own headers/request timeouts are checked on a list that one busy
 * keep-alive connection can hide a stalled one behind; so each socket also
 * gets an inactivity deadline: its headers within `headersMs`, its body
 * within `requestMs`, none while the server itself works on the answer (an
 * injected delay may take a minute, on any method), and Node's keep-alive
 * timeout once the answer is sent (Node sets it, and tells the client in
 * `Keep-Alive: timeout=…`, so a client never reuses a socket about to close).
 */
function cutOffStalledClients(server: import('node:http').Server, headersMs: number, requestMs: number): void {
  // One 'timeout' listener per socket; later calls only move the deadline (a listener per request would leak on keep-alive).
  server.on('connection', (socket) => {
    socket.on('timeout', () => socket.destroy())
    socket.setTimeout(headersMs)
  })
  // Before the app's listener, so the app's work starts with the deadline already right.
  server.prependListener('request', (req: IncomingMessage) => {
    const socket = req.socket
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined
    if (hasBody) {
      socket.setTimeout(requestMs)
      // The whole body is in: from here on the time is the server's.
      req.once('end', () => socket.setTimeout(0))
      // GET and HEAD bodies are never read by the app: drain them so the deadline ends with them.
      if (req.method === 'GET' || req.method === 'HEAD') req.resume()
    } else socket.setTimeout(0)
  })
}

/** Memory and open handles, for /__mock/health (a container that runs for days can be watched). */
function processDiagnostics(): Record<string, unknown> {
  const memory = process.memoryUsage()
  const resources: Record<string, number> = {}
  for (const kind of process.getActiveResourcesInfo()) resources[kind] = (resources[kind] ?? 0) + 1
  return {
    rssMb: Math.round(memory.rss / 1048576),
    heapUsedMb: Math.round(memory.heapUsed / 1048576),
    activeResources: resources,
  }
}

/** Serves the app over HTTP with @hono/node-server. Throws ScenarioError (synchronously) on bad scenario files. */
export function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  // The scenarios are read and checked first, as createApp does, before anything loads or listens.
  const engine = createEngine(options)
  return loadNodeServer().then(([{ serve }, { RESPONSE_ALREADY_SENT }, { LightweightResponse }]) => {
    const app = appFor(engine, { diagnostics: processDiagnostics, responseClass: LightweightResponse, ...options })
    return listen(app, options, serve, RESPONSE_ALREADY_SENT)
  })
}

function listen(
  app: MockApp,
  options: ServerOptions,
  serve: typeof import('@hono/node-server').serve,
  alreadySent: Response,
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  return new Promise((resolve, reject) => {
    const onListening = (info: AddressInfo) => {
      const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host
      resolve({
        url: `http://${shownHost}:${info.port}`,
        port: info.port,
        app,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()))
            app.engine.shutdown()
            closing = true
            http1.closeIdleConnections()
          }),
      })
    }
    const headersTimeout = options.timeouts?.headersMs ?? 10_000
    const requestTimeout = Math.max(options.timeouts?.requestMs ?? 30_000, headersTimeout)
    const server = serve(
      {
        fetch: withConnectionFaults(app, alreadySent),
        // The mock's answers use node-server's Response per app (responseClass); the process's globals stay the platform's.
        overrideGlobalObjects: false,
        port: options.port ?? 4010,
        hostname: host,
        serverOptions: {
          headersTimeout,
          requestTimeout,
          connectionsCheckingInterval: Math.min(1000, Math.ceil(headersTimeout / 4)),
        },
      },
      onListening,
    )
    server.once('error', reject)
    const http1 = server as import('node:http').Server
    // A connection answered while closing is closed as soon as it is idle, not after the keep-alive timeout.
    let closing = false
    server.on('request', (_req: IncomingMessage, res: import('node:http').ServerResponse) =>
      res.once('finish', () => closing && setImmediate(() => http1.closeIdleConnections())),
    )
    cutOffStalledClients(http1, headersTimeout, requestTimeout)
  })
}
