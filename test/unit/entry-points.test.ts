import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import * as neutral from '../../src/index.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

describe('entry points', () => {
  it('order-contract-mock/msw bundles for the browser, with no Node API and no node-server inside', async () => {
    const result = await build({
      entryPoints: [`${root}src/msw.ts`],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    })
    expect(result.errors).toEqual([])
    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs.filter((f) => f.startsWith('node:') || f.includes('@hono/node-server'))).toEqual([])
    expect(inputs.some((f) => f.includes('src/node/'))).toBe(false)
  }, 60_000)

  it('the root entry is platform-neutral too', async () => {
    const result = await build({
      entryPoints: [`${root}src/index.ts`],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      external: ['msw'],
      logLevel: 'silent',
    })
    expect(result.errors).toEqual([])
  }, 60_000)

  it('the neutral createApp serves the bundled scenarios without a file system', async () => {
    const app = neutral.createApp()
    expect(app.engine.scenarioNames()).toEqual(['default', 'flaky', 'rules-relaxed'])
    const res = await app.request('/omnitron/api/v1/orders/1/', { headers: { Authorization: 'Token nope' } })
    expect(res.status).toBe(401)
  })

  it('the generated modules (version, bundled scenario texts) match their sources', () => {
    expect(() => execFileSync('node', ['scripts/generate.mjs', '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow()
  })
})
