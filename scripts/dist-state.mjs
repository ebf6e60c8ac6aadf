/**
 * Whether dist/ is current, and how to rebuild it: one rule for everything
 * that runs the build (`npm start`, the tests' global setup). dist/ is stale
 * when it has no build, or when any of the build's inputs — src/ (files and
 * folders: a folder's time changes when a file in it is added, renamed or
 * deleted), the bundled scenario files (compiled into src/generated/),
 * package.json (the version), tsconfig.json, the build scripts — is newer
 * than the newest entry under dist/. The scenarios' JSON Schema is written
 * from the build, so it is not an input.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DIST = join(ROOT, 'dist')

function newest(dir, keep = () => true) {
  let latest = statSync(dir).mtimeMs
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (keep(entry.name)) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return latest
}

/** Why dist/ must be rebuilt, or null when it is up to date. */
export function staleReason() {
  if (!existsSync(join(DIST, 'cli.js'))) return 'dist/ has no build'
  const built = newest(DIST)
  const scenarioFile = (name) => /\.(ya?ml|json)$/i.test(name) && !name.endsWith('.schema.json')
  const inputs = [
    ['src/', newest(join(ROOT, 'src'))],
    [
      'scenarios/',
      Math.max(
        0,
        ...readdirSync(join(ROOT, 'scenarios'))
          .filter(scenarioFile)
          .map((f) => statSync(join(ROOT, 'scenarios', f)).mtimeMs),
      ),
    ],
    ['package.json', statSync(join(ROOT, 'package.json')).mtimeMs],
    ['tsconfig.json', statSync(join(ROOT, 'tsconfig.json')).mtimeMs],
    ['scripts/build.mjs', statSync(join(ROOT, 'scripts', 'build.mjs')).mtimeMs],
    ['scripts/generate.mjs', statSync(join(ROOT, 'scripts', 'generate.mjs')).mtimeMs],
  ]
  const newer = inputs.filter(([, time]) => time > built).map(([name]) => name)
  return newer.length > 0 ? `${newer.join(', ')} newer than dist/` : null
}

/** The build (scripts/build.mjs: from an empty dist/, generate, declarations, bundle), in a child process. */
export function rebuild() {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' })
}
