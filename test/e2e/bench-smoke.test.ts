/**
 * The benchmark harness works: every case runs for a moment and both reports
 * are written. No timing is asserted here (that is `npm run bench`'s job).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const out = mkdtempSync(join(tmpdir(), 'ocm-bench-smoke-'))

describe('bench smoke run', () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }))

  it('runs every case and writes the JSON and Markdown reports', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'bench', 'run.mjs'), '--smoke'], {
      cwd: ROOT,
      env: { ...process.env, BENCH_OUT: out },
      encoding: 'utf8',
      timeout: 240_000,
    })
    expect(run.status, run.stderr).toBe(0)
    const results = JSON.parse(readFileSync(join(out, 'smoke.json'), 'utf8'))
    for (const name of [
      'raw',
      'hono',
      'patch',
      'getOrder',
      'bulk100',
      'hamgamPatch',
      'aymakanUpdate',
      'patchSmallStore',
      'patchBigStore',
    ]) {
      expect(results.cases[name].requests, name).toBeGreaterThan(0)
      expect(results.cases[name].errors + results.cases[name].non2xx, name).toBe(0)
      // The server's CPU time per request is read from /proc beside each throughput figure.
      expect(results.cases[name].cpuUsPerRequest, name).toBeGreaterThan(0)
    }
    expect(results.cases.sessions.kept).toBe(results.cases.sessions.cap)
    expect(results.cases.inProcess.mockMeanUs).toBeGreaterThan(0)
    expect(results.targets.map((t: { target: string }) => t.target)).toHaveLength(14)
    // WireMock is never started by the smoke run, and the report says why.
    expect(results.wiremock).toMatch(/^not run: /)
    expect(readFileSync(join(out, 'smoke.md'), 'utf8')).toContain('## Targets')
  }, 300_000)
})
