#!/usr/bin/env node
/**
 * `npm run bench`: every figure is a ratio against baselines measured in the
 * same run on the same machine (the README's Performance targets). Servers run each in their own
 * process; the load generator (autocannon) runs in its own process too.
 * Writes bench/results/latest.json and bench/results/latest.md.
 *
 *   node bench/run.mjs            full run (BENCH_DURATION seconds per case, default 5)
 *   node bench/run.mjs --smoke    every case for 64 requests (what `npm test` runs; no timings asserted)
 */
import { spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SMOKE = process.argv.includes('--smoke')
const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const WARMUP = Math.min(3, DURATION)
// The smoke run sends a fixed number of requests per case, with no warm-up: it proves every
// case runs, in a fraction of a second, however busy the machine (a time-boxed case can end
// before its first answer). It samples every 50 ms because autocannon notices the end only
// when it takes a sample (by default every second).
const SMOKE_REQUESTS = 64
const SAMPLE_MS = SMOKE ? 50 : 1000
const CONNECTIONS = 32
const BIG_ITEMS = SMOKE ? 2_000 : 100_000
const SESSIONS = SMOKE ? 100 : 10_000
const SESSION_CAP = SMOKE ? 20 : 1_000
const OUT = process.env.BENCH_OUT ?? join(ROOT, 'bench', 'results')

const OMNITRON = { Authorization: 'Token omnitron-test-token', 'Content-Type': 'application/json' }
const ITEM_PATCH = {
  method: 'PATCH',
  headers: OMNITRON,
  body: JSON.stringify({ tracking_number: 'TR-BENCH', status: '500' }),
}

// ------------------------------------------------------------ processes

const children = new Set()
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL')
})

/** Spawns a server; resolves when it prints its URL, with the time that took. */
function startServer(args, env = {}) {
  const started = performance.now()
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let out = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${args.join(' ')}\n${out}`)), 60_000)
    child.stderr.on('data', (d) => (out += d))
    child.stdout.on('data', (d) => {
      out += d
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ child, url: m[1], pid: child.pid, listeningMs: performance.now() - started, started })
      }
    })
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)))
  })
}

function stop(server) {
  children.delete(server.child)
  server.child.removeAllListeners('exit')
  return new Promise((resolve) => {
    server.child.once('exit', resolve)
    server.child.kill('SIGTERM')
    setTimeout(() => server.child.kill('SIGKILL'), 5000).unref()
  })
}

/** Resident memory of a process, in MB (Linux /proc). */
function rssMb(pid) {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Math.round(Number(kb) / 102.4) / 10 : null
  } catch {
    return null
  }
}

/** autocannon in its own process, after a warm-up of the same load (so every server is measured with its JIT warm). */
async function load(opts) {
  if (SMOKE) return loadOnce({ amount: SMOKE_REQUESTS, ...opts })
  if (!opts.amount) await loadOnce({ ...opts, duration: WARMUP })
  return loadOnce(opts)
}

function loadOnce(opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'bench', 'load.mjs'),
        JSON.stringify({ connections: CONNECTIONS, duration: DURATION, sampleInt: SAMPLE_MS, ...opts }),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator failed (${code})`)),
    )
  })
}

/** Time from spawning a server to its first 200 on `path` (polled every 2 ms). */
async function startToFirst200(args, path, headers, env) {
  const started = performance.now()
  const server = await startServer(args, env)
  for (;;) {
    try {
      const res = await fetch(`${server.url}${path}`, { headers })
      await res.arrayBuffer()
      if (res.status === 200) break
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 2))
  }
  const ms = performance.now() - started
  await stop(server)
  return ms
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const round = (x, d = 2) => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d)

// ------------------------------------------------------------ scenarios

function scenarioDir() {
  const dir = mkdtempSync(join(tmpdir(), 'ocm-bench-'))
  copyFileSync(join(ROOT, 'scenarios', 'default.yaml'), join(dir, 'default.yaml'))
  const write = (name, text) => writeFileSync(join(dir, `${name}.yaml`), text)
  // ~100 order items: the fixtures plus one generated order of 100 items (the bulk case uses them).
  write('small', 'extends: default\nproviders:\n  omnitron:\n    generate: { orders: 1, itemsPerOrder: 100 }\n')
  // The same, with 100,000 order items.
  write(
    'big',
    `extends: default\nproviders:\n  omnitron:\n    generate: { orders: ${BIG_ITEMS / 100}, itemsPerOrder: 100 }\n`,
  )
  // Fixtures only, for the many-sessions case (each new session seeds).
  write(
    'lean',
    'extends: default\nproviders:\n  omnitron: { generate: { orders: 0 } }\n  hamgam: { generate: { orders: 0 } }\n  aymakan: { generate: { orders: 0 } }\n',
  )
  return dir
}

// ------------------------------------------------------------ the run

const results = {
  date: new Date().toISOString(),
  smoke: SMOKE,
  durationSeconds: SMOKE ? null : DURATION,
  ...(SMOKE && { requestsPerCase: SMOKE_REQUESTS }),
  connections: CONNECTIONS,
  node: process.version,
  cases: {},
}
const dir = scenarioDir()
const MOCK = (extra = []) => [join(ROOT, 'dist', 'cli.js'), '--port', '0', '--quiet', '--scenarios', dir, ...extra]

try {
  // Baselines: the ceiling and a bare Hono server, the same PATCH.
  const raw = await startServer([join(ROOT, 'bench', 'servers', 'raw.mjs')])
  results.cases.raw = await load({ url: `${raw.url}/omnitron/api/v1/order_items/7105/`, ...ITEM_PATCH })
  await stop(raw)
  const hono = await startServer([join(ROOT, 'bench', 'servers', 'hono-map.mjs')])
  await fetch(`${hono.url}/__mock/health`)
  results.cases.honoIdleRssMb = rssMb(hono.pid)
  results.cases.hono = await load({ url: `${hono.url}/omnitron/api/v1/order_items/7105/`, ...ITEM_PATCH })
  await stop(hono)

  // The mock: full rules, journal on.
  const mock = await startServer(MOCK())
  const small = { ...ITEM_PATCH, headers: { ...OMNITRON, 'X-Mock-Scenario': 'small' } }
  await fetch(`${mock.url}/omnitron/api/v1/order_items/7105/`, small)
  results.cases.mockIdleRssMb = rssMb(mock.pid)
  results.cases.patch = await load({ url: `${mock.url}/omnitron/api/v1/order_items/7105/`, ...small })
  results.cases.getOrder = await load({ url: `${mock.url}/omnitron/api/v1/orders/12345/`, headers: OMNITRON })
  const entries = Array.from({ length: 100 }, (_, i) => ({
    id: 9_000_001 + i,
    status: '500',
    tracking_number: `TR-${i}`,
    shipping_company: 'ups',
  }))
  results.cases.bulk100 = await load({
    url: `${mock.url}/omnitron/api/i1/order_items/bulk_status_update/`,
    method: 'PATCH',
    headers: small.headers,
    body: JSON.stringify({ orderitem_set: entries }),
  })
  results.cases.hamgamPatch = await load({
    url: `${mock.url}/hamgam/api/orders/123/items/789`,
    method: 'PATCH',
    headers: { Authorization: 'Token hamgam-staff-token', 'Content-Type': 'application/json' },
    body: JSON.stringify({ quantity: 2, notes: 'bench' }),
  })
  results.cases.aymakanUpdate = await load({
    url: `${mock.url}/aymakan/api/v1/orders`,
    method: 'PUT',
    headers: { 'api-key': 'aymakan-test-key', 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({
      order_id: 'ord-hold-0002',
      payment_method: 'prepaid',
      order_items: [{ sku_code: 'SKU-AC-48', quantity: 2, unit_price: 10, total: 20 }],
      shipping_address: { address1: '4 Corniche Rd', city: 'Dammam' },
    }),
  })
  results.cases.mockLoadedRssMb = rssMb(mock.pid)

  // Store size: the same PATCH with ~100 and with 100,000 order items seeded.
  const big = { ...ITEM_PATCH, headers: { ...OMNITRON, 'X-Mock-Scenario': 'big' } }
  const seedStarted = performance.now()
  await fetch(`${mock.url}/omnitron/api/v1/order_items/7105/`, big)
  results.cases.bigSeedMs = round(performance.now() - seedStarted, 0)
  results.cases.patchSmallStore = await load({ url: `${mock.url}/omnitron/api/v1/order_items/7105/`, ...small })
  results.cases.patchBigStore = await load({ url: `${mock.url}/omnitron/api/v1/order_items/7105/`, ...big })
  await stop(mock)

  // Start to first 200: the mock (a provider answer) against a bare Hono server; median of three.
  const runs = SMOKE ? 1 : 3
  const mockStarts = []
  const honoStarts = []
  for (let i = 0; i < runs; i++) {
    mockStarts.push(await startToFirst200(MOCK(), '/omnitron/api/v1/orders/12345/', OMNITRON))
    honoStarts.push(
      await startToFirst200([join(ROOT, 'bench', 'servers', 'hono-map.mjs')], '/omnitron/api/v1/order_items/7105/', {}),
    )
  }
  results.cases.startMs = { mock: round(median(mockStarts), 0), hono: round(median(honoStarts), 0) }

  // Many sessions: memory stays bounded by the session cap.
  const many = await startServer(MOCK(['--max-sessions', String(SESSION_CAP), '--scenario', 'lean']))
  const rss = {}
  const step = SESSIONS / 4
  for (let done = step; done <= SESSIONS; done += step) {
    await load({
      url: `${many.url}/omnitron/api/v1/orders/12345/`,
      headers: OMNITRON,
      sessions: SESSIONS,
      amount: step,
      connections: 8,
      duration: undefined,
    })
    rss[done] = rssMb(many.pid)
  }
  const health = await (await fetch(`${many.url}/__mock/health`)).json()
  results.cases.sessions = { touched: SESSIONS, cap: SESSION_CAP, kept: health.sessions, rssMbAfter: rss }
  await stop(many)

  // In-process: a request through the MSW handlers against a static MSW handler, in its own process.
  results.cases.inProcess = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench', 'inprocess.mjs'), SMOKE ? '200' : '3000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error('in-process bench failed'))))
  })
} finally {
  rmSync(dir, { recursive: true, force: true })
}

// ------------------------------------------------------------ ratios

const c = results.cases
const ratio = (a, b) => (a && b ? round(a / b, 2) : null)
results.targets = [
  {
    target: 'PATCH order item req/s ≥ 0.6 × raw node:http',
    value: ratio(c.patch.requestsPerSecond, c.raw.requestsPerSecond),
    goal: 0.6,
    higherIsBetter: true,
  },
  {
    target: 'Bulk (100 entries) items/s ≥ 20 × single-PATCH req/s',
    value: ratio(c.bulk100.requestsPerSecond * 100, c.patch.requestsPerSecond),
    goal: 20,
    higherIsBetter: true,
  },
  {
    target: 'PATCH p99 ≤ 2 × raw node:http p99',
    value: ratio(Math.max(c.patch.p99, 1), Math.max(c.raw.p99, 1)),
    goal: 2,
    higherIsBetter: false,
  },
  {
    target: 'Start to first 200 ≤ 1.5 × bare Hono',
    value: ratio(c.startMs.mock, c.startMs.hono),
    goal: 1.5,
    higherIsBetter: false,
  },
  {
    target: 'p50 with 100,000 items ≤ 1.2 × p50 with ~100',
    value: ratio(Math.max(c.patchBigStore.p50, 1), Math.max(c.patchSmallStore.p50, 1)),
    goal: 1.2,
    higherIsBetter: false,
  },
  {
    target: 'MSW request ≤ 2 × a static MSW handler',
    value: ratio(c.inProcess.mockMeanUs, c.inProcess.staticMeanUs),
    goal: 2,
    higherIsBetter: false,
  },
  {
    target: 'Idle RSS ≤ 1.3 × bare Hono',
    value: ratio(c.mockIdleRssMb, c.honoIdleRssMb),
    goal: 1.3,
    higherIsBetter: false,
  },
  {
    target: `${SESSIONS} sessions touched: RSS after all ≤ 1.3 × after a quarter (cap ${SESSION_CAP})`,
    value: ratio(c.sessions.rssMbAfter[SESSIONS], c.sessions.rssMbAfter[SESSIONS / 4]),
    goal: 1.3,
    higherIsBetter: false,
  },
].map((t) => ({ ...t, met: t.value === null ? null : t.higherIsBetter ? t.value >= t.goal : t.value <= t.goal }))

// ------------------------------------------------------------ output

const row = (name, r) =>
  `| ${name} | ${Math.round(r.requestsPerSecond)} | ${r.p50} | ${r.p99} | ${r.non2xx + r.errors} |`
const md = `# Benchmark results

${results.date} · Node ${results.node} · ${SMOKE ? `${SMOKE_REQUESTS} requests per case, no warm-up` : `${DURATION} s per case after ${WARMUP} s of warm-up`} · ${CONNECTIONS} connections · load generator (autocannon) and each server in its own process${SMOKE ? ' · **smoke run: figures meaningless**' : ''}

## Targets (ratios measured in this run)

| target | measured | goal | met |
|---|---|---|---|
${results.targets.map((t) => `| ${t.target} | ${t.value ?? 'n/a'} | ${t.goal} | ${t.met === null ? 'n/a' : t.met ? 'yes' : '**no**'} |`).join('\n')}

## Throughput and latency

| case | req/s | p50 ms | p99 ms | non-2xx + errors |
|---|---|---|---|---|
${row('raw node:http, static JSON (ceiling)', c.raw)}
${row('bare Hono + Map, PATCH', c.hono)}
${row('mock: PATCH /api/v1/order_items/{pk}/ (rules, journal)', c.patch)}
${row('mock: GET /api/v1/orders/{pk}/', c.getOrder)}
${row('mock: bulk status update, 100 entries', c.bulk100)}
${row('mock: Hamgam item PATCH', c.hamgamPatch)}
${row('mock: Aymakan update', c.aymakanUpdate)}
${row(`mock: PATCH, ~100 items seeded`, c.patchSmallStore)}
${row(`mock: PATCH, ${BIG_ITEMS.toLocaleString('en')} items seeded`, c.patchBigStore)}

## Start, memory, sessions, in-process

| measure | mock | baseline |
|---|---|---|
| start to first 200 (ms, median) | ${c.startMs.mock} | ${c.startMs.hono} (bare Hono) |
| idle RSS (MB) | ${c.mockIdleRssMb} | ${c.honoIdleRssMb} (bare Hono) |
| RSS after the load above (MB) | ${c.mockLoadedRssMb} | |
| seeding ${BIG_ITEMS.toLocaleString('en')} order items (ms, first request of the session) | ${c.bigSeedMs} | |
| RSS after N sessions touched, cap ${SESSION_CAP} (MB) | ${Object.entries(c.sessions.rssMbAfter)
  .map(([n, mb]) => `${n}: ${mb}`)
  .join(' · ')} | sessions kept: ${c.sessions.kept} |
| in-process request, mean µs (${c.inProcess.requests} each) | ${c.inProcess.mockMeanUs} (MSW → app) | ${c.inProcess.staticMeanUs} (static MSW handler) |
`

mkdirSync(OUT, { recursive: true })
writeFileSync(join(OUT, SMOKE ? 'smoke.json' : 'latest.json'), `${JSON.stringify(results, null, 2)}\n`)
writeFileSync(join(OUT, SMOKE ? 'smoke.md' : 'latest.md'), md)
process.stdout.write(md)
