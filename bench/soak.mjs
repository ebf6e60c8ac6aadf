#!/usr/bin/env node
/**
 * `npm run soak`: a bounded soak (SOAK_SECONDS, default 120) of one server
 * process touching many sessions with a mixed load. Checks that memory stays
 * bounded by the caps (sessions LRU, journal ring buffer), that open handles
 * (sockets, timers) do not grow, and that SIGTERM lets a request in flight
 * finish. Prints a table and exits 1 if a check fails.
 */
import { spawn } from 'node:child_process'
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SECONDS = Number(process.env.SOAK_SECONDS ?? 120)
const SLICE = Math.max(2, Math.round(SECONDS / 12))
const SESSIONS = Number(process.env.SOAK_SESSIONS ?? 3000)
const H = { authorization: 'Token omnitron-test-token', 'content-type': 'application/json' }

// Fixtures only (no generated records), so sessions are cheap to create and the cap is reached early.
const dir = mkdtempSync(join(tmpdir(), 'ocm-soak-'))
copyFileSync(join(ROOT, 'scenarios', 'default.yaml'), join(dir, 'default.yaml'))
writeFileSync(
  join(dir, 'lean.yaml'),
  'extends: default\nproviders:\n  omnitron: { generate: { orders: 0 } }\n  hamgam: { generate: { orders: 0 } }\n  aymakan: { generate: { orders: 0 } }\n',
)
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
const child = spawn(
  process.execPath,
  [
    join(ROOT, 'dist', 'cli.js'),
    '--port',
    '0',
    '--quiet',
    '--scenarios',
    dir,
    '--scenario',
    'lean',
    '--max-sessions',
    '300',
    '--journal-size',
    '200',
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
)
const url = await new Promise((resolve, reject) => {
  let out = ''
  child.stdout.on('data', (d) => {
    out += d
    const m = /listening on (http:\/\/\S+)/.exec(out)
    if (m) resolve(m[1])
  })
  child.once('exit', () => reject(new Error('server exited')))
})

const fds = () => readdirSync(`/proc/${child.pid}/fd`).length
const health = async () => (await fetch(`${url}/__mock/health`)).json()
function load(opts) {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [join(ROOT, 'bench', 'load.mjs'), JSON.stringify({ connections: 16, duration: SLICE, ...opts })],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let out = ''
    p.stdout.on('data', (d) => (out += d))
    p.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error('load failed'))))
  })
}

const samples = []
const started = Date.now()
let i = 0
while (Date.now() - started < SECONDS * 1000) {
  const kind = i++ % 3
  const r =
    kind === 0
      ? await load({
          url: `${url}/omnitron/api/v1/order_items/7105/`,
          method: 'PATCH',
          headers: H,
          body: '{"tracking_number":"SOAK","extra_field":{"n":1}}',
          sessions: SESSIONS,
        })
      : kind === 1
        ? await load({ url: `${url}/omnitron/api/v1/orders/12345/`, headers: H, sessions: SESSIONS })
        : await load({
            url: `${url}/hamgam/api/orders/123/items/789`,
            method: 'PATCH',
            headers: { authorization: 'Token hamgam-staff-token', 'content-type': 'application/json' },
            body: '{"quantity":2}',
            sessions: SESSIONS,
          })
  const h = await health()
  samples.push({
    t: Math.round((Date.now() - started) / 1000),
    rps: Math.round(r.requestsPerSecond),
    errors: r.errors + r.non2xx,
    rssMb: h.rssMb,
    heapMb: h.heapUsedMb,
    sessions: h.sessions,
    fds: fds(),
    resources: h.activeResources,
  })
  const s = samples.at(-1)
  process.stdout.write(
    `t=${s.t}s rps=${s.rps} errors=${s.errors} rss=${s.rssMb}MB heap=${s.heapMb}MB sessions=${s.sessions} fds=${s.fds} ${JSON.stringify(s.resources)}\n`,
  )
}

// Graceful shutdown: a request in flight completes.
const pending = fetch(`${url}/omnitron/api/v1/orders/12345/`, { headers: { ...H, 'x-mock-delay': '1000' } })
await new Promise((r) => setTimeout(r, 200))
const exited = new Promise((resolve) => child.once('exit', resolve))
child.kill('SIGTERM')
const inFlight = (await pending).status
const code = await exited

// The first third fills the caps; after that, memory must stay flat.
const third = Math.max(1, Math.floor(samples.length / 3))
const early = samples.slice(third, 2 * third)
const late = samples.slice(-third)
const max = (xs, k) => Math.max(...xs.map((x) => x[k]))
const checks = [
  ['no errors under load', samples.every((s) => s.errors === 0)],
  ['sessions kept ≤ cap (300)', samples.every((s) => s.sessions <= 300)],
  ['RSS in the last third ≤ 1.3 × the middle third', max(late, 'rssMb') <= 1.3 * max(early, 'rssMb')],
  ['open file descriptors do not grow (last ≤ first + 8)', samples.at(-1).fds <= samples[0].fds + 8],
  ['SIGTERM: the request in flight answered 200', inFlight === 200],
  ['SIGTERM: exit code 0', code === 0],
]
for (const [name, ok] of checks) process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${name}\n`)
process.exit(checks.every(([, ok]) => ok) ? 0 : 1)
