/**
 * The published build is bundled (scripts/build.mjs, docs/decisions/0011):
 * the neutral entries must still bundle for a browser, and only the peer and
 * Hono may be left for the user's installation to provide.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

describe('the bundled dist/', () => {
  it.each(['msw', 'index'])(
    'dist/%s.js bundles for the browser with no Node API inside',
    async (entry) => {
      const result = await build({
        entryPoints: [`${root}dist/${entry}.js`],
        bundle: true,
        platform: 'browser',
        format: 'esm',
        write: false,
        metafile: true,
        external: ['msw'],
        logLevel: 'silent',
      })
      expect(result.errors).toEqual([])
      const inputs = Object.keys(result.metafile.inputs)
      expect(inputs.filter((f) => f.startsWith('node:') || f.includes('@hono/node-server'))).toEqual([])
    },
    60_000,
  )

  it('imports at run time only msw, hono and @hono/node-server (the rest is inside)', async () => {
    const result = await build({
      entryPoints: ['index', 'msw', 'node/index', 'cli'].map((e) => `${root}dist/${e}.js`),
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      outdir: `${root}node_modules/.cache/order-contract-mock/dist-bundle-test`,
      write: false,
      metafile: true,
      packages: 'external',
      logLevel: 'silent',
    })
    const packages = new Set<string>()
    for (const out of Object.values(result.metafile.outputs))
      for (const imp of out.imports)
        if (imp.external && !imp.path.startsWith('node:'))
          packages.add(
            imp.path
              .split('/')
              .slice(0, imp.path.startsWith('@') ? 2 : 1)
              .join('/'),
          )
    expect([...packages].sort()).toEqual(['@hono/node-server', 'hono', 'msw'])
  }, 60_000)

  it('keeps a source map beside each module', () => {
    const js = readFileSync(`${root}dist/msw.js`, 'utf8')
    expect(js).toMatch(/\/\/# sourceMappingURL=msw\.js\.map\s*$/)
    expect(
      JSON.parse(readFileSync(`${root}dist/msw.js.map`, 'utf8')).sources.some((s: string) => s.endsWith('src/msw.ts')),
    ).toBe(true)
  })
})
