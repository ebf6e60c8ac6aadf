#!/usr/bin/env node
// Seeding cost: how long a session's first request takes when it seeds.
//
//   node bench/seed.mjs            (after `npm run build`; uses dist/, builds nothing)
//   node bench/seed.mjs --runs 5 --sessions 10000
//
// Each figure is measured in a fresh Node process (nothing warmed by an
// earlier case), alternating the cases run by run; the median and the
// spread (min–max) over the runs are printed as one JSON object on stdout:
//   bigSeedMs   first request (PATCH /omnitron/api/v1/order_items/7105/) of a
//               session whose scenario generates 100,000 Omnitron order items
//   bigAllMs    the same session's first request when it needs every generated
//               record (PATCH of a generated item): a large generation is made
//               on first need, so this is the whole generation's cost
//   patchP50    PATCH p50 in-process with ~100 and with 100,000 items (all made),
//               alternating, and their ratio (flat: ~1)
//   leanSeedMs  first request of a new session of a lean scenario (the
//               fixtures only, nothing generated): the median over many new
//               sessions in one process, after a few to warm the JIT
//   manySessions 10,000 sessions of the lean scenario touched once each with
//               --max-sessions 1000 (every one seeds; 9,000 evictions): total
//               wall ms, and CPU µs per new session
// `cpuMs` beside a wall figure is the process's CPU time over the same span
// (steadier than wall time on a shared machine).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { median } from './stats.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i === -1 ? fallback : Number(process.argv[i + 1])
}
const BIG_ITEMS = 100_000
const PATCH_PATH = '/omnitron/api/v1/order_items/7105/'
/** An item of the generated order items (pks from 9,000,001): patching it needs the whole generation. */
const GENERATED_PATH = '/omnitron/api/v1/order_items/9050000/'
const PATCH = {
  method: 'PATCH',
  headers: { Authorization: 'Token omnitron-test-token', 'Content-Type': 'application/json' },
  body: JSON.stringify({ status: '450' }),
}

function scenarioSources() {
  // `extends: default`: the bundled default scenario (its fixtures, users and tokens).
  return [
    {
      file: 'big.yaml',
      text: `extends: default\nproviders:\n  omnitron:\n    generate: { orders: ${BIG_ITEMS / 100}, itemsPerOrder: 100 }\n`,
    },
    {
      file: 'small.yaml',
      text: 'extends: default\nproviders:\n  omnitron:\n    generate: { orders: 1, itemsPerOrder: 100 }\n',
    },
    {
      file: 'lean.yaml',
      text: 'extends: default\nproviders:\n  omnitron: { generate: { orders: 0 } }\n  hamgam: { generate: { orders: 0 } }\n  aymakan: { generate: { orders: 0 } }\n',
    },
  ]
}

// ------------------------------------------------------------ child: one case in this process

async function child(kind, sessions) {
  const { createApp } = await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)
  const maxSessions = 1000
  const app = createApp({ scenarioSources: scenarioSources(), maxSessions })
  const first = async (scenario, session, path = PATCH_PATH) => {
    const res = await app.request(path, {
      ...PATCH,
      headers: { ...PATCH.headers, 'X-Mock-Scenario': scenario, 'X-Mock-Session': session },
    })
    if (res.status !== 200) throw new Error(`${scenario}/${session}: ${res.status} ${await res.text()}`)
    await res.arrayBuffer()
  }
  const timed = async (fn) => {
    const cpu = process.cpuUsage()
    const t = performance.now()
    await fn()
    const c = process.cpuUsage(cpu)
    return { ms: performance.now() - t, cpuMs: (c.user + c.system) / 1000 }
  }
  // The same request once on a small session first: the route, the app and the JIT are warm; only seeding is new.
  await first('lean', 'warm')
  if (kind === 'big') return timed(() => first('big', 's'))
  // The first request that needs every generated record (a PATCH of a generated item): the whole generation.
  if (kind === 'bigAll') return timed(() => first('big', 's', GENERATED_PATH))
  if (kind === 'flat') {
    // PATCH p50 with ~100 items and with 100,000 (every record made first), alternating, in one process.
    await first('small', 's')
    await first('big', 's', GENERATED_PATH)
    const times = { small: [], big: [] }
    for (let i = 0; i < 400; i++) {
      for (const scenario of i % 2 ? ['small', 'big'] : ['big', 'small']) {
        const t = performance.now()
        await first(scenario, 's')
        if (i >= 50) times[scenario].push(performance.now() - t)
      }
    }
    const small = median(times.small)
    const big = median(times.big)
    return { smallP50Ms: small, bigP50Ms: big, ratio: big / small }
  }
  if (kind === 'lean') {
    const times = []
    for (let i = 0; i < 60; i++) {
      const t = await timed(() => first('lean', `l${i}`))
      if (i >= 10) times.push(t)
    }
    return { ms: median(times.map((t) => t.ms)), cpuMs: median(times.map((t) => t.cpuMs)) }
  }
  // many: every session new, the cache capped at maxSessions (evictions).
  const t = await timed(async () => {
    for (let i = 0; i < sessions; i++) await first('lean', `m${i}`)
  })
  return { ms: t.ms, cpuMs: t.cpuMs, cpuUsPerSession: (t.cpuMs * 1000) / sessions }
}

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d

if (process.argv[2] === '--child') {
  const out = await child(process.argv[3], Number(process.argv[4]))
  process.stdout.write(JSON.stringify(out))
  process.exit(0)
}

// ------------------------------------------------------------ parent: fresh processes, alternating

const RUNS = arg('--runs', 5)
const SESSIONS = arg('--sessions', 10_000)
const kinds = ['big', 'bigAll', 'lean', 'flat', 'many']
const runs = Object.fromEntries(kinds.map((k) => [k, []]))
const work = mkdtempSync(join(tmpdir(), 'ocm-seed-'))
try {
  for (let r = 0; r < RUNS; r++) {
    for (const kind of kinds) {
      if ((kind === 'many' || kind === 'flat') && r >= Math.max(1, Math.ceil(RUNS / 2))) continue
      const res = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', kind, String(SESSIONS)], {
        encoding: 'utf8',
        cwd: work,
      })
      if (res.status !== 0) throw new Error(`${kind}: exit ${res.status}\n${res.stderr}`)
      runs[kind].push(JSON.parse(res.stdout))
    }
  }
  writeFileSync(join(work, 'runs.json'), JSON.stringify(runs))
} finally {
  rmSync(work, { recursive: true, force: true })
}

const summary = (xs, key) => {
  const v = xs.map((x) => x[key])
  return { median: round(median(v)), min: round(Math.min(...v)), max: round(Math.max(...v)) }
}
process.stdout.write(
  `${JSON.stringify({
    node: process.version,
    runs: RUNS,
    bigItems: BIG_ITEMS,
    bigSeedMs: round(median(runs.big.map((x) => x.ms)), 0),
    leanSeedMs: round(median(runs.lean.map((x) => x.ms)), 2),
    bigAllMs: round(median(runs.bigAll.map((x) => x.ms)), 0),
    big: { ms: summary(runs.big, 'ms'), cpuMs: summary(runs.big, 'cpuMs') },
    bigAll: { ms: summary(runs.bigAll, 'ms'), cpuMs: summary(runs.bigAll, 'cpuMs') },
    lean: { ms: summary(runs.lean, 'ms'), cpuMs: summary(runs.lean, 'cpuMs') },
    patchP50: {
      smallMs: summary(runs.flat, 'smallP50Ms'),
      bigMs: summary(runs.flat, 'bigP50Ms'),
      bigOverSmall: summary(runs.flat, 'ratio'),
    },
    manySessions: {
      sessions: SESSIONS,
      maxSessions: 1000,
      ms: summary(runs.many, 'ms'),
      cpuUsPerSession: summary(runs.many, 'cpuUsPerSession'),
    },
  })}\n`,
)
