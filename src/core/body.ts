import type { Context } from 'hono'
import type { MockEnv } from './context.js'
import { problemResponse } from './problem.js'

export function bodyTooLarge(limit: number, flag = '--max-body-bytes'): Response {
  return problemResponse({
    code: 'body-too-large',
    status: 413,
    title: 'Request body too large',
    detail: `The mock accepts request bodies up to ${limit} bytes (${flag}).`,
    limit,
  })
}

/** The request body the control layer read (providers never read the stream themselves). */
export async function readBody(
  c: Context<MockEnv>,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; response: Response }> {
  return { ok: true, bytes: c.get('mock').body }
}

/**
 * Reads a request body up to `limit` bytes: a declared Content-Length over it
 * is refused before reading; a chunked body is cut off as soon as it passes it.
 */
export async function readLimitedBody(
  request: Request,
  limit: number,
  tooLarge: (limit: number) => Response = bodyTooLarge,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; response: Response }> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return { ok: false, response: tooLarge(limit) }
  const stream = request.body
  if (!stream) return { ok: true, bytes: new Uint8Array(0) }
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      return { ok: false, response: tooLarge(limit) }
    }
    chunks.push(value)
  }
  if (chunks.length === 1) return { ok: true, bytes: chunks[0]! }
  const bytes = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return { ok: true, bytes }
}
