import { readdirSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { stringify } from 'yaml'
import { SCENARIO_NAME } from '../core/scenario/schema.js'
import { createEngine } from '../create-app.js'
import type { ProviderName } from '../verify/cases/types.js'
import { readScenarioDir } from './scenario-files.js'
import { snapshotAymakan } from './snapshot/aymakan.js'
import { snapshotHamgam } from './snapshot/hamgam.js'
import { snapshotOmnitron } from './snapshot/omnitron.js'
import { type Json, Reader } from './snapshot/read.js'
import type { Io } from './verify/cli.js'

/**
 * `snapshot`: reads orders through the provider's own GET endpoints and
 * writes a scenario (`extends: default`) that reproduces them, so the mock
 * answers with the shapes of a team's own data. Credentials are never
 * written: the scenario keeps the default scenario's users and keys.
 */

export interface SnapshotOptions {
  provider: ProviderName
  baseUrl: string
  credential: string
  /** Order ids: Omnitron pks, Hamgam ids, Aymakan order_ids. */
  orders: readonly string[]
  rate?: number
  timeoutMs?: number
}

export interface Snapshot {
  /** The provider's scenario section: records only. */
  section: Record<string, unknown>
  /** Fields left out (not valid for the scenario, or secrets), one line each. */
  warnings: string[]
}

/** A key that names a secret: never written to a scenario. */
const SECRET_KEY = /token|password|passwd|secret|api[-_]?key|authorization/i

function withoutSecrets(value: unknown, path: string, warnings: string[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => withoutSecrets(v, `${path}[${i}]`, warnings))
  if (value && typeof value === 'object') {
    const out: Json = {}
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k)) {
        warnings.push(`${path}.${k}: left out (a secret)`)
        continue
      }
      out[k] = withoutSecrets(v, `${path}.${k}`, warnings)
    }
    return out
  }
  return value
}

const SNAPSHOTS = { omnitron: snapshotOmnitron, hamgam: snapshotHamgam, aymakan: snapshotAymakan } as const

export async function takeSnapshot(options: SnapshotOptions): Promise<Snapshot> {
  const headers: Record<string, string> =
    options.provider === 'aymakan'
      ? { 'api-key': options.credential }
      : { Authorization: `Token ${options.credential}` }
  const warnings: string[] = []
  const section = await SNAPSHOTS[options.provider](new Reader(options, headers), options.orders, warnings)
  return { section: withoutSecrets(section, options.provider, warnings) as Json, warnings }
}

/** The scenario file's text: a comment saying where it came from, `extends: default`, the records. */
export function snapshotYaml(options: SnapshotOptions, snapshot: Snapshot, takenAt = new Date()): string {
  const origin = new URL(options.baseUrl).origin
  const header = [
    '# yaml-language-server: $schema=./scenario.schema.json',
    '#',
    `# Written by "order-contract-mock snapshot" from ${origin} at ${takenAt.toISOString()}.`,
    "# Credentials are not in this file: the mock keeps the default scenario's tokens and keys.",
    '# "order-contract-mock verify --scenario <this name>" compares these records one by one.',
  ].join('\n')
  const doc = {
    description: `Snapshot of ${options.provider} orders ${options.orders.join(', ')} from ${origin}.`,
    extends: 'default',
    // No generated orders: their ids could be the snapshot's own.
    providers: { [options.provider]: { ...snapshot.section, generate: { orders: 0 } } },
  }
  return `${header}\n${stringify(doc, { lineWidth: 0 })}`
}

/** Checks the file loads as a scenario beside the bundled ones and those of `dir`, as verify loads it. */
export function checkSnapshot(file: string, text: string, dir?: string): void {
  const stem = (n: string) => basename(n).replace(/\.(ya?ml|json)$/i, '')
  const name = stem(file)
  // The snapshot may be the folder's first scenario: an empty folder is fine here.
  const others =
    dir === undefined || !readdirSync(dir).some((n) => /\.(ya?ml|json)$/i.test(n) && !n.endsWith('.schema.json'))
      ? []
      : readScenarioDir(dir).filter((s) => stem(s.file) !== name)
  createEngine({ scenarioSources: [...others, { file, text }] })
}

const OPTIONS = {
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  token: { type: 'string' },
  'api-key': { type: 'string' },
  orders: { type: 'string' },
  out: { type: 'string' },
  scenarios: { type: 'string' },
  rate: { type: 'string' },
  'timeout-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

export const SNAPSHOT_HELP = `Usage: order-contract-mock snapshot --provider NAME --base-url URL (--token T | --api-key K) --orders ID,ID --out FILE

Reads the orders (with their items and payments) through the provider's GET
endpoints and writes a scenario reproducing them (extends: default). Tokens,
api keys and passwords are never written.

  --provider NAME     omnitron, hamgam or aymakan
  --base-url URL      the provider, e.g. https://sandbox.example.com
  --token T           Omnitron and Hamgam                          [VERIFY_TOKEN]
  --api-key K         Aymakan                                      [VERIFY_API_KEY]
  --orders IDS        comma-separated order ids (Omnitron pk, Hamgam id, Aymakan order_id)
  --out FILE          the scenario file to write, e.g. scenarios/mine.yaml (its name: "mine")
  --scenarios DIR     your scenarios (beside the bundled ones) where verify will load it
  --rate N            requests per second                              default 2
  --timeout-ms N      deadline of each request                         default 10000

Then: order-contract-mock verify --scenarios DIR --scenario mine ...
Exit code: 0 written, 1 the provider could not be read, 2 usage error.
`

const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
}

export async function snapshotMain(argv: readonly string[], io: Io = processIo): Promise<number> {
  const usage = (message: string) => {
    io.stderr(`order-contract-mock snapshot: ${message}\nRun "order-contract-mock snapshot --help" for the options.\n`)
    return 2
  }
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values']
  try {
    values = parseArgs({ args: [...argv], options: OPTIONS, strict: true }).values
  } catch (error) {
    return usage((error as Error).message)
  }
  if (values.help) {
    io.stdout(SNAPSHOT_HELP)
    return 0
  }
  const provider = values.provider as ProviderName | undefined
  if (!provider || !Object.hasOwn(SNAPSHOTS, provider)) return usage('--provider must be omnitron, hamgam or aymakan')
  const baseUrl = values['base-url']
  if (!baseUrl || !/^https?:\/\/[^/]/.test(baseUrl)) return usage('--base-url is required: http(s)://host[/prefix]')
  const credential =
    provider === 'aymakan' ? (values['api-key'] ?? io.env.VERIFY_API_KEY) : (values.token ?? io.env.VERIFY_TOKEN)
  if (!credential) return usage(`--${provider === 'aymakan' ? 'api-key' : 'token'} is required for ${provider}`)
  const orders = (values.orders ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (orders.length === 0) return usage('--orders is required: comma-separated order ids')
  if (provider !== 'aymakan' && orders.some((o) => !/^\d+$/.test(o)))
    return usage(`--orders: ${provider} order ids are whole numbers`)
  const out = values.out
  if (!out || !/\.ya?ml$/i.test(out)) return usage('--out is required: a .yaml file')
  const name = basename(out).replace(/\.ya?ml$/i, '')
  if (!SCENARIO_NAME.test(name))
    return usage(`--out: "${name}" is not a valid scenario name (letters, digits, ".", "_", "-")`)
  const rate = Number(values.rate ?? 2)
  const timeoutMs = Number(values['timeout-ms'] ?? 10_000)
  if (!(rate > 0) || !(timeoutMs > 0)) return usage('--rate and --timeout-ms must be numbers above 0')

  const options: SnapshotOptions = { provider, baseUrl, credential, orders, rate, timeoutMs }
  let text: string
  try {
    const snapshot = await takeSnapshot(options)
    for (const w of snapshot.warnings) io.stderr(`warning: ${w}\n`)
    text = snapshotYaml(options, snapshot)
    checkSnapshot(out, text, values.scenarios)
  } catch (error) {
    io.stderr(`order-contract-mock snapshot: ${(error as Error).message}\n`)
    return 1
  }
  writeFileSync(out, text)
  io.stdout(`Wrote ${out}: ${orders.length} ${provider} order(s); use it with --scenario ${name}.\n`)
  return 0
}
