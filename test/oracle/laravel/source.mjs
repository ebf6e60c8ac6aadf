// The mock's Laravel modules for the oracle scripts, bundled from src/ with esbuild (the
// published build is one bundle, so it has no per-module files to import).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const out = mkdtempSync(join(tmpdir(), 'laravel-oracle-'))
await build({
  absWorkingDir: root,
  entryPoints: { validator: 'src/frameworks/laravel/validator.ts', 'php-json': 'src/frameworks/laravel/php-json.ts' },
  bundle: true,
  format: 'esm',
  splitting: true, // one copy of the modules both use (PHP's value classes are compared with instanceof)
  platform: 'node',
  outdir: out,
  logLevel: 'error',
})
export const { validate } = await import(pathToFileURL(join(out, 'validator.js')).href)
export const { phpJsonDecode } = await import(pathToFileURL(join(out, 'php-json.js')).href)
rmSync(out, { recursive: true, force: true })
