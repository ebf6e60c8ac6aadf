import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { CONTRACT_CASES, type ProviderName, type RecordSet } from '../../verify/cases/index.js'
import { renderJunit, renderMarkdown, renderTerminal } from '../../verify/report.js'
import { exitCodeOf, runVerify, VerifyUsageError } from './run.js'

export const VERIFY_HELP = `Usage: order-contract-mock verify --provider NAME --base-url URL (--token T | --api-key K) [options]

Sends the provider's contract cases to the real provider and to the mock, and
reports every difference (status, content type, keys and value types, error messages).

  --provider NAME     omnitron, hamgam or aymakan
  --base-url URL      the real provider, e.g. https://sandbox.example.com
  --token T           Omnitron and Hamgam: the API token          [VERIFY_TOKEN]
  --api-key K         Aymakan: the api key                         [VERIFY_API_KEY]
  --scenario NAME     the mock's scenario (e.g. a snapshot)         default "default"
  --scenarios DIR     your scenario files (beside the bundled ones)
  --record NAME=ID    a record the cases name on the real provider (repeatable), e.g. order=123
  --records FILE      JSON: {"order": 123, ...} or a list of such record sets
  --allow-writes      also run the cases that change records (a sandbox only)
  --rate N            requests per second to the real provider      default 2
  --timeout-ms N      deadline of each request                      default 10000
  --report-md FILE    write the report as Markdown
  --junit FILE        write the report as JUnit XML
  --quiet             no terminal report

Exit code: 0 no drift, 1 drift (or a case that could not be compared), 2 usage error.
`

const OPTIONS = {
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  token: { type: 'string' },
  'api-key': { type: 'string' },
  scenario: { type: 'string' },
  scenarios: { type: 'string' },
  record: { type: 'string', multiple: true },
  records: { type: 'string' },
  'allow-writes': { type: 'boolean' },
  rate: { type: 'string' },
  'timeout-ms': { type: 'string' },
  'report-md': { type: 'string' },
  junit: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

export interface Io {
  stdout(text: string): void
  stderr(text: string): void
  env: Record<string, string | undefined>
}

const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
}

class Usage extends Error {}

function positiveNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new Usage(`${name} must be a number above 0, got "${raw}"`)
  return n
}

/** `order=123` → { order: 123 } with the record's declared type. */
function parseRecords(provider: ProviderName, pairs: readonly string[], file: string | undefined): RecordSet[] {
  const specs = CONTRACT_CASES[provider].records
  const typed = (name: string, value: unknown, where: string): number | string => {
    const spec = specs[name]
    if (!spec)
      throw new Usage(`${where}: unknown record "${name}" for ${provider} (known: ${Object.keys(specs).join(', ')})`)
    if (spec.type === 'int') {
      const n = typeof value === 'number' ? value : /^\d+$/.test(String(value)) ? Number(value) : NaN
      if (!Number.isSafeInteger(n) || n <= 0)
        throw new Usage(`${where}: ${name} must be a positive whole number, got ${JSON.stringify(value)}`)
      return n
    }
    if (typeof value !== 'string' && typeof value !== 'number') throw new Usage(`${where}: ${name} must be a string`)
    return String(value)
  }
  const sets: RecordSet[] = []
  if (file !== undefined) {
    let doc: unknown
    try {
      doc = JSON.parse(readFileSync(file, 'utf8'))
    } catch (error) {
      throw new Usage(`--records ${file}: ${(error as Error).message}`)
    }
    const list = Array.isArray(doc) ? doc : [doc]
    list.forEach((set, i) => {
      if (!set || typeof set !== 'object' || Array.isArray(set))
        throw new Usage(`--records ${file}: entry ${i} must be an object of record names to ids`)
      sets.push(Object.fromEntries(Object.entries(set).map(([k, v]) => [k, typed(k, v, `--records ${file}`)])))
    })
  }
  if (pairs.length > 0) {
    const extra: RecordSet = {}
    for (const pair of pairs) {
      const at = pair.indexOf('=')
      if (at <= 0) throw new Usage(`--record ${pair}: expected NAME=ID, e.g. order=123`)
      extra[pair.slice(0, at)] = typed(pair.slice(0, at), pair.slice(at + 1), `--record ${pair}`)
    }
    if (sets.length === 0) sets.push(extra)
    else for (const s of sets) Object.assign(s, extra)
  }
  return sets
}

/** `order-contract-mock verify …`: resolves to the exit code. */
export async function verifyMain(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values']
    try {
      values = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values
    } catch (error) {
      throw new Usage(`${(error as Error).message}`)
    }
    if (values.help) {
      io.stdout(VERIFY_HELP)
      return 0
    }
    const provider = values.provider as ProviderName | undefined
    if (!provider) throw new Usage('--provider is required (omnitron, hamgam or aymakan)')
    const cases = CONTRACT_CASES[provider]
    if (!Object.hasOwn(CONTRACT_CASES, provider))
      throw new Usage(`unknown --provider "${provider}" (omnitron, hamgam or aymakan)`)
    const baseUrl = values['base-url']
    if (!baseUrl || !/^https?:\/\/[^/]/.test(baseUrl))
      throw new Usage('--base-url is required: http(s)://host[/prefix]')
    const credential =
      cases.credential === 'token'
        ? (values.token ?? io.env.VERIFY_TOKEN)
        : (values['api-key'] ?? io.env.VERIFY_API_KEY)
    const wrong = cases.credential === 'token' ? values['api-key'] : values.token
    if (wrong !== undefined)
      throw new Usage(
        `${provider} takes --${cases.credential}, not --${cases.credential === 'token' ? 'api-key' : 'token'}`,
      )
    if (!credential) throw new Usage(`--${cases.credential} is required for ${provider}`)
    const records = parseRecords(provider, values.record ?? [], values.records)
    const report = await runVerify({
      provider,
      baseUrl,
      credential,
      ...(values.scenario !== undefined && { scenario: values.scenario }),
      ...(values.scenarios !== undefined && { scenariosDir: values.scenarios }),
      allowWrites: values['allow-writes'] ?? false,
      records,
      rate: positiveNumber('--rate', values.rate, 2),
      timeoutMs: positiveNumber('--timeout-ms', values['timeout-ms'], 10_000),
    })
    if (!values.quiet) io.stdout(renderTerminal(report))
    if (values['report-md']) writeFileSync(values['report-md'], renderMarkdown(report))
    if (values.junit) writeFileSync(values.junit, renderJunit(report))
    return exitCodeOf(report)
  } catch (error) {
    if (error instanceof Usage || error instanceof VerifyUsageError) {
      io.stderr(
        `order-contract-mock verify: ${error.message}\nRun "order-contract-mock verify --help" for the options.\n`,
      )
      return 2
    }
    throw error
  }
}
