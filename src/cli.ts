#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { ScenarioError } from './core/scenario/registry.js'
import { startServer, VERSION } from './node/index.js'

const HELP = `order-contract-mock ${VERSION}
A contract-testing mock of the Omnitron, Hamgam and Aymakan order-update APIs.

Usage: order-contract-mock [options]
       order-contract-mock verify --help     compare the mock with the real provider
       order-contract-mock snapshot --help   write a scenario from the real provider's records

Options (environment variable in brackets):
  --port N            port to listen on; 0 picks a free one      [PORT]          default 4010
  --host ADDR         address to bind; 0.0.0.0 in a container    [HOST]          default 127.0.0.1
  --scenarios DIR     directory of scenario files                [MOCK_SCENARIOS_DIR] default: bundled
  --scenario NAME     scenario when a request names none         [MOCK_SCENARIO] default "default"
  --max-sessions N    sessions kept (least recently used evicted) [MOCK_MAX_SESSIONS] default 1000
  --max-body-bytes N  largest request body; larger gets 413      [MOCK_MAX_BODY_BYTES] default 1048576
  --max-admin-body-bytes N  largest admin body (state import); larger gets 413
                                                [MOCK_MAX_ADMIN_BODY_BYTES] default 16777216
  --journal-size N    requests kept per session's journal         [MOCK_JOURNAL_SIZE] default 1000
  --max-journal-bytes N  bytes all journals hold together (oldest dropped first)
                                                [MOCK_MAX_JOURNAL_BYTES] default 268435456
  --admin-token T     require T for the admin API (not health)    [MOCK_ADMIN_TOKEN]
  --lenient-headers   let unknown X-Mock-* headers through        [MOCK_LENIENT_HEADERS=1] default: 400
  --quiet             no log line per request                    [MOCK_QUIET=1]
  --help              this text
  --version           the version

Providers: http://HOST:PORT/omnitron  ·  admin API: http://HOST:PORT/__mock/health
`

function fail(message: string, code = 2): never {
  process.stderr.write(`order-contract-mock: ${message}\n`)
  process.exit(code)
}

function integer(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback
  if (!/^\d+$/.test(value) || Number(value) < min) fail(`${name} must be a whole number ≥ ${min}, got "${value}"`)
  return Number(value)
}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  scenarios: { type: 'string' },
  scenario: { type: 'string' },
  'max-sessions': { type: 'string' },
  'max-body-bytes': { type: 'string' },
  'max-admin-body-bytes': { type: 'string' },
  'journal-size': { type: 'string' },
  'max-journal-bytes': { type: 'string' },
  'admin-token': { type: 'string' },
  'lenient-headers': { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const

function parseCli() {
  try {
    return parseArgs({ options: OPTIONS, strict: true }).values
  } catch (error) {
    return fail(`${(error as Error).message}\nRun with --help for the options.`)
  }
}

async function main(): Promise<void> {
  const command = process.argv[2]
  if (command === 'verify' || command === 'snapshot') {
    const { runCommand } = await import('./node/commands.js')
    process.exitCode = await runCommand(command, process.argv.slice(3))
    return
  }
  const values = parseCli()
  if (values.help) {
    process.stdout.write(HELP)
    return
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`)
    return
  }
  const env = process.env
  const port = integer('--port', values.port ?? env.PORT, 4010, 0)
  if (port > 65535) fail(`--port must be at most 65535, got ${port}`)
  const flag = (name: string) => ['1', 'true', 'yes'].includes((env[name] ?? '').toLowerCase())
  const quiet = values.quiet ?? flag('MOCK_QUIET')
  const lenientHeaders = values['lenient-headers'] ?? flag('MOCK_LENIENT_HEADERS')
  const log = (line: string) => process.stdout.write(`${line}\n`)

  let server: Awaited<ReturnType<typeof startServer>>
  try {
    server = await startServer({
      port,
      host: values.host ?? env.HOST ?? '127.0.0.1',
      ...((values.scenarios ?? env.MOCK_SCENARIOS_DIR) && { scenariosDir: values.scenarios ?? env.MOCK_SCENARIOS_DIR }),
      ...((values.scenario ?? env.MOCK_SCENARIO) && { defaultScenario: values.scenario ?? env.MOCK_SCENARIO }),
      maxSessions: integer('--max-sessions', values['max-sessions'] ?? env.MOCK_MAX_SESSIONS, 1000, 1),
      maxBodyBytes: integer('--max-body-bytes', values['max-body-bytes'] ?? env.MOCK_MAX_BODY_BYTES, 1024 * 1024, 1),
      maxAdminBodyBytes: integer(
        '--max-admin-body-bytes',
        values['max-admin-body-bytes'] ?? env.MOCK_MAX_ADMIN_BODY_BYTES,
        16 * 1024 * 1024,
        1,
      ),
      journalSize: integer('--journal-size', values['journal-size'] ?? env.MOCK_JOURNAL_SIZE, 1000, 1),
      lenientHeaders,
      maxJournalBytes: integer(
        '--max-journal-bytes',
        values['max-journal-bytes'] ?? env.MOCK_MAX_JOURNAL_BYTES,
        256 * 1024 * 1024,
        1,
      ),
      // Evictions are logged even with --quiet: a test run that loses its session should be able to see why.
      onEvent: (e) => log(`warning: ${e.message}`),
      ...((values['admin-token'] ?? env.MOCK_ADMIN_TOKEN) && {
        adminToken: values['admin-token'] ?? env.MOCK_ADMIN_TOKEN,
      }),
      ...(!quiet && {
        onRequest: (e) =>
          log(
            `${e.method} ${e.path} ${e.status} ${e.ms}ms${e.scenario ? ` scenario=${e.scenario} session=${e.session}` : ''}${e.fault ? ` fault=${e.fault}` : ''}`,
          ),
      }),
    })
  } catch (error) {
    if (error instanceof ScenarioError) fail(error.message)
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') fail(`port ${port} is already in use (try --port 0 or another port)`)
    if (code === 'EACCES') fail(`not allowed to listen on port ${port}`)
    fail(error instanceof Error ? error.message : String(error))
  }

  const engine = server.app.engine
  log(
    `order-contract-mock ${VERSION} listening on ${server.url} — providers: ${engine.providers.map((p) => `${server.url}/${p.name}`).join(', ')}; ` +
      `scenarios: ${engine.scenarioNames().join(', ')} (default: ${engine.defaultScenario})`,
  )

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log(`${signal} received, finishing in-flight requests`)
    const force = setTimeout(() => {
      log('in-flight requests did not finish within 10 s; exiting')
      process.exit(1)
    }, 10_000)
    force.unref()
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

void main()
