#!/usr/bin/env node
/**
 * Start-up and idle memory of the standalone server (issue 18, targets 3 and 5), the way
 * bench/run.mjs measures them, repeated in alternating rounds so a busy machine hits every
 * line alike — and across builds, to compare two side by side:
 *   - start: spawn `node dist/cli.js --port 0 --quiet` (the bundled default scenario) and
 *     poll GET /omnitron/api/v1/orders/12345/ until it answers 200; wall time since the
 *     spawn, and the server's CPU time (/proc) at that moment;
 *   - idle RSS: a server with bench/run.mjs's scenarios folder (`default`, `small`: 1 order
 *     × 100 items, `big`, `lean`), RSS right after one PATCH of
 *     /omnitron/api/v1/order_items/7105/ on `small`;
 *   - the same two for bench/servers/hono-map.mjs, the baseline.
 *
 *   node bench/start.mjs                                 dist/cli.js, 10 rounds
 *   node bench/start.mjs --rounds 15
 *   node bench/start.mjs --cli a/dist/cli.js,dist/cli.js A/B: two builds, side by side
 *
 * Linux only (/proc). Prints a table (median, [min–max]) and the figures as JSON on stdout's last line.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { cpuUs, spawnServer, stop } from './processes.mjs'
import { median } from './stats.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const { values: args } = parseArgs({
  options: {
    cli: { type: 'string', default: join(ROOT, 'dist', 'cli.js') },
    rounds: { type: 'string', default: '10' },
  },
})
const ROUNDS = Number(args.rounds)
const CLIS = args.cli.split(',').map((p) => resolve(p))
const HONO = join(ROOT, 'bench', 'servers', 'hono-map.mjs')
const OMNITRON = { Authorization: 'Token omnitron-test-token' }
const PATCH = {
  method: 'PATCH',
  headers: { ...OMNITRON, 'Content-Type': 'application/json', 'X-Mock-Scenario': 'small' },
  body: JSON.stringify({ tracking_number: 'TR-BENCH', status: '500' }),
}

const dir = mkdtempSync(join(tmpdir(), 'ocm-start-'))
copyFileSync(join(ROOT, 'scenarios', 'default.yaml'), join(dir, 'default.yaml'))
// The folder bench/run.mjs serves (its idle RSS is the server's with these four files).
const write = (name, text) => writeFileSync(join(dir, `${name}.yaml`), text)
write('small', 'extends: default\nproviders:\n  omnitron:\n    generate: { orders: 1, itemsPerOrder: 100 }\n')
write('big', 'extends: default\nproviders:\n  omnitron:\n    generate: { orders: 1000, itemsPerOrder: 100 }\n')
write(
  'lean',
  'extends: default\nproviders:\n  omnitron: { generate: { orders: 0 } }\n  hamgam: { generate: { orders: 0 } }\n  aymakan: { generate: { orders: 0 } }\n',
)

function rssMb(pid) {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  return Number(kb) / 1024
}

async function untilOk(url, init) {
  for (;;) {
    try {
      const res = await fetch(url, init)
      await res.arrayBuffer()
      if (res.status === 200) return
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 2))
  }
}

/** Spawn → first 200 (wall ms) and the server's CPU ms by then. */
async function start(argv, path) {
  const started = performance.now()
  const server = await spawnServer(process.execPath, argv)
  await untilOk(`${server.url}${path}`, { headers: OMNITRON })
  const ms = performance.now() - started
  const cpuMs = cpuUs(server.pid) / 1000
  await stop(server)
  return { ms, cpuMs }
}

/** RSS (MB) right after one request. */
async function idle(argv, path, init) {
  const server = await spawnServer(process.execPath, argv)
  const res = await fetch(`${server.url}${path}`, init)
  await res.arrayBuffer()
  if (res.status !== 200) throw new Error(`${argv[0]}: ${path} answered ${res.status}`)
  const mb = rssMb(server.pid)
  await stop(server)
  return mb
}

const LINES = [
  {
    name: 'hono',
    start: () => start([HONO], '/omnitron/api/v1/order_items/7105/'),
    idle: () => idle([HONO], '/omnitron/api/v1/order_items/7105/', { ...PATCH, headers: { ...PATCH.headers } }),
  },
  ...CLIS.map((cli) => ({
    name: cli,
    start: () => start([cli, '--port', '0', '--quiet'], '/omnitron/api/v1/orders/12345/'),
    idle: () => idle([cli, '--port', '0', '--quiet', '--scenarios', dir], '/omnitron/api/v1/order_items/7105/', PATCH),
  })),
]

const results = Object.fromEntries(LINES.map((l) => [l.name, { ms: [], cpuMs: [], rssMb: [] }]))
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 ? [...LINES].reverse() : LINES
  for (const line of order) {
    const s = await line.start()
    results[line.name].ms.push(s.ms)
    results[line.name].cpuMs.push(s.cpuMs)
  }
  for (const line of order) results[line.name].rssMb.push(await line.idle())
  process.stderr.write(`round ${round + 1}/${ROUNDS}\n`)
}
rmSync(dir, { recursive: true, force: true })

const fmt = (xs, d = 0) => `${median(xs).toFixed(d)} [${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)}]`
const hono = results.hono
const summary = {}
console.log('| server | start → 200 ms | × Hono (per round) | CPU ms by then | idle RSS MB | × Hono (per round) |')
console.log('|---|---|---|---|---|---|')
for (const [name, r] of Object.entries(results)) {
  const startRatio = r.ms.map((x, i) => x / hono.ms[i])
  const rssRatio = r.rssMb.map((x, i) => x / hono.rssMb[i])
  summary[name] = {
    startMs: median(r.ms),
    startRatio: median(startRatio),
    cpuMs: median(r.cpuMs),
    rssMb: median(r.rssMb),
    rssRatio: median(rssRatio),
  }
  console.log(
    `| ${name.replace(ROOT, '')} | ${fmt(r.ms)} | ${fmt(startRatio, 2)} | ${fmt(r.cpuMs)} | ${fmt(r.rssMb, 1)} | ${fmt(rssRatio, 3)} |`,
  )
}
console.log(JSON.stringify(summary))
