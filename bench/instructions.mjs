#!/usr/bin/env node
/**
 * Instructions per request, counted by valgrind: a figure this shared machine's
 * noise cannot move. Two identical servers loaded at the same time here differ by
 * up to ±15% in CPU per request, and a 3% change is invisible to timing; the count
 * of all W + M requests repeats within ~0.3%, so an A/B compares two builds' totals
 * (the per-request difference of two runs repeats within a few per cent only: each
 * run's own wobble, a collection early or late, lands on it). It does not see memory
 * stalls (a garbage collector copying, a cache miss), so it complements `--trace-gc`
 * and timings and does not replace them.
 *
 * Each case runs in-process (bench/instructions-loop.mjs: app.fetch as the Node
 * server calls it) under `valgrind --tool=cachegrind` twice, W warm-up requests
 * then 0 and then M more; the difference over M is one steady request's count.
 *
 *   node bench/instructions.mjs                  bulk and patch (W=300, M=150; W=1000, M=500)
 *   node bench/instructions.mjs bulk aymakan     named cases: patch, bulk, hamgam, aymakan
 *
 * A/B: run it in each checkout (a git worktree of the other commit, built) and compare.
 *
 * Needs valgrind (Debian: apt-get install valgrind) and a build (npm run build). ~1–2 min a case.
 */
import { spawn } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const { positionals } = parseArgs({ allowPositionals: true, options: {} })
const LOOP = join(ROOT, 'bench', 'instructions-loop.mjs')
const SIZES = { bulk: [300, 150], patch: [1000, 500], hamgam: [1000, 500], aymakan: [1000, 500] }
const cases = positionals.length > 0 ? positionals : ['bulk', 'patch']

// The bench's own scenarios (bench/run.mjs): the default one, and `small` with 100 generated items.
const dir = mkdtempSync(join(tmpdir(), 'ocm-instructions-'))
copyFileSync(join(ROOT, 'scenarios', 'default.yaml'), join(dir, 'default.yaml'))
writeFileSync(
  join(dir, 'small.yaml'),
  'extends: default\nproviders:\n  omnitron:\n    generate: { orders: 1, itemsPerOrder: 100 }\n',
)

function count(which, w, m) {
  return new Promise((resolve, reject) => {
    const argv = ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null']
    // --single-threaded: no concurrent compiler or GC threads, whose work would land in the count unevenly.
    argv.push(process.execPath, '--single-threaded', LOOP, dir, which, String(w), String(m))
    const child = spawn('valgrind', argv, { stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d) => {
      err += d
    })
    child.on('error', (e) => reject(new Error(`valgrind could not start (${e.message}): apt-get install valgrind`)))
    child.on('close', (code) => {
      const refs = /I\s+refs:\s+([\d,]+)/.exec(err)
      if (code !== 0 || !refs) reject(new Error(`${which}: valgrind exited ${code}\n${err.slice(-2000)}`))
      else resolve(Number(refs[1].replaceAll(',', '')))
    })
  })
}

const results = {}
try {
  for (const which of cases) {
    const [w, m] = SIZES[which] ?? [1000, 500]
    // Both counts at once: valgrind runs one thread, and the machine has two cores.
    const [base, more] = await Promise.all([count(which, w, 0), count(which, w, m)])
    results[which] = { instructionsPerRequest: Math.round((more - base) / m), total: more, warmup: w, measured: m }
    process.stderr.write(
      `${which}: ${results[which].instructionsPerRequest.toLocaleString('en')} instructions a request ` +
        `(${more.toLocaleString('en')} for all ${w + m})\n`,
    )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
process.stdout.write(`${JSON.stringify(results)}\n`)
