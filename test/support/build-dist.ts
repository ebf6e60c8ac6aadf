/**
 * Global setup of the tests that run the build (the CLI, the packed tarball,
 * the bench smoke run): rebuilds dist/ when it is missing or older than its
 * inputs (scripts/dist-state.mjs: the same rule `npm start` uses), so none of
 * them ever runs a stale build and `npx vitest` alone is as safe as `npm test`.
 * Checked again before every watch-mode rerun.
 */
import type { TestProject } from 'vitest/node'
import { rebuild, staleReason } from '../../scripts/dist-state.mjs'

function ensureBuilt(): void {
  const reason = staleReason()
  if (!reason) return
  process.stdout.write(`[build-dist] ${reason}: rebuilding (scripts/build.mjs)\n`)
  rebuild()
}

export default function setup(project: TestProject): void {
  ensureBuilt()
  project.onTestsRerun(() => ensureBuilt())
}
