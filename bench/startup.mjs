#!/usr/bin/env node
/**
 * Start-up costs (issue 18, targets 3 and 4), each in fresh child processes,
 * the cases alternating run by run so a busy machine slows them alike:
 *   - importing `msw` against importing `order-contract-mock/msw` (dist/msw.js),
 *     the root entry (dist/index.js) and the Node entry (dist/node/index.js);
 *   - a vitest file that uses createMock() against one with a static MSW
 *     handler (bench/fixtures/vitest/), the whole `vitest run` of each
 *     (vitest's node API: wall time and the process's CPU time).
 * Prints one JSON object to stdout: medians in ms, with [min, max] beside each.
 * Runs dist/ as it is: `npm run build` first.
 *
 *   node bench/startup.mjs            7 runs per case
 *   STARTUP_RUNS=5 node bench/startup.mjs
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const RUNS = Math.max(5, Number(process.env.STARTUP_RUNS ?? 7))
const FIXTURES = join(ROOT, 'bench', 'fixtures', 'vitest')

if (!existsSync(join(ROOT, 'dist', 'msw.js'))) {
  process.stderr.write('bench/startup.mjs: no dist/ (run npm run build first)\n')
  process.exit(1)
}

// Wall and CPU time of one dynamic import, measured inside a fresh process (Node's own boot excluded).
const IMPORT_PROBE = `
const t0 = performance.now(); const c0 = process.cpuUsage()
await import(process.argv[1])
const c = process.cpuUsage(c0)
process.stdout.write(JSON.stringify({ ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 }))
`

function importOnce(specifier) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', IMPORT_PROBE, specifier], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  return JSON.parse(out)
}

// One `vitest run` of one fixture file through vitest's node API, in a fresh process: wall time and the
// process's CPU time (its worker threads included), from before vitest loads to after it has closed.
const VITEST_PROBE = `
const t0 = performance.now(); const c0 = process.cpuUsage()
const { startVitest } = await import('vitest/node')
const [root, file] = process.argv.slice(1)
const vitest = await startVitest('test', [file], { root, watch: false, reporters: ['dot'] })
const failed = vitest.state.getCountOfFailedTests()
await vitest.close()
const c = process.cpuUsage(c0)
process.stdout.write(JSON.stringify({ ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, failed }))
`

function vitestOnce(file) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', VITEST_PROBE, FIXTURES, file], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
  })
  const result = JSON.parse(out.slice(out.lastIndexOf('{"ms"')))
  if (result.failed > 0) throw new Error(`bench/fixtures/vitest/${file} failed`)
  return result
}

const dist = (file) => pathToFileURL(join(ROOT, 'dist', file)).href
const CASES = {
  importMsw: () => importOnce('msw'),
  importMockMsw: () => importOnce(dist('msw.js')),
  importRoot: () => importOnce(dist('index.js')),
  importNode: () => importOnce(dist('node/index.js')),
  vitestStatic: () => vitestOnce('static.test.mjs'),
  vitestMock: () => vitestOnce('mock.test.mjs'),
}

const samples = Object.fromEntries(Object.keys(CASES).map((k) => [k, []]))
// One warm-up round (disk cache, vitest's own first start), not counted.
for (const run of Object.values(CASES)) run()
for (let i = 0; i < RUNS; i++) for (const [name, run] of Object.entries(CASES)) samples[name].push(run())

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const round = (x) => Math.round(x)
const result = { runs: RUNS, node: process.version }
for (const [name, list] of Object.entries(samples)) {
  const ms = list.map((s) => s.ms)
  result[`${name}Ms`] = round(median(ms))
  result[`${name}MsRange`] = [round(Math.min(...ms)), round(Math.max(...ms))]
  if (list[0].cpuMs !== undefined) result[`${name}CpuMs`] = round(median(list.map((s) => s.cpuMs)))
}
// What the mock adds to a test file's run: paired by run, so a slow moment of the machine hits both.
for (const unit of ['Ms', 'CpuMs']) {
  const key = unit === 'Ms' ? 'ms' : 'cpuMs'
  const added = samples.vitestMock.map((s, i) => s[key] - samples.vitestStatic[i][key])
  result[`vitestMockAdded${unit}`] = round(median(added))
  result[`vitestMockAdded${unit}Range`] = [round(Math.min(...added)), round(Math.max(...added))]
}
const ratio = (a, b) => Math.round((a / b) * 100) / 100
result.importMockMswRatio = ratio(result.importMockMswMs, result.importMswMs)
result.importMockMswCpuRatio = ratio(result.importMockMswCpuMs, result.importMswCpuMs)
process.stdout.write(`${JSON.stringify(result)}\n`)
