// Run under valgrind by bench/instructions.mjs: W + M requests of one case through the app, in-process
// (app.fetch as the Node server calls it, node-server's lightweight Response), then exit.
// Usage: node bench/instructions-loop.mjs <scenarios dir> <case> <W> <M>
import { getRequestListener } from '@hono/node-server'
import { createApp } from '../dist/node/index.js'
import { AYMAKAN_UPDATE, HAMGAM_ITEM_PATCH, OMNITRON_BULK_100, OMNITRON_ITEM_PATCH } from './requests.mjs'

const [dir, which, w, m] = process.argv.slice(2)
const small = { 'X-Mock-Scenario': 'small' }
const CASES = {
  patch: { ...OMNITRON_ITEM_PATCH, headers: { ...OMNITRON_ITEM_PATCH.headers, ...small } },
  bulk: { ...OMNITRON_BULK_100, headers: { ...OMNITRON_BULK_100.headers, ...small } },
  hamgam: HAMGAM_ITEM_PATCH,
  aymakan: AYMAKAN_UPDATE,
}
const c = CASES[which]
if (!c) throw new Error(`case: one of ${Object.keys(CASES).join(', ')}`)
// node-server's lightweight Response, taken as src/node/lightweight-response.ts takes it.
const platform = globalThis.Response
getRequestListener(() => new Response(null))
const responseClass = globalThis.Response
Object.defineProperty(globalThis, 'Response', { value: platform, writable: true, configurable: true })
const app = createApp({ responseClass, scenariosDir: dir })
const bytes = new TextEncoder().encode(c.body)
const headers = { host: '127.0.0.1', 'content-length': String(bytes.length), ...c.headers }
for (let i = 0; i < Number(w) + Number(m); i++) {
  const req = new Request(`http://127.0.0.1${c.path}`, { method: c.method, headers })
  const res = await app.fetch(req, { mockReadBody: async () => ({ ok: true, bytes }) })
  if (res.status >= 300) throw new Error(`${which}: status ${res.status}`)
}
process.exit(0)
