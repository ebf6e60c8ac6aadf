#!/usr/bin/env node
/**
 * `npm run bench`: every figure is a ratio against baselines measured in the
 * same run on the same machine (the README's Performance targets). Servers run each in their own
 * process; the load generator (autocannon) runs in its own process too.
 * Writes bench/results/latest.json and bench/results/latest.md.
 *
 *   node bench/run.mjs            full run (BENCH_DURATION seconds per case, default 5)
 *   node bench/run.mjs --runs 3   the whole run three times: each target's median and its spread (BENCH_RUNS)
 *   node bench/run.mjs --smoke    every case for 64 requests (what `npm test` runs; no timings asserted)
 *
 * WireMock 3 (a static stub of the same PATCH) runs too when `java` is on the PATH and the
 * `wiremock` npm package's jar is found (`npm i --no-save wiremock`, or WIREMOCK_JAR=path);
 * the report says so when it is not.
 */
import { spawn, spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cpuUs, runLoad, spawnServer, stop } from './processes.mjs'
import {
  AYMAKAN_UPDATE,
  HAMGAM_ITEM_PATCH,
  init,
  OMNITRON_BULK_100,
  OMNITRON_HEADERS,
  OMNITRON_ITEM_PATCH,
} from './requests.mjs'
import { median } from './stats.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SMOKE = process.argv.includes('--smoke')
const RUNS = SMOKE
  ? 1
  : Number(
      process.argv.includes('--runs')
        ? process.argv[process.argv.indexOf('--runs') + 1]
        : (process.env.BENCH_RUNS ?? 1),
    )
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

const OMNITRON = OMNITRON_HEADERS
const ITEM_PATCH = init(OMNITRON_ITEM_PATCH)

// ------------------------------------------------------------ processes

const startServer = (args, env) => spawnServer(process.execPath, args, { env })

/** Resident memory of a process, in MB (Linux /proc). */
function rssMb(pid) {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Math.round(Number(kb) / 102.4) / 10 : null
  } catch {
    return null
  }
}

/**
 * autocannon in its own process, after a warm-up of the same load (so every server is measured
 * with its JIT warm); with `pid`, also the server's CPU µs per request over the measured part.
 */
async function load(opts, pid) {
  if (!SMOKE && !opts.amount) await loadOnce({ ...opts, duration: WARMUP })
  const before = pid ? cpuUs(pid) : null
  const result = await loadOnce(SMOKE ? { amount: SMOKE_REQUESTS, ...opts } : opts)
  const after = pid ? cpuUs(pid) : null
  if (before !== null && after !== null && result.requests > 0)
    result.cpuUsPerRequest = Math.round((after - before) / result.requests)
  return result
}

/**
 * The mock's cases that targets compare with each other (PATCH against the
 * bulk, Hamgam, Aymakan), measured in two rounds — every case warmed up, then
 * one after another, then again in reverse order — each case's figures summed
 * over both rounds. A server keeps getting faster for minutes (JIT tiers, its
 * heap settling) and a shared machine drifts: one case measured early and
 * another late differed by up to 30% for that alone, while a drift steady over
 * the two rounds cancels out. p50 and p99 are the rounds' mean.
 */
async function alternating(server, byName) {
  const names = Object.keys(byName)
  const opts = (name) => ({ url: `${server.url}${byName[name][0]}`, ...byName[name][1] })
  if (!SMOKE) for (const name of names) await loadOnce({ ...opts(name), duration: WARMUP })
  const rounds = Object.fromEntries(names.map((n) => [n, []]))
  for (const order of [names, [...names].reverse()]) {
    for (const name of order) {
      const before = cpuUs(server.pid)
      const result = await loadOnce(SMOKE ? { amount: SMOKE_REQUESTS, ...opts(name) } : opts(name))
      const after = cpuUs(server.pid)
      rounds[name].push({ ...result, cpuUs: before !== null && after !== null ? after - before : null })
    }
  }
  const merged = {}
  for (const name of names) {
    const rs = rounds[name]
    const requests = rs.reduce((a, r) => a + r.requests, 0)
    const seconds = rs.reduce((a, r) => a + (r.requests > 0 ? r.requests / Math.max(r.requestsPerSecond, 1e-9) : 0), 0)
    const cpu = rs.every((r) => r.cpuUs !== null) ? rs.reduce((a, r) => a + r.cpuUs, 0) : null
    const mean = (k) => Math.round((rs.reduce((a, r) => a + r[k], 0) / rs.length) * 10) / 10
    merged[name] = {
      ...rs.at(-1),
      requests,
      requestsPerSecond: seconds > 0 ? Math.round((requests / seconds) * 10) / 10 : 0,
      p50: mean('p50'),
      p99: mean('p99'),
      errors: rs.reduce((a, r) => a + r.errors, 0),
      non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
      rounds: rs.map((r) => r.requestsPerSecond),
      ...(cpu !== null && requests > 0 && { cpuUsPerRequest: Math.round(cpu / requests) }),
    }
    delete merged[name].cpuUs
  }
  return merged
}

function loadOnce(opts) {
  return runLoad({ connections: CONNECTIONS, duration: DURATION, sampleInt: SAMPLE_MS, ...opts })
}

/** Polls `url` every 2 ms until it answers 200; the time since `started`. */
async function untilOk(url, init, started) {
  for (;;) {
    try {
      const res = await fetch(url, init)
      await res.arrayBuffer()
      if (res.status === 200) return performance.now() - started
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 2))
  }
}

/** Time from spawning a server to its first 200 on `path`. */
async function startToFirst200(args, path, headers, env) {
  const started = performance.now()
  const server = await startServer(args, env)
  const ms = await untilOk(`${server.url}${path}`, { headers }, started)
  await stop(server)
  return ms
}

/** A node script of bench/ that prints one JSON object (the in-process, start-up and seeding benches). */
function jsonScript(name, args = []) {
  const file = join(ROOT, 'bench', name)
  if (!existsSync(file)) return Promise.resolve(null)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`${name} failed (${code})`)),
    )
  })
}

const round = (x, d = 2) => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d)

// ------------------------------------------------------------ WireMock (optional)

/** The WireMock standalone jar and java, when both are here; else why not. */
function findWireMock() {
  if (SMOKE) return { missing: 'not run in the smoke run' }
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).status !== 0) return { missing: 'no `java` on the PATH' }
  let jar = process.env.WIREMOCK_JAR
  if (!jar) {
    try {
      const dir = join(dirname(createRequire(join(ROOT, 'package.json')).resolve('wiremock/package.json')), 'build')
      const name = readdirSync(dir).find((f) => /^wiremock-standalone-.*\.jar$/.test(f))
      if (name) jar = join(dir, name)
    } catch {
      /* not installed */
    }
  }
  if (!jar || !existsSync(jar))
    return { missing: 'the `wiremock` npm package is not installed (`npm i --no-save wiremock`, or set WIREMOCK_JAR)' }
  return { jar }
}

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

/** WireMock with one static stub: the same PATCH answered with the same JSON as the raw server. */
async function startWireMock(jar) {
  const root = mkdtempSync(join(tmpdir(), 'ocm-bench-wiremock-'))
  mkdirSync(join(root, 'mappings'))
  writeFileSync(
    join(root, 'mappings', 'order-item.json'),
    JSON.stringify({
      request: { method: 'PATCH', urlPath: '/omnitron/api/v1/order_items/7105/' },
      response: {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: readFileSync(join(ROOT, 'bench', 'fixtures', 'order-item.json'), 'utf8'),
      },
    }),
  )
  const port = await freePort()
  const started = performance.now()
  const server = await spawnServer(
    'java',
    ['-jar', jar, '--port', String(port), '--root-dir', root, '--disable-banner'],
    {
      ready: /port:\s+\d+|started|Listening/i,
      url: `http://127.0.0.1:${port}`,
    },
  )
  server.startMs = await untilOk(`${server.url}/omnitron/api/v1/order_items/7105/`, ITEM_PATCH, started)
  server.root = root
  return server
}

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

// ------------------------------------------------------------ one run

const dir = scenarioDir()
const MOCK = (extra = []) => [join(ROOT, 'dist', 'cli.js'), '--port', '0', '--quiet', '--scenarios', dir, ...extra]
const wiremock = findWireMock()

async function measure() {
  const cases = {}
  // Baselines: the ceiling and a bare Hono server, the same PATCH.
  const raw = await startServer([join(ROOT, 'bench', 'servers', 'raw.mjs')])
  cases.raw = await load({ url: `${raw.url}/omnitron/api/v1/order_items/7105/`, ...ITEM_PATCH }, raw.pid)
  await stop(raw)
  const hono = await startServer([join(ROOT, 'bench', 'servers', 'hono-map.mjs')])
  await fetch(`${hono.url}/__mock/health`)
  cases.honoIdleRssMb = rssMb(hono.pid)
  cases.hono = await load({ url: `${hono.url}/omnitron/api/v1/order_items/7105/`, ...ITEM_PATCH }, hono.pid)
  await stop(hono)
  if (wiremock.jar) {
    const wm = await startWireMock(wiremock.jar)
    cases.wiremockStartMs = round(wm.startMs, 0)
    cases.wiremock = await load({ url: `${wm.url}/omnitron/api/v1/order_items/7105/`, ...ITEM_PATCH }, wm.pid)
    cases.wiremockRssMb = rssMb(wm.pid)
    await stop(wm)
    rmSync(wm.root, { recursive: true, force: true })
  }

  // The mock: full rules, journal on.
  const mock = await startServer(MOCK())
  const small = { ...ITEM_PATCH, headers: { ...OMNITRON, 'X-Mock-Scenario': 'small' } }
  await fetch(`${mock.url}/omnitron/api/v1/order_items/7105/`, small)
  cases.mockIdleRssMb = rssMb(mock.pid)
  const onMock = (path, opts) => load({ url: `${mock.url}${path}`, ...opts }, mock.pid)
  // The cases the targets compare with each other, in alternating rounds (see `alternating`).
  Object.assign(
    cases,
    await alternating(mock, {
      patch: ['/omnitron/api/v1/order_items/7105/', small],
      getOrder: ['/omnitron/api/v1/orders/12345/', { headers: OMNITRON }],
      bulk100: [OMNITRON_BULK_100.path, { ...init(OMNITRON_BULK_100), headers: small.headers }],
      hamgamPatch: [HAMGAM_ITEM_PATCH.path, init(HAMGAM_ITEM_PATCH)],
      aymakanUpdate: [AYMAKAN_UPDATE.path, init(AYMAKAN_UPDATE)],
    }),
  )
  cases.mockLoadedRssMb = rssMb(mock.pid)

  // Store size: the same PATCH with ~100 and with 100,000 order items seeded.
  const big = { ...ITEM_PATCH, headers: { ...OMNITRON, 'X-Mock-Scenario': 'big' } }
  const seedStarted = performance.now()
  await fetch(`${mock.url}/omnitron/api/v1/order_items/7105/`, big)
  cases.bigSeedMs = round(performance.now() - seedStarted, 0)
  // Large generations are made on first need (ADR 0012): a list needs them all; then the PATCH runs on the full store.
  const allStarted = performance.now()
  await (await fetch(`${mock.url}/omnitron/api/v1/order_items/?limit=1`, { headers: big.headers })).arrayBuffer()
  cases.bigAllMs = round(performance.now() - allStarted, 0)
  cases.patchSmallStore = await onMock('/omnitron/api/v1/order_items/7105/', small)
  cases.patchBigStore = await onMock('/omnitron/api/v1/order_items/7105/', big)
  await stop(mock)

  // Start to first 200: the mock (a provider answer) against a bare Hono server; median of three.
  const starts = SMOKE ? 1 : 3
  const mockStarts = []
  const honoStarts = []
  for (let i = 0; i < starts; i++) {
    // The default scenario, as `npm start` and the container run it (no scenarios folder to read and check).
    const plain = [join(ROOT, 'dist', 'cli.js'), '--port', '0', '--quiet']
    mockStarts.push(await startToFirst200(plain, '/omnitron/api/v1/orders/12345/', OMNITRON))
    honoStarts.push(
      await startToFirst200([join(ROOT, 'bench', 'servers', 'hono-map.mjs')], '/omnitron/api/v1/order_items/7105/', {}),
    )
  }
  cases.startMs = { mock: round(median(mockStarts), 0), hono: round(median(honoStarts), 0) }

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
  cases.sessions = { touched: SESSIONS, cap: SESSION_CAP, kept: health.sessions, rssMbAfter: rss }
  await stop(many)

  // In-process: a request through the MSW handlers against a static MSW handler, in its own process.
  cases.inProcess = await jsonScript('inprocess.mjs', [SMOKE ? '200' : '3000'])
  // Import and vitest-file times (bench/startup.mjs), each in fresh processes.
  cases.startup = await jsonScript('startup.mjs', SMOKE ? ['--smoke'] : [])
  return cases
}

// ------------------------------------------------------------ targets

const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? round(a / b, 2) : null)

/** The issue's targets, each a ratio of one run (null: not measured in this run, e.g. no WireMock). */
function targets(c) {
  const t = (target, value, goal, higherIsBetter) => ({ target, value, goal, higherIsBetter })
  return [
    t(
      'PATCH order item req/s ≥ 0.5 × raw node:http',
      ratio(c.patch.requestsPerSecond, c.raw.requestsPerSecond),
      0.5,
      true,
    ),
    t(
      'PATCH order item req/s ≥ 1.5 × WireMock static stub',
      ratio(c.patch.requestsPerSecond, c.wiremock?.requestsPerSecond),
      1.5,
      true,
    ),
    t('PATCH p99 ≤ 2.5 × raw node:http p99', ratio(Math.max(c.patch.p99, 1), Math.max(c.raw.p99, 1)), 2.5, false),
    t(
      'Aymakan update req/s ≥ 0.8 × Omnitron PATCH',
      ratio(c.aymakanUpdate.requestsPerSecond, c.patch.requestsPerSecond),
      0.8,
      true,
    ),
    t(
      'Hamgam item PATCH req/s ≥ 0.8 × Omnitron PATCH',
      ratio(c.hamgamPatch.requestsPerSecond, c.patch.requestsPerSecond),
      0.8,
      true,
    ),
    t(
      'Bulk (100 entries) items/s ≥ 20 × single-PATCH req/s',
      ratio(c.bulk100.requestsPerSecond * 100, c.patch.requestsPerSecond),
      20,
      true,
    ),
    t('Start to first 200 ≤ 2 × bare Hono', ratio(c.startMs.mock, c.startMs.hono), 2, false),
    t(
      `First request of a session with ${BIG_ITEMS.toLocaleString('en')} items ≤ 1 s (ratio to 1 s)`,
      ratio(c.bigSeedMs, 1000),
      1,
      false,
    ),
    t(
      'Importing order-contract-mock/msw ≤ 2 × importing msw',
      ratio(c.startup?.importMockMswMs, c.startup?.importMswMs),
      2,
      false,
    ),
    t('MSW request ≤ 1.5 × a static MSW handler', ratio(c.inProcess.mockMeanUs, c.inProcess.staticMeanUs), 1.5, false),
    t(
      'A vitest file using createMock() adds ≤ 0.3 s (ratio to 0.3 s)',
      ratio(
        typeof c.startup?.vitestMockMs === 'number'
          ? Math.max(0, c.startup.vitestMockMs - c.startup.vitestStaticMs)
          : null,
        300,
      ),
      1,
      false,
    ),
    t('Idle RSS ≤ 1.5 × bare Hono', ratio(c.mockIdleRssMb, c.honoIdleRssMb), 1.5, false),
    t(
      'p50 with 100,000 items ≤ 1.2 × p50 with ~100',
      ratio(Math.max(c.patchBigStore.p50, 1), Math.max(c.patchSmallStore.p50, 1)),
      1.2,
      false,
    ),
    t(
      `${SESSIONS} sessions touched: RSS after all ≤ 1.3 × after a quarter (cap ${SESSION_CAP})`,
      ratio(c.sessions.rssMbAfter[SESSIONS], c.sessions.rssMbAfter[SESSIONS / 4]),
      1.3,
      false,
    ),
  ]
}

const met = (t, v) => (v === null ? null : t.higherIsBetter ? v >= t.goal : v <= t.goal)

// ------------------------------------------------------------ the runs

const results = {
  date: new Date().toISOString(),
  smoke: SMOKE,
  runs: RUNS,
  durationSeconds: SMOKE ? null : DURATION,
  ...(SMOKE && { requestsPerCase: SMOKE_REQUESTS }),
  connections: CONNECTIONS,
  node: process.version,
  wiremock: wiremock.jar ? 'run' : `not run: ${wiremock.missing}`,
  cases: {},
  runsCases: [],
}
try {
  for (let r = 0; r < RUNS; r++) results.runsCases.push(await measure())
} finally {
  rmSync(dir, { recursive: true, force: true })
}
// The last run's cases for the tables; every run's ratio for each target (median, and the spread).
results.cases = results.runsCases.at(-1)
const perRun = results.runsCases.map(targets)
results.targets = perRun[0].map((t, i) => {
  const values = perRun.map((run) => run[i].value).filter((v) => v !== null)
  const value = values.length > 0 ? median(values) : null
  return {
    ...t,
    value,
    ...(values.length > 1 && { min: Math.min(...values), max: Math.max(...values) }),
    met: met(t, value),
    metEveryRun: values.length === 0 ? null : values.every((v) => met(t, v)),
  }
})
if (RUNS === 1) delete results.runsCases

// ------------------------------------------------------------ output

const c = results.cases
const row = (name, r) =>
  r
    ? `| ${name} | ${Math.round(r.requestsPerSecond)} | ${r.cpuUsPerRequest ?? 'n/a'} | ${r.p50} | ${r.p99} | ${r.non2xx + r.errors} |`
    : `| ${name} | not run | | | | |`
const spread = (t) => (t.min !== undefined ? `${t.min}–${t.max}` : '')
const md = `# Benchmark results

${results.date} · Node ${results.node} · ${SMOKE ? `${SMOKE_REQUESTS} requests per case, no warm-up` : `${DURATION} s per case after ${WARMUP} s of warm-up (the mock's PATCH, GET, bulk, Hamgam and Aymakan cases: two rounds of ${DURATION} s, the second in reverse order)`} · ${CONNECTIONS} connections · load generator (autocannon) and each server in its own process · ${RUNS} run${RUNS > 1 ? 's' : ''} · WireMock ${results.wiremock}${SMOKE ? ' · **smoke run: figures meaningless**' : ''}

## Targets (ratios measured in this run${RUNS > 1 ? `; median of ${RUNS} runs, and their spread` : ''})

| target | measured | spread | goal | met |
|---|---|---|---|---|
${results.targets.map((t) => `| ${t.target} | ${t.value ?? 'n/a'} | ${spread(t)} | ${t.goal} | ${t.met === null ? 'n/a' : t.met ? (t.metEveryRun ? 'yes' : 'median only') : '**no**'} |`).join('\n')}

## Throughput and latency${RUNS > 1 ? ' (last run)' : ''}

| case | req/s | server CPU µs/request | p50 ms | p99 ms | non-2xx + errors |
|---|---|---|---|---|---|
${row('raw node:http, static JSON (ceiling)', c.raw)}
${row('bare Hono + Map, PATCH', c.hono)}
${row('WireMock 3, static stub of the PATCH', c.wiremock)}
${row('mock: PATCH /api/v1/order_items/{pk}/ (rules, journal)', c.patch)}
${row('mock: GET /api/v1/orders/{pk}/', c.getOrder)}
${row('mock: bulk status update, 100 entries', c.bulk100)}
${row('mock: Hamgam item PATCH', c.hamgamPatch)}
${row('mock: Aymakan update', c.aymakanUpdate)}
${row(`mock: PATCH, ~100 items seeded`, c.patchSmallStore)}
${row(`mock: PATCH, ${BIG_ITEMS.toLocaleString('en')} items seeded`, c.patchBigStore)}

## Start, memory, sessions, in-process${RUNS > 1 ? ' (last run)' : ''}

| measure | mock | baseline |
|---|---|---|
| start to first 200 (ms, median of ${SMOKE ? 1 : 3}) | ${c.startMs.mock} | ${c.startMs.hono} (bare Hono)${c.wiremockStartMs ? ` · ${c.wiremockStartMs} (WireMock)` : ''} |
| idle RSS (MB) | ${c.mockIdleRssMb} | ${c.honoIdleRssMb} (bare Hono)${c.wiremockRssMb ? ` · ${c.wiremockRssMb} (WireMock after its load)` : ''} |
| RSS after the load above (MB) | ${c.mockLoadedRssMb} | |
| first request of a session with ${BIG_ITEMS.toLocaleString('en')} order items (ms) | ${c.bigSeedMs} | |
| then the first request that needs all ${BIG_ITEMS.toLocaleString('en')} (a list; ms) | ${c.bigAllMs} | |
| RSS after N sessions touched, cap ${SESSION_CAP} (MB) | ${Object.entries(c.sessions.rssMbAfter)
  .map(([n, mb]) => `${n}: ${mb}`)
  .join(' · ')} | sessions kept: ${c.sessions.kept} |
| in-process request, mean µs (${c.inProcess.requests} each) | ${c.inProcess.mockMeanUs} (MSW → app) | ${c.inProcess.staticMeanUs} (static MSW handler) |
${
  c.startup
    ? `| import in a fresh process (ms, median) | ${c.startup.importMockMswMs} (order-contract-mock/msw) | ${c.startup.importMswMs} (msw) |
| a vitest file's run (ms, median) | ${c.startup.vitestMockMs} (createMock()) | ${c.startup.vitestStaticMs} (static MSW handler) |
`
    : '| import and vitest-file times | not measured (bench/startup.mjs missing) | |\n'
}`

mkdirSync(OUT, { recursive: true })
writeFileSync(join(OUT, SMOKE ? 'smoke.json' : 'latest.json'), `${JSON.stringify(results, null, 2)}\n`)
writeFileSync(join(OUT, SMOKE ? 'smoke.md' : 'latest.md'), md)
process.stdout.write(md)
