/**
 * Proves what the Docker image contains, without Docker: pack the project as
 * npm would publish it, install the tarball with production dependencies only
 * (msw, an optional peer, is not installed), start its bin, call it.
 *
 * `npm pack --ignore-scripts`: the global setup (test/support/build.ts) has
 * already brought dist/ up to date, and letting `prepare` rebuild it here would
 * rewrite dist/ under the other test files that run it. `--prefer-offline`:
 * the dependencies come from npm's cache when they are there (after `npm ci`
 * they are) instead of asking the registry about each one again.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Spawned, spawnCli } from '../support/spawn.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_loglevel: 'error' },
  })

/**
 * The install writes about 40 MB in thousands of small files; on a RAM-backed
 * directory (Linux's /dev/shm, when it has room) that costs a fraction of the
 * system time it costs on disk. Anywhere else, the usual temporary directory.
 */
function scratchDir(): string {
  try {
    const fs = statfsSync('/dev/shm')
    if (fs.bavail * fs.bsize > 512 * 1024 * 1024) return '/dev/shm'
  } catch {
    /* no /dev/shm here */
  }
  return tmpdir()
}

describe('the packed tarball, installed with production dependencies only', () => {
  const dir = mkdtempSync(join(scratchDir(), 'ocm-pack-'))
  let files: string[] = []
  let installed = ''
  let cli: Spawned

  beforeAll(async () => {
    const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT)) as {
      filename: string
      files: { path: string }[]
    }[]
    files = packed!.files.map((f) => f.path)
    const app = join(dir, 'app')
    execFileSync('mkdir', ['-p', app])
    writeFileSync(join(app, 'package.json'), '{"name":"consumer","private":true}')
    npm(
      [
        'install',
        '--omit=dev',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        join(dir, packed!.filename),
      ],
      app,
    )
    installed = join(app, 'node_modules')
    cli = await spawnCli(join(installed, 'order-contract-mock', 'dist', 'cli.js'), ['--quiet'], { cwd: app })
  }, 240_000)

  afterAll(async () => {
    await cli?.stop('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  })

  it('ships the build and the scenarios, not the sources or the tests', () => {
    expect(files).toContain('dist/cli.js')
    expect(files).toContain('dist/index.d.ts')
    expect(files).toContain('scenarios/default.yaml')
    expect(files).toContain('scenarios/scenario.schema.json')
    for (const p of ['omnitron', 'hamgam', 'aymakan']) {
      expect(files).toContain(`openapi/${p}.json`)
      expect(files).toContain(`openapi/${p}.yaml`)
    }
    expect(files).toContain('console/index.html')
    expect(files).toContain('console/console.js')
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false)
  })

  it('installs without msw or any dev dependency', () => {
    expect(existsSync(join(installed, 'hono'))).toBe(true)
    expect(existsSync(join(installed, 'msw'))).toBe(false)
    expect(existsSync(join(installed, 'vitest'))).toBe(false)
  })

  it('starts, answers health and a PATCH', async () => {
    expect((await (await fetch(`${cli.url}/__mock/health`)).json()).status).toBe('ok')
    const res = await fetch(`${cli.url}/omnitron/api/v1/orders/12345/`, {
      method: 'PATCH',
      headers: { Authorization: 'Token omnitron-test-token', 'Content-Type': 'application/json' },
      body: '{"is_send": true}',
    })
    expect(res.status).toBe(200)
    expect((await res.json()).is_send).toBe(true)
  })

  it('serves the console, the docs page with Swagger UI from its own dependency, and the documents', async () => {
    for (const [path, type] of [
      ['/__mock/ui', 'text/html'],
      ['/__mock/ui/console.js', 'text/javascript'],
      ['/__mock/docs', 'text/html'],
      ['/__mock/docs/swagger-ui-bundle.js', 'text/javascript'],
      ['/__mock/openapi/aymakan.yaml', 'application/yaml'],
    ] as const) {
      const page = await fetch(`${cli.url}${path}`)
      expect(page.status, path).toBe(200)
      expect(page.headers.get('content-type')).toContain(type)
    }
    expect(existsSync(join(installed, 'swagger-ui-dist', 'swagger-ui-bundle.js'))).toBe(true)
  })
})
