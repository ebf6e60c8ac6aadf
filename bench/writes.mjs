#!/usr/bin/env node
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { cpuUs, runLoad, spawnServer, stop as stopServer } from './processes.mjs'
import { AYMAKAN_UPDATE, HAMGAM_ITEM_PATCH, OMNITRON_ITEM_PATCH } from './requests.mjs'
import { median } from './stats.mjs'

/**
 * Server CPU per request of each provider's main write (issue 18, target 2): the
 * Omnitron item PATCH, the Aymakan update and the Hamgam item PATCH, each loaded in
 * turn with autocannon (bench/load.mjs, its own process) against `node dist/cli.js`.
 * The figure is the server process's CPU time (utime + stime from /proc/<pid>/stat,
 * every thread, GC included) over the load, divided by the answers it gave; it is
 * steadier than req/s on a shared machine. Rounds are short and alternate the
 * order of the cases (and of the builds, when comparing two), so drift on the
 * machine hits every line alike; each write's ratio to the Omnitron PATCH is
 * taken per round (the PATCH measured next to it) and the median reported.
 *
 *   node bench/writes.mjs                           dist/cli.js, 10 rounds of 2 s per case
 *   node bench/writes.mjs --rounds 3 --duration 3
 *   node bench/writes.mjs --cli a/dist/cli.js,dist/cli.js   A/B: two builds, side by side
 *   node bench/writes.mjs --prof DIR                 also write a CPU profile per server (--cpu-prof)
 *
 * Linux only (/proc). Prints a table and writes the figures as JSON to stdout's last line.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const { values: args } = parseArgs({
  options: {
    cli: { type: 'string', default: join(ROOT, 'dist', 'cli.js') },
    rounds: { type: 'string', default: '10' },
    duration: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '32' },
    prof: { type: 'string' },
    only: { type: 'string' },
  },
})
const ROUNDS = Number(args.rounds)
const DURATION = Number(args.duration)
const WARMUP = Number(args.warmup)
const CONNECTIONS = Number(args.connections)

const CASES = {
  omnitronPatch: { label: 'Omnitron PATCH /api/v1/order_items/7105/', ...OMNITRON_ITEM_PATCH },
  aymakanUpdate: { label: 'Aymakan PUT /api/v1/orders', ...AYMAKAN_UPDATE },
  hamgamPatch: { label: 'Hamgam PATCH /api/orders/123/items/789', ...HAMGAM_ITEM_PATCH },
}
const caseNames = args.only ? args.only.split(',') : Object.keys(CASES)

async function startServer(cli, index) {
  const prof = args.prof
    ? ['--cpu-prof', '--cpu-prof-dir', resolve(args.prof), `--cpu-prof-name=server-${index}.cpuprofile`]
    : []
  const server = await spawnServer(process.execPath, [
    ...prof,
    cli,
    '--port',
    '0',
    '--quiet',
    '--scenarios',
    join(ROOT, 'scenarios'),
  ])
  return { ...server, cli }
}

// SIGINT lets node write its --cpu-prof profile before it exits.
const stop = (server) => stopServer(server, { signal: 'SIGINT', graceMs: 10_000 })

async function measure(server, name, duration) {
  const { path, label: _label, ...request } = CASES[name]
  const opts = { url: `${server.url}${path}`, connections: CONNECTIONS, duration, ...request }
  const before = cpuUs(server.pid)
  const result = await runLoad(opts)
  const spentUs = cpuUs(server.pid) - before
  const answered = Object.values(result.statusCodes ?? {}).reduce((s, x) => s + x.count, 0)
  const wrong = Object.entries(result.statusCodes ?? {}).filter(([code]) => code !== '200')
  if (wrong.length > 0 || result.errors > 0)
    throw new Error(`${name}: not every answer was 200: ${JSON.stringify(result.statusCodes)}, errors ${result.errors}`)
  return { cpuUs: spentUs / answered, rps: result.requestsPerSecond, requests: answered }
}

const clis = args.cli.split(',').map((p) => resolve(p))
const servers = []
for (const [i, cli] of clis.entries()) servers.push(await startServer(cli, i))
const samples = servers.map(() => Object.fromEntries(caseNames.map((n) => [n, []])))

for (const server of servers) for (const name of caseNames) await measure(server, name, WARMUP)
for (let round = 0; round < ROUNDS; round++) {
  // Alternate the order of the cases and of the builds each round.
  const order = round % 2 === 0 ? servers.map((_, i) => i) : servers.map((_, i) => i).reverse()
  for (const name of round % 2 === 0 ? caseNames : [...caseNames].reverse())
    for (const i of order) {
      const m = await measure(servers[i], name, DURATION)
      samples[i][name].push(m)
      process.stderr.write(
        `round ${round + 1} ${name} [${i}] ${m.cpuUs.toFixed(0)} µs/req, ${m.rps.toFixed(0)} req/s\n`,
      )
    }
}
for (const server of servers) await stop(server)

const summary = servers.map((server, i) => {
  const cases = Object.fromEntries(
    caseNames.map((name) => {
      const us = samples[i][name].map((m) => m.cpuUs)
      const rps = samples[i][name].map((m) => m.rps)
      return [
        name,
        {
          cpuUsMedian: Math.round(median(us)),
          cpuUsMin: Math.round(Math.min(...us)),
          cpuUsMax: Math.round(Math.max(...us)),
          rpsMedian: Math.round(median(rps)),
        },
      ]
    }),
  )
  // Per round, each write's CPU over the Omnitron PATCH's in the same round.
  if (cases.omnitronPatch)
    for (const name of caseNames) {
      const ratios = samples[i][name].map((m, r) => m.cpuUs / samples[i].omnitronPatch[r].cpuUs)
      Object.assign(cases[name], {
        vsOmnitronMedian: Math.round(median(ratios) * 100) / 100,
        vsOmnitronMin: Math.round(Math.min(...ratios) * 100) / 100,
        vsOmnitronMax: Math.round(Math.max(...ratios) * 100) / 100,
      })
    }
  return { cli: server.cli, cases }
})

for (const [i, s] of summary.entries()) {
  process.stdout.write(`\n[${i}] ${s.cli}\n`)
  process.stdout.write(
    'write                                         CPU µs/req (median, min–max)   × Omnitron PATCH   req/s\n',
  )
  for (const name of caseNames) {
    const c = s.cases[name]
    const ratio =
      c.vsOmnitronMedian === undefined ? '' : `${c.vsOmnitronMedian} (${c.vsOmnitronMin}–${c.vsOmnitronMax})`
    process.stdout.write(
      `${CASES[name].label.padEnd(46)}${`${c.cpuUsMedian} (${c.cpuUsMin}–${c.cpuUsMax})`.padEnd(31)}${ratio.padEnd(19)}${c.rpsMedian}\n`,
    )
  }
}
process.stdout.write(
  `${JSON.stringify({ rounds: ROUNDS, duration: DURATION, connections: CONNECTIONS, servers: summary })}\n`,
)
