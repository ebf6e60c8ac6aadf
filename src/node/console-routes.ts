import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { PACKAGE_ROOT } from './package-root.js'

/**
 * The pages only the standalone server serves: the console (/__mock/ui) and
 * the API reference (/__mock/docs), as static files from the package — the
 * console from `console/`, Swagger UI from the swagger-ui-dist dependency —
 * so both work offline. The pages are public; their data calls go through the
 * admin API, which checks --admin-token.
 */

const consoleDir = join(PACKAGE_ROOT, 'console')
/** Resolved on first use: a missing package costs its page, not the server's start. */
const swagger = (file: string) => () =>
  join(dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json')), file)
const own = (file: string) => () => join(consoleDir, file)

const HTML = 'text/html; charset=utf-8'
const JS = 'text/javascript; charset=utf-8'
const CSS = 'text/css; charset=utf-8'

const FILES: Record<string, { file: () => string; type: string }> = {
  '/__mock/ui': { file: own('index.html'), type: HTML },
  '/__mock/ui/console.js': { file: own('console.js'), type: JS },
  '/__mock/ui/console.css': { file: own('console.css'), type: CSS },
  '/__mock/docs': { file: own('docs.html'), type: HTML },
  '/__mock/docs/docs.js': { file: own('docs.js'), type: JS },
  '/__mock/docs/docs.css': { file: own('docs.css'), type: CSS },
  '/__mock/docs/swagger-ui-bundle.js': { file: swagger('swagger-ui-bundle.js'), type: JS },
  '/__mock/docs/swagger-ui.css': { file: swagger('swagger-ui.css'), type: CSS },
}

/** Nothing but the package's own files: a page can never load from elsewhere (Swagger UI styles inline). */
const CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'"

const cache = new Map<string, Buffer>()

/** The page or asset for this request, or undefined when the path is not one of them. */
export function consolePage(request: Request): Response | undefined {
  // Every request passes here: a substring test before any parsing keeps the providers' path cheap.
  if (!request.url.includes('/__mock/ui') && !request.url.includes('/__mock/docs')) return undefined
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined
  const path = new URL(request.url).pathname.replace(/\/+$/, '')
  const entry = FILES[path]
  if (!entry) return undefined
  let bytes = cache.get(path)
  if (!bytes) {
    try {
      bytes = readFileSync(entry.file())
    } catch (error) {
      return new Response(`This installation lacks the file for ${path}: ${(error as Error).message}`, {
        status: 404,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      })
    }
    cache.set(path, bytes)
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(bytes), {
    status: 200,
    headers: {
      'Content-Type': entry.type,
      'Content-Length': String(bytes.length),
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  })
}
