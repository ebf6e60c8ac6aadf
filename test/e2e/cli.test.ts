import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '../../src/node/index.js'
import { runCli, type Spawned, spawnCli } from '../support/spawn.js'

// The built CLI (the global setup rebuilds it when src/ is newer): what `npm start` and the Docker image run.
const BIN = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
const AUTH = { Authorization: 'Token omnitron-test-token', 'Content-Type': 'application/json' }

describe('the CLI, end to end', () => {
  let cli: Spawned
  beforeAll(async () => {
    cli = await spawnCli(BIN)
  })
  afterAll(() => cli.stop('SIGKILL'))

  it('serves health and a PATCH, logging one line per request', async () => {
    expect(await (await fetch(`${cli.url}/__mock/health`)).json()).toMatchObject({ status: 'ok' })
    const res = await fetch(`${cli.url}/omnitron/api/v1/orders/12345/`, {
      method: 'PATCH',
      headers: { ...AUTH, 'X-Mock-Session': 'cli' },
      body: '{"is_send": true}',
    })
    expect(res.status).toBe(200)
    expect((await res.json()).is_send).toBe(true)
    await new Promise((r) => setTimeout(r, 50))
    expect(cli.output()).toMatch(
      /^PATCH \/omnitron\/api\/v1\/orders\/12345\/ 200 [\d.]+ms scenario=default session=cli$/m,
    )
  })

  it('SIGTERM answers an in-flight request (its injected delay ended early), then exits 0', async () => {
    const own = await spawnCli(BIN, ['--quiet'])
    const pending = fetch(`${own.url}/omnitron/api/v1/orders/12345/`, { headers: { ...AUTH, 'X-Mock-Delay': '30000' } })
    await new Promise((r) => setTimeout(r, 200))
    const exited = own.stop('SIGTERM')
    const res = await pending
    expect(res.status).toBe(200)
    expect((await res.json()).pk).toBe(12345)
    expect(await exited).toBe(0)
  })

  it('exits 0 on SIGTERM after finishing', async () => {
    const own = await spawnCli(BIN, ['--quiet'])
    expect((await fetch(`${own.url}/__mock/health`)).status).toBe(200)
    expect(await own.stop('SIGTERM')).toBe(0)
    expect(own.output()).toContain('SIGTERM received')
    expect(own.output()).not.toMatch(/^GET /m)
  })
})

/**
 * What the CLI does with `--scenarios DIR` before it listens, in-process: the
 * error whose message it prints after "order-contract-mock: " (then exits 2).
 * The table below checks each bad file this way, without a process each; one
 * row also goes through the CLI to prove the exit path prints exactly this.
 */
async function loadError(dir: string): Promise<Error> {
  try {
    const server = await startServer({ port: 0, scenariosDir: dir })
    await server.close()
  } catch (error) {
    return error as Error
  }
  throw new Error(`${dir} loaded without an error`)
}

function badScenarioDir(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ocm-bad-'))
  writeFileSync(join(dir, 'default.yaml'), 'description: fine\n')
  writeFileSync(join(dir, 'bad.yaml'), text)
  return dir
}

const ALIAS_BOMB =
  'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n'

describe('the CLI, refusing bad input without a stack trace', () => {
  it('--help lists the options', async () => {
    const r = await runCli(BIN, ['--help'])
    expect(r.code).toBe(0)
    for (const flag of ['--port', '--host', '--scenarios', '--scenario', '--quiet']) expect(r.stdout).toContain(flag)
  })

  it('an unknown flag exits 2', async () => {
    const r = await runCli(BIN, ['--prot', '1'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^order-contract-mock: .*--prot/)
  })

  it('a bad scenario file exits 2 naming the file and the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocm-scenarios-'))
    writeFileSync(join(dir, 'default.yaml'), 'providers:\n  omnitron:\n    orders: [{ pk: "one" }]\n')
    const r = await runCli(BIN, ['--scenarios', dir, '--port', '0'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('default.yaml:3:20: providers.omnitron.orders[0].pk:')
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it.each([
    ['a YAML syntax error', 'providers: [\n', /bad\.yaml:\d+:\d+: /],
    ['an empty file', '', /bad\.yaml: \(root\): expected a mapping/],
    ['a list at the top', '- 1\n', /bad\.yaml: \(root\): expected a mapping/],
    ['a wrong type', 'seed: many\n', /bad\.yaml:1:7: seed: /],
    ['an unknown key', 'sede: 1\n', /bad\.yaml:1:1: \(root\): unknown key "sede"/],
    ['an unknown provider', 'providers: { shopify: {} }\n', /bad\.yaml:1:12: providers: unknown key "shopify"/],
    ['an unknown parent', 'extends: nowhere\n', /bad\.yaml:1:10: extends: unknown scenario "nowhere"/],
    [
      'a record of the wrong shape',
      'providers:\n  hamgam:\n    products: [{ id: 1 }]\n',
      /bad\.yaml:3:16: providers\.hamgam\.products\[0\]\.name: /,
    ],
    [
      'a fault with two effects',
      'faults: [{ name: f, status: { code: 500 }, connection: EMPTY_RESPONSE }]\n',
      /bad\.yaml:1:10: faults\[0\]: a fault has a status or a connection effect, not both/,
    ],
    ['a duplicate key', 'seed: 1\nseed: 2\n', /bad\.yaml:\d+:\d+: Map keys must be unique/],
    ['binary garbage', '\u0000\u0001\u0002\u00ff', /bad\.yaml/],
    ['a huge alias bomb', ALIAS_BOMB, /bad\.yaml/],
  ])('%s in a scenario file: one clear message, no stack trace (in-process)', async (_, text, pattern) => {
    const error = await loadError(badScenarioDir(text))
    expect(error.message).toMatch(pattern)
    expect(error.message).not.toMatch(/\n\s+at |Error: /)
  })

  it('a bad scenario file from the table, through the CLI: exit 2, that message on stderr, nothing on stdout', async () => {
    const dir = badScenarioDir(ALIAS_BOMB)
    const { message } = await loadError(dir)
    const r = await runCli(BIN, ['--scenarios', dir, '--port', '0'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`order-contract-mock: ${message}\n`)
    expect(r.stdout).toBe('')
  })

  it('a scenarios directory that does not exist: exit 2, one line', async () => {
    const r = await runCli(BIN, ['--scenarios', '/nonexistent/scenarios', '--port', '0'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('/nonexistent/scenarios: cannot read the scenarios directory (ENOENT)')
  })

  it('an unknown default scenario exits 2 listing the known ones', async () => {
    const r = await runCli(BIN, ['--port', '0'], { env: { MOCK_SCENARIO: 'nope' } })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      'Default scenario "nope" not found (known: default, drf-3.14-json-only, flaky, rules-relaxed)',
    )
  })
})
