#!/usr/bin/env node
/**
 * `npm run soak:journal`: 2,400 PATCHes of ~1 MB (an `extra_field` pad) over 3
 * sessions against the built CLI, sampling the server's RSS from
 * /__mock/health. Bounded in time (JOURNAL_SOAK_SECONDS, default 300: it
 * stops early and says so). Fails (exit 1) if RSS passes JOURNAL_SOAK_MAX_RSS_MB
 * (default 640, the bound the README states) or a request is not a 200.
 *
 * The server runs with its heap capped (JOURNAL_SOAK_HEAP_MB, default 384;
 * 0 for V8's default): what is *kept* (journals at their 256 MiB cap, counted
 * as two bytes a character, the store) must fit under it, or the process
 * dies as it did before the cap. Without a cap V8 lets the garbage of 1 MB
 * bodies in flight grow the heap towards a gigabyte before it collects.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TOTAL = Number(process.env.JOURNAL_SOAK_REQUESTS ?? 2400)
const SECONDS = Number(process.env.JOURNAL_SOAK_SECONDS ?? 300)
const MAX_RSS_MB = Number(process.env.JOURNAL_SOAK_MAX_RSS_MB ?? 640)
const HEAP_MB = Number(process.env.JOURNAL_SOAK_HEAP_MB ?? 384)
const CONCURRENCY = 4
const H = { authorization: 'Token omnitron-test-token', 'content-type': 'application/json' }

const heap = HEAP_MB > 0 ? [`--max-old-space-size=${HEAP_MB}`] : []
const child = spawn(process.execPath, [...heap, `${ROOT}dist/cli.js`, '--port', '0', '--quiet'], {
  stdio: ['ignore', 'pipe', 'inherit'],
})
const url = await new Promise((resolve, reject) => {
  let out = ''
  child.stdout.on('data', (d) => {
    out += d
    const m = /listening on (http:\/\/\S+)/.exec(out)
    if (m) resolve(m[1])
  })
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
})
child.once('exit', (code, signal) => {
  if (signal !== 'SIGTERM') {
    console.error(`server died (exit ${code}, ${signal}) after ${sent} requests`)
    process.exit(1)
  }
})

const health = async () => (await fetch(`${url}/__mock/health`)).json()
const body = JSON.stringify({ extra_field: { pad: 'x'.repeat(1_000_000) } })
const deadline = Date.now() + SECONDS * 1000
let sent = 0
let failed = 0
let maxRss = 0
const samples = []

async function worker() {
  while (sent < TOTAL && Date.now() < deadline) {
    const i = sent++
    const res = await fetch(`${url}/omnitron/api/v1/order_items/7105/`, {
      method: 'PATCH',
      headers: { ...H, 'x-mock-session': `soak-${i % 3}` },
      body,
    })
    await res.arrayBuffer()
    if (res.status !== 200) failed++
    if (i % 200 === 0) {
      const h = await health()
      maxRss = Math.max(maxRss, h.rssMb)
      samples.push({
        requests: i,
        rssMb: h.rssMb,
        heapUsedMb: h.heapUsedMb,
        journalMb: Math.round(h.journalBytes / 1048576),
      })
    }
  }
}

const started = Date.now()
await Promise.all(Array.from({ length: CONCURRENCY }, worker))
const end = await health()
maxRss = Math.max(maxRss, end.rssMb)
samples.push({
  requests: sent,
  rssMb: end.rssMb,
  heapUsedMb: end.heapUsedMb,
  journalMb: Math.round(end.journalBytes / 1048576),
})
child.kill('SIGTERM')

console.table(samples)
const seconds = Math.round((Date.now() - started) / 1000)
console.log(
  `${sent} of ${TOTAL} PATCHes (~1 MB) over 3 sessions in ${seconds} s, heap cap ${HEAP_MB || 'none'} MB; ${failed} not 200; max RSS ${maxRss} MB (bound ${MAX_RSS_MB} MB)${sent < TOTAL ? ' — stopped at the time limit' : ''}`,
)
process.exit(failed === 0 && maxRss <= MAX_RSS_MB ? 0 : 1)
