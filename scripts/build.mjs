#!/usr/bin/env node
/**
 * `npm run build`, from an empty dist/ (output of a deleted source cannot
 * linger):
 *   1. scripts/generate.mjs writes src/generated/ (version, bundled scenarios);
 *   2. tsc type-checks and writes the declarations (dist/**\/*.d.ts) only;
 *   3. esbuild writes the JavaScript: one module per entry point, the code they
 *      share in dist/chunks/, whitespace and comments dropped, with source maps.
 * Bundling is what makes the start fast (docs/decisions/0011): a dependency
 * made of hundreds of small modules (@msw/data's es-toolkit, zod, yaml) costs
 * more to resolve and load than to run; bundled, it is one file, and what the
 * code never uses is dropped. msw (an optional peer) and Hono stay external:
 * one copy of each, the user's, whose types the declarations name.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DIST = join(ROOT, 'dist')

/** Entry points, by output path under dist/ (package.json's exports and bin, and the npm scripts' writers). */
export const ENTRIES = {
  index: 'src/index.ts',
  msw: 'src/msw.ts',
  'node/index': 'src/node/index.ts',
  cli: 'src/cli.ts',
  'node/write-schema': 'src/node/write-schema.ts',
  'node/write-openapi': 'src/node/write-openapi.ts',
}
/** Entries that must stay free of Node APIs (the package's neutral root and `/msw`, for browsers and workers). */
const NEUTRAL = ['index', 'msw']
/**
 * zod re-exports all its ~60 locales as namespaces (`z.locales`, `z.core.locales`); esbuild
 * keeps a namespace whole once it is re-exported, so they would be a sixth of the bundle
 * (~370 KB, ~20 ms of compile at every start). The engine never calls them: zod's default
 * messages come from its English locale, which zod imports directly and stays.
 */
const withoutZodLocales = {
  name: 'without-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](core[\\/]index|classic[\\/]external)\.js$/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'without-zod-locales' }
        : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'without-zod-locales' }, () => ({ contents: 'export {}', loader: 'js' }))
  },
}
/** Never bundled: the optional peer, and Hono (the app is a Hono app users may mount and type). */
const EXTERNAL = ['msw', 'msw/*', 'hono', 'hono/*', '@hono/node-server', '@hono/node-server/*', 'node:*']

export async function build() {
  rmSync(DIST, { recursive: true, force: true })
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'generate.mjs')], { cwd: ROOT, stdio: 'inherit' })
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--emitDeclarationOnly'], { cwd: ROOT, stdio: 'inherit' })
  const esbuild = await import('esbuild')
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([out, src]) => [out, join(ROOT, src)])),
    outdir: DIST,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    // Neutral, not node: dependencies resolve to their ESM builds (yaml's `node` build is CommonJS), and nothing
    // Node-only slips into the neutral entries; the Node code imports `node:*`, which stays external.
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    external: EXTERNAL,
    plugins: [withoutZodLocales],
    // Whitespace and comments only: names stay (stack traces read as the source's), the maps give lines.
    // A start compiles ~25% less text, and V8 holds each chunk as a one-byte string: the source's
    // comments had put non-ASCII characters (→, —) in the largest, doubling its ~1 MB (ADR 0014).
    minifyWhitespace: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  })
  checkNeutral(result.metafile)
  checkAscii(result.metafile)
  return result
}

/** Fails the build when an output holds a non-ASCII character: V8 would keep that whole file as a two-byte string. */
function checkAscii(metafile) {
  for (const file of Object.keys(metafile.outputs)) {
    if (!file.endsWith('.js')) continue
    const at = readFileSync(join(ROOT, file)).findIndex((byte) => byte > 0x7f)
    if (at >= 0)
      throw new Error(`${file} holds a non-ASCII character at byte ${at} (esbuild's charset must stay ascii)`)
  }
}

/** Fails the build when a neutral entry reaches a Node API or node-server (through any chunk it imports). */
function checkNeutral(metafile) {
  const outputs = metafile.outputs
  for (const entry of NEUTRAL) {
    const seen = new Set()
    const visit = (file) => {
      if (seen.has(file)) return
      seen.add(file)
      for (const imp of outputs[file]?.imports ?? []) {
        if (imp.external && (imp.path.startsWith('node:') || imp.path.startsWith('@hono/node-server')))
          throw new Error(`dist/${entry}.js must stay platform-neutral, but reaches ${imp.path} through ${file}`)
        if (!imp.external) visit(imp.path) // static and dynamic imports alike: a browser bundler follows both
      }
    }
    visit(`dist/${entry}.js`)
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await build()
