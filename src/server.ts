import type { AddressInfo } from 'node:net'
import type { IncomingMessage } from 'node:http'
import { type HttpBindings, type Http2Bindings, serve } from '@hono/node-server'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { CONNECTION_FAULT_HEADER, type ConnectionFault } from './core/faults.js'
import { breakConnection } from './node/connection-faults.js'
import { type CreateAppOptions, createApp, type MockApp } from './index.js'

export interface ServerOptions extends CreateAppOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number
  /** Default 127.0.0.1; use 0.0.0.0 in a container. */
  host?: string
}

export interface RunningServer {
  readonly url: string
  readonly port: number
  readonly app: MockApp
  /** Stops accepting connections and resolves once in-flight requests have finished. */
  close(): Promise<void>
}

/** Hands the app's connection-fault answers to the socket; everything else passes through. */
function withConnectionFaults(app: MockApp) {
  return async (request: Request, env: HttpBindings | Http2Bindings) => {
    const response = await app.fetch(request, env)
    const fault = response.headers.get(CONNECTION_FAULT_HEADER)
    if (!fault) return response
    breakConnection(env.incoming as IncomingMessage, fault as ConnectionFault)
    return RESPONSE_ALREADY_SENT
  }
}

/** Serves the app over HTTP with @hono/node-server. */
export function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const app = createApp(options)
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
            if ('closeIdleConnections' in server) server.closeIdleConnections()
          }),
      })
    }
    const server = serve(
      // Keep the platform's Response: node-server's lightweight one loses headers set
      // after construction when MSW, in the same process, reads it.
      { fetch: withConnectionFaults(app), port: options.port ?? 4010, hostname: host, overrideGlobalObjects: false },
      onListening,
    )
    server.once('error', reject)
  })
}
