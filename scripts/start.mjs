#!/usr/bin/env node
/**
 * `npm start`: serves from dist/ when it is up to date, building first only
 * when a source is newer (src/, the bundled scenarios, package.json,
 * tsconfig.json). The server then runs in this very process (dist/cli.js is
 * imported, not spawned). npm runs this under `sh -c`, and a SIGTERM to npm
 * kills npm and the shell without reaching us (measured: the server was left
 * running, adopted by init), so we also watch our parent: once it is gone we
 * stop as on SIGTERM, and nothing is left running.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const cli = join(root, 'dist', 'cli.js')

/** The newest modification time under the given files and folders. */
function newest(paths) {
  let latest = 0
  for (const path of paths) {
    if (!existsSync(path)) continue
    const stat = statSync(path)
    if (stat.isDirectory()) latest = Math.max(latest, newest(readdirSync(path).map((f) => join(path, f))))
    else latest = Math.max(latest, stat.mtimeMs)
  }
  return latest
}

const sources = ['src', 'scenarios', 'package.json', 'tsconfig.json'].map((p) => join(root, p))
if (!existsSync(cli) || newest(sources) > statSync(cli).mtimeMs) {
  console.error('order-contract-mock: dist/ is older than the sources; building (npm run build)')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const build = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM')
}, 250).unref()

// dist/cli.js reads process.argv (the arguments after `npm start --`) and handles SIGTERM/SIGINT itself.
await import(pathToFileURL(cli).href)
