/**
 * Global setup of the tests that run the build (the CLI, the packed tarball,
 * the bench smoke run): rebuilds dist/ when it is missing or older than the
 * sources, so none of them ever runs a stale build and `npx vitest` alone is
 * as safe as `npm test`. Checked again before every watch-mode rerun.
 *
 * "Older" means: some file or directory under src/ (a directory's time changes
 * when a file in it is added, renamed or deleted), or tsconfig.json, is newer
 * than the newest entry under dist/. A rebuild starts from an empty dist/, so
 * the output of a deleted source cannot linger and be packed.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SRC = join(ROOT, 'src')
const DIST = join(ROOT, 'dist')
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc')

/** The newest modification time of a directory and everything under it. */
function newest(dir: string): number {
  let latest = statSync(dir).mtimeMs
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return latest
}

/** Why dist/ must be rebuilt, or null when it is up to date. */
export function staleReason(): string | null {
  if (!existsSync(join(DIST, 'cli.js'))) return 'dist/ has no build'
  const built = newest(DIST)
  const sources = Math.max(newest(SRC), statSync(join(ROOT, 'tsconfig.json')).mtimeMs)
  return sources > built ? 'src/ is newer than dist/' : null
}

function ensureBuilt(): void {
  const reason = staleReason()
  if (!reason) return
  process.stdout.write(`[build-dist] ${reason}: rebuilding (tsc -p tsconfig.json)\n`)
  rmSync(DIST, { recursive: true, force: true })
  execFileSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' })
}

export default function setup(project: TestProject): void {
  ensureBuilt()
  project.onTestsRerun(() => ensureBuilt())
}
