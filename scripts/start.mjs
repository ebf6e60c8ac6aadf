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
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { rebuild, staleReason } from './dist-state.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const cli = join(root, 'dist', 'cli.js')

const stale = staleReason()
if (stale) {
  console.error(`order-contract-mock: ${stale}; building (npm run build)`)
  rebuild()
}

const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM')
}, 250).unref()

// dist/cli.js reads process.argv (the arguments after `npm start --`) and handles SIGTERM/SIGINT itself.
await import(pathToFileURL(cli).href)
