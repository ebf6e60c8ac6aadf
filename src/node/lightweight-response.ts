import { getRequestListener } from '@hono/node-server'

/**
 * @hono/node-server's lightweight Response: it keeps a string body as is and
 * writes it straight to the socket (about 2.5x the throughput of the
 * platform's Response here). node-server exports the class only by installing
 * it as the process's global; it is taken once, and the globals go straight
 * back to the platform's, so nothing else in the process (MSW, the user's
 * tests) ever sees a different Response. Apps that want it say so per app
 * (`responseClass`).
 */
function takeLightweightResponse(): typeof Response {
  const platform = { Request: globalThis.Request, Response: globalThis.Response }
  getRequestListener(() => new Response(null))
  const lightweight = globalThis.Response
  Object.defineProperty(globalThis, 'Request', { value: platform.Request, writable: true, configurable: true })
  Object.defineProperty(globalThis, 'Response', { value: platform.Response, writable: true, configurable: true })
  return lightweight
}

export const LightweightResponse: typeof Response = takeLightweightResponse()
