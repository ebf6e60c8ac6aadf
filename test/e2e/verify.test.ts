/**
 * The drift check, without the internet: the "real provider" is a second
 * mock server with a deliberately altered scenario (a rule switched off)
 * behind a small proxying upstream that changes a message and renames a
 * field. The report must find exactly those differences and no others; an
 * unaltered instance must show none; a snapshot must round-trip.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { buildScenarios } from '../../src/core/scenario/registry.js'
import { BUNDLED_SCENARIOS_DIR, createApp, type RunningServer, startServer } from '../../src/node/index.js'
import { snapshotMain } from '../../src/node/snapshot.js'
import { verifyMain } from '../../src/node/verify/cli.js'
import { MAX_ANSWER_BYTES, rateLimiter, runVerify } from '../../src/node/verify/run.js'
import { allProviders } from '../../src/providers/index.js'
import type { ProviderName } from '../../src/verify/cases/index.js'
import { runCli } from '../support/spawn.js'

const BIN = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
const CREDENTIALS: Record<ProviderName, string[]> = {
  omnitron: ['--token', 'omnitron-test-token'],
  hamgam: ['--token', 'hamgam-admin-token'],
  aymakan: ['--api-key', 'aymakan-test-key'],
}
const FAST = ['--rate', '500']
const BULK_MESSAGE = 'You can only update one order at a time.'
const ALTERED_MESSAGE = 'Only one order can be updated per request.'

function captureIo() {
  const io = { out: '', err: '', stdout: (t: string) => (io.out += t), stderr: (t: string) => (io.err += t), env: {} }
  return io
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  )
}

/** The altered upstream: passes everything to `target`, but renames e_archive_url in order details and rewords the bulk error. */
function alteringProxy(target: string): Server {
  return createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        const body: Buffer[] = []
        answer.on('data', (c: Buffer) => body.push(c))
        answer.on('end', () => {
          let text = Buffer.concat(body).toString('utf8')
          if (/^\/omnitron\/api\/v1\/orders\/\d+\/$/.test(req.url ?? ''))
            text = text.replace('"e_archive_url":', '"e_archive_link":')
          text = text.replace(BULK_MESSAGE, ALTERED_MESSAGE)
          res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? '' })
          res.end(text)
        })
      })
      upstream.end(Buffer.concat(chunks))
    })
  })
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })

let dir: string
/** Reports and record files: not in the scenarios folder, whose every .json is read as a scenario. */
let work: string
let altered: RunningServer
let unaltered: RunningServer
let proxy: Server
let proxyUrl: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verify-scenarios-'))
  work = mkdtempSync(join(tmpdir(), 'verify-work-'))
  writeFileSync(
    join(dir, 'altered.yaml'),
    'extends: default\nrules:\n  disabled: [omnitron.item.attributes.forbidden-keys]\n',
  )
  // Other records than the default's: the generated ones come from another seed.
  writeFileSync(join(dir, 'elsewhere.yaml'), 'extends: default\nseed: 777\n')
  altered = await startServer({ port: 0, scenariosDir: dir, defaultScenario: 'altered' })
  unaltered = await startServer({ port: 0 })
  proxy = alteringProxy(altered.url)
  proxyUrl = await listen(proxy)
})

afterAll(async () => {
  await close(proxy)
  await altered.close()
  await unaltered.close()
})

describe('verify against an altered provider', () => {
  it('finds exactly the switched-off rule, the changed message and the renamed field', async () => {
    const report = await runVerify({
      provider: 'omnitron',
      baseUrl: `${proxyUrl}/omnitron`,
      credential: 'omnitron-test-token',
      rate: 500,
    })
    const drift = report.results
      .filter((r) => r.outcome !== 'equal')
      .map((r) => ({ caseId: r.caseId, differences: r.differences }))
    expect(drift).toEqual([
      {
        caseId: 'omnitron.order.get',
        differences: [
          { kind: 'missing-key', path: '$.e_archive_url', real: '(absent)', mock: 'null' },
          { kind: 'extra-key', path: '$.e_archive_link', real: 'null', mock: '(absent)' },
        ],
      },
      {
        caseId: 'omnitron.order-item.forbidden-attribute',
        differences: [{ kind: 'status', path: 'status', real: '200', mock: '400' }],
      },
      {
        caseId: 'omnitron.bulk.mixed-orders',
        differences: [
          {
            kind: 'value',
            path: '$[0].message[0]',
            real: JSON.stringify(ALTERED_MESSAGE),
            mock: JSON.stringify(BULK_MESSAGE),
          },
        ],
      },
    ])
    // Everything else was compared and is equal; the writes were not sent.
    expect(report.results.filter((r) => r.outcome === 'equal')).toHaveLength(report.results.length - 3)
    expect(report.results.every((r) => r.tag === 'safe')).toBe(true)
    expect(report.skipped.map((s) => s.caseId)).toEqual([
      'omnitron.order.update-documented',
      'omnitron.order-item.update-documented',
      'omnitron.bulk.invoice-promotes',
    ])
  })

  it('the command: exit 1, the terminal summary, Markdown and JUnit XML name the same three cases', async () => {
    const io = captureIo()
    const md = join(work, 'drift.md')
    const junit = join(work, 'drift.xml')
    const code = await verifyMain(
      [
        '--provider',
        'omnitron',
        '--base-url',
        `${proxyUrl}/omnitron`,
        ...CREDENTIALS.omnitron,
        ...FAST,
        '--report-md',
        md,
        '--junit',
        junit,
      ],
      io,
    )
    expect(code).toBe(1)
    expect(io.out.match(/^ {2}DRIFT (\S+)/gm)?.map((l) => l.trim().split(' ')[1])).toEqual([
      'omnitron.order.get',
      'omnitron.order-item.forbidden-attribute',
      'omnitron.bulk.mixed-orders',
    ])
    expect(io.out).toMatch(/^Drift: 3 of 10 cases differ, 3 skipped\.$/m)
    const markdown = readFileSync(md, 'utf8')
    expect(markdown).toContain('**Drift**: 7 equal, 3 differ, 0 not compared, 3 skipped.')
    expect(markdown).toContain('| status | `status` | `200` | `400` |')
    expect(markdown).toContain('### omnitron.bulk.mixed-orders [item=1340653, other_item=122]')
    const xml = readFileSync(junit, 'utf8')
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/)
    expect(xml).toContain('tests="13" failures="3" errors="0" skipped="3"')
    expect(xml.match(/<failure /g)).toHaveLength(3)
    expect(xml.match(/<skipped /g)).toHaveLength(3)
    expect(xml).toContain('value at $[0].message[0]: real &quot;Only one order can be updated per request.&quot;')
  })
})

describe('verify against an unaltered provider', () => {
  it('--records FILE: the reads run once per record set, the others once with the first', async () => {
    const file = join(work, 'records.json')
    writeFileSync(
      file,
      JSON.stringify([
        { order: 1, item: 2 },
        { order: 7001, item: 123 },
      ]),
    )
    const io = captureIo()
    const code = await verifyMain(
      [
        '--provider',
        'omnitron',
        '--base-url',
        `${unaltered.url}/omnitron`,
        ...CREDENTIALS.omnitron,
        ...FAST,
        '--records',
        file,
      ],
      io,
    )
    expect(code).toBe(0)
    const labels = [...io.out.matchAll(/^ {2}ok +(\S+(?: \[[^\]]*\])?)/gm)].map((m) => m[1])
    expect(labels.filter((l) => l?.startsWith('omnitron.order.get'))).toEqual([
      'omnitron.order.get [order=1]',
      'omnitron.order.get [order=7001]',
    ])
    expect(labels.filter((l) => l?.startsWith('omnitron.order-item.invalid-status'))).toEqual([
      'omnitron.order-item.invalid-status [item=2]',
    ])
  })

  it.each(['omnitron', 'hamgam', 'aymakan'] as const)('%s: no drift, the writes included', async (provider) => {
    const io = captureIo()
    const code = await verifyMain(
      [
        '--provider',
        provider,
        '--base-url',
        `${unaltered.url}/${provider}`,
        ...CREDENTIALS[provider],
        ...FAST,
        '--allow-writes',
      ],
      io,
    )
    expect(io.out).toMatch(/^No drift: \d+ cases answered alike\.$/m)
    expect(io.out).not.toMatch(/DRIFT|ERROR|skip/)
    expect(code).toBe(0)
  })
})

describe('snapshot → scenario file → verify --scenario', () => {
  let source: RunningServer
  let out: string
  beforeAll(async () => {
    source = await startServer({ port: 0, scenariosDir: dir, defaultScenario: 'elsewhere' })
    // Only the snapshots: the `default` they extend is the bundled one.
    out = mkdtempSync(join(tmpdir(), 'verify-snapshot-'))
  })
  afterAll(() => source.close())

  /** Two generated orders of the source (other values than the default scenario's). */
  async function twoOrders(provider: ProviderName): Promise<string[]> {
    const headers = { Authorization: 'Token hamgam-admin-token', 'api-key': 'aymakan-test-key' }
    if (provider === 'omnitron') return ['900001', '900002']
    if (provider === 'hamgam') {
      const body = await (await fetch(`${source.url}/hamgam/api/orders?limit=100`, { headers })).json()
      return body.results.slice(-2).map((o: { id: number }) => String(o.id))
    }
    const body = await (await fetch(`${source.url}/aymakan/api/v1/orders?per_page=100`, { headers })).json()
    return body.data.slice(-2).map((o: { order_id: string }) => o.order_id)
  }

  it.each(['omnitron', 'hamgam', 'aymakan'] as const)(
    '%s: the snapshot loads and verify compares its records by value, without drift',
    async (provider) => {
      const orders = await twoOrders(provider)
      const file = join(out, `mine-${provider}.yaml`)
      const snap = captureIo()
      const base = `${source.url}/${provider}`
      expect(
        await snapshotMain(
          [
            '--provider',
            provider,
            '--base-url',
            base,
            ...CREDENTIALS[provider],
            '--orders',
            orders.join(','),
            '--out',
            file,
            '--scenarios',
            out,
            ...FAST,
          ],
          snap,
        ),
      ).toBe(0)
      expect(snap.err).toBe('')
      const text = readFileSync(file, 'utf8')
      expect(text).toMatch(/^extends: default$/m)
      for (const secret of [
        'omnitron-test-token',
        'omnitron-pass',
        'hamgam-admin-token',
        'aymakan-test-key',
        'users:',
        'apiKeys:',
      ])
        expect(text).not.toContain(secret)
      // Valid against the scenario schema: it loads beside the scenario it extends.
      const loaded = buildScenarios(
        [
          { file: 'default.yaml', text: readFileSync(join(BUNDLED_SCENARIOS_DIR, 'default.yaml'), 'utf8') },
          { file: `mine-${provider}.yaml`, text },
        ],
        allProviders,
      )
      expect(loaded.get(`mine-${provider}`)?.extends).toBe('default')

      // The default scenario alone answers these orders differently: the snapshot is what makes them match.
      const credential = CREDENTIALS[provider][1]!
      const headers: Record<string, string> =
        provider === 'aymakan' ? { 'api-key': credential } : { Authorization: `Token ${credential}` }
      const detail = {
        omnitron: `/api/v1/orders/${orders[0]}/`,
        hamgam: `/api/orders/${orders[0]}`,
        aymakan: `/api/v1/orders/${orders[0]}`,
      }[provider]
      const fromSource = await (await fetch(`${base}${detail}`, { headers })).text()
      const fromDefault = await (await createApp().request(`/${provider}${detail}`, { headers })).text()
      expect(fromDefault).not.toBe(fromSource)

      const report = await runVerify({
        provider,
        baseUrl: base,
        credential,
        scenariosDir: out,
        scenario: `mine-${provider}`,
        rate: 500,
      })
      const reads = report.results.filter((r) => r.comparedValues)
      // Each read case once per snapshot order, compared by value.
      expect(new Set(reads.filter((r) => 'order' in r.records).map((r) => String(r.records.order)))).toEqual(
        new Set(orders),
      )
      expect(reads.length).toBeGreaterThanOrEqual(2 * 1)
      expect(report.results.filter((r) => r.outcome !== 'equal')).toEqual([])
    },
  )

  it('a changed record after the snapshot is a value drift', async () => {
    const file = join(out, 'mine-omnitron.yaml')
    const doc = parse(readFileSync(file, 'utf8'))
    const order = doc.providers.omnitron.orders[0]
    order.is_send = !order.is_send
    writeFileSync(file, stringify(doc))
    const report = await runVerify({
      provider: 'omnitron',
      baseUrl: `${source.url}/omnitron`,
      credential: 'omnitron-test-token',
      scenariosDir: out,
      scenario: 'mine-omnitron',
      rate: 500,
    })
    expect(report.results.filter((r) => r.outcome !== 'equal').map((r) => [r.caseId, r.differences])).toEqual([
      [
        'omnitron.order.get',
        [{ kind: 'value', path: '$.is_send', real: String(!order.is_send), mock: String(order.is_send) }],
      ],
    ])
  })
})

describe('requests to the real provider', () => {
  it('a provider that does not answer: the case is an error after --timeout-ms, exit 1', async () => {
    const silent = createServer(() => {})
    const url = await listen(silent)
    try {
      const report = await runVerify({ provider: 'aymakan', baseUrl: url, credential: 'k', rate: 500, timeoutMs: 100 })
      expect(report.results.length).toBeGreaterThan(0)
      expect(new Set(report.results.map((r) => r.outcome))).toEqual(new Set(['error']))
      expect(report.results[0]!.error).toBe('no answer within 100 ms')
    } finally {
      await close(silent)
    }
  })

  it('an answer beyond the size cap is not read into memory: the case is an error', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20)
    const huge = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      let sent = 0
      // 8 MB in 1 MB writes, waiting for the socket to drain after each buffered one.
      const more = () => {
        while (sent < 8) {
          sent++
          if (!res.write(chunk)) {
            res.once('drain', more)
            return
          }
        }
        res.end('{}')
      }
      more()
    })
    const url = await listen(huge)
    try {
      const report = await runVerify({ provider: 'aymakan', baseUrl: url, credential: 'k', rate: 500 })
      expect(report.results[0]).toMatchObject({
        outcome: 'error',
        error: `the answer is larger than ${MAX_ANSWER_BYTES} bytes`,
      })
    } finally {
      await close(huge)
    }
  })

  it('rate limited: request k waits k gaps of 1000/rate ms', async () => {
    const waits: number[] = []
    const wait = rateLimiter(4, async (ms) => {
      waits.push(ms)
    })
    for (let i = 0; i < 5; i++) await wait()
    expect(waits).toHaveLength(4)
    for (const [k, ms] of waits.entries()) expect(ms / 250).toBeCloseTo(k + 1, 1)
  })
})

describe('usage errors exit 2', () => {
  it.each([
    [[]],
    [['--provider', 'nope', '--base-url', 'http://127.0.0.1:1', '--token', 't']],
    [['--provider', 'omnitron', '--base-url', 'http://127.0.0.1:1']],
    [['--provider', 'omnitron', '--base-url', 'http://127.0.0.1:1', '--api-key', 'k']],
    [['--provider', 'omnitron', '--base-url', 'not-a-url', '--token', 't']],
    [['--provider', 'omnitron', '--base-url', 'http://127.0.0.1:1', '--token', 't', '--record', 'basket=1']],
    [['--provider', 'omnitron', '--base-url', 'http://127.0.0.1:1', '--token', 't', '--record', 'order=abc']],
    [['--provider', 'omnitron', '--base-url', 'http://127.0.0.1:1', '--token', 't', '--scenario', 'missing']],
    [['--provider', 'omnitron', '--base-url', 'http://127.0.0.1:1', '--token', 't', '--rate', '0']],
    [['--provider', 'omnitron', '--base-url', 'http://127.0.0.1:1', '--token', 't', '--bogus']],
  ])('verify %j', async (args) => {
    const io = captureIo()
    expect(await verifyMain(args, io)).toBe(2)
    expect(io.err).toMatch(
      /^order-contract-mock verify: .+\nRun "order-contract-mock verify --help" for the options\.\n$/,
    )
    expect(io.out).toBe('')
  })

  // Two processes of the built CLI (each loads the whole package: seconds on a busy machine).
  it('the built CLI dispatches the subcommands: help 0, usage error 2', async () => {
    const [help, bad] = await Promise.all([
      runCli(BIN, ['verify', '--help']),
      runCli(BIN, ['snapshot', '--provider', 'omnitron']),
    ])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: order-contract-mock verify /)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^order-contract-mock snapshot: --base-url is required/)
  }, 60_000)
})
