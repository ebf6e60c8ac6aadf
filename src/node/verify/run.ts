import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse } from 'yaml'
import type { MockApp } from '../../index.js'
import {
  type CaseRequest,
  CONTRACT_CASES,
  type ContractCase,
  defaultRecords,
  type ProviderCases,
  type ProviderName,
  type RecordSet,
  resolveRequest,
} from '../../verify/cases/index.js'
import { type Answer, compareAnswers, mediaType } from '../../verify/compare.js'
import type { CaseResult, VerifyReport } from '../../verify/report.js'
import { createApp } from '../index.js'

/**
 * The drift check: every contract case of a provider, sent to the real
 * provider (rate limited, each request with a deadline) and to an in-process
 * mock (app.fetch, no port), the two answers compared by compare.ts.
 */

export interface VerifyOptions {
  provider: ProviderName
  /** The real provider's base URL, e.g. https://sandbox.example.com (paths are appended). */
  baseUrl: string
  /** The real provider's token (Omnitron, Hamgam) or api key (Aymakan). */
  credential: string
  /** The mock's scenario (default: `default`). */
  scenario?: string
  scenariosDir?: string
  /** Run the `writes` cases too (a sandbox only). */
  allowWrites?: boolean
  /** Record sets of the real provider: each names some records (`order=123`); the rest keep their defaults. */
  records?: RecordSet[]
  /** Requests per second to the real provider. Default 2. */
  rate?: number
  /** Deadline of each request to the real provider. Default 10 s. */
  timeoutMs?: number
  /** Called as each case finishes (the terminal's progress). */
  onResult?: (result: CaseResult) => void
}

/** A mistake in the options (unknown scenario, unknown record name): exit code 2. */
export class VerifyUsageError extends Error {
  override name = 'VerifyUsageError'
}

const MOCK_ORIGIN = 'http://mock.invalid'

/** Spaces requests `1000 / rate` ms apart. */
export function rateLimiter(rate: number, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))) {
  const gap = 1000 / rate
  let next = 0
  return async () => {
    const now = Date.now()
    const at = Math.max(now, next)
    next = at + gap
    if (at > now) await sleep(at - now)
  }
}

function ownSection(file: string, provider: ProviderName): Record<string, unknown> | undefined {
  try {
    const doc = parse(readFileSync(resolve(file), 'utf8')) as { providers?: Record<string, unknown> } | null
    return doc?.providers?.[provider] as Record<string, unknown> | undefined
  } catch {
    return undefined
  }
}

function idsOf(section: unknown, collection: string, key: string): Set<unknown> {
  const list = (section as Record<string, unknown> | undefined)?.[collection]
  return new Set(Array.isArray(list) ? list.map((r) => (r as Record<string, unknown>)[key]) : [])
}

/** The largest answer read from the real provider (the cases ask for single records and short pages). */
export const MAX_ANSWER_BYTES = 5 * 1024 * 1024

/** The body as text, at most MAX_ANSWER_BYTES (a larger one throws, unread). */
export async function readText(response: Response): Promise<string> {
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel()
      throw new Error(`the answer is larger than ${MAX_ANSWER_BYTES} bytes`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

async function answer(response: Response): Promise<Answer> {
  const text = await readText(response)
  const type = mediaType(response.headers.get('content-type'))
  let json: unknown
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
  }
  return { status: response.status, mediaType: type, text, ...(json !== undefined && { json }) }
}

function requestInit(request: CaseRequest, extraHeaders: Record<string, string> = {}): RequestInit {
  return {
    method: request.method,
    redirect: 'manual',
    headers: { ...request.headers, ...extraHeaders },
    ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
  }
}

interface Run {
  kase: ContractCase
  real: RecordSet
  mock: RecordSet
  values: boolean
}

/** Which cases run with which records, in order: the reads once per record set, then the rest once. */
function plan(pc: ProviderCases, options: VerifyOptions, app: MockApp, scenarioName: string) {
  const scenario = app.engine.scenarios.get(scenarioName)!
  const merged = scenario.providers[pc.provider]
  const defaults = defaultRecords(pc)
  for (const set of options.records ?? [])
    for (const name of Object.keys(set))
      if (!Object.hasOwn(pc.records, name))
        throw new VerifyUsageError(
          `unknown record "${name}" for ${pc.provider} (known: ${Object.keys(pc.records).join(', ')})`,
        )
  // A scenario that extends another and lists its own orders (a snapshot): its records are the cases' records.
  const own = scenario.extends !== undefined ? ownSection(scenario.file, pc.provider) : undefined
  const ownSets = own ? pc.recordSets(own) : []
  const realSets = (options.records?.length ? options.records : ownSets.length ? ownSets : [{}]).map((s) => ({
    ...defaults,
    ...s,
  }))
  const mockSet = (real: RecordSet): RecordSet =>
    Object.fromEntries(
      Object.entries(real).map(([name, value]) => {
        const spec = pc.records[name]!
        return [name, idsOf(merged, spec.collection, spec.key).has(value) ? value : spec.default]
      }),
    )
  const sameOwnRecords = (kase: ContractCase, real: RecordSet, mock: RecordSet) =>
    own !== undefined &&
    kase.records.every((name) => {
      const spec = pc.records[name]!
      return real[name] === mock[name] && idsOf(own, spec.collection, spec.key).has(real[name])
    })

  const runs: Run[] = []
  const skipped: VerifyReport['skipped'] = []
  const selected = pc.cases.filter((kase) => {
    if (kase.tag === 'writes' && !options.allowWrites) {
      skipped.push({ caseId: kase.id, reason: 'writes: run with --allow-writes against a sandbox' })
      return false
    }
    return true
  })
  for (const real of realSets) {
    const mock = mockSet(real)
    for (const kase of selected.filter((k) => k.perRecord))
      runs.push({ kase, real, mock, values: sameOwnRecords(kase, real, mock) })
  }
  const first = realSets[0]!
  for (const kase of selected.filter((k) => !k.perRecord))
    runs.push({ kase, real: first, mock: mockSet(first), values: false })
  return { runs, skipped, mockCredential: pc.mockCredential(merged) ?? '' }
}

export async function runVerify(options: VerifyOptions): Promise<VerifyReport> {
  const pc = CONTRACT_CASES[options.provider]
  if (!pc)
    throw new VerifyUsageError(
      `unknown provider "${options.provider}" (known: ${Object.keys(CONTRACT_CASES).join(', ')})`,
    )
  const rate = options.rate ?? 2
  const timeoutMs = options.timeoutMs ?? 10_000
  if (!(rate > 0)) throw new VerifyUsageError(`--rate must be a number above 0, got ${rate}`)
  let app: MockApp
  try {
    app = createApp({
      // The folder layers over the bundled scenarios: a snapshot finds the `default` it extends.
      ...(options.scenariosDir !== undefined && { scenariosDir: options.scenariosDir }),
      ...(options.scenario !== undefined && { defaultScenario: options.scenario }),
    })
  } catch (error) {
    throw new VerifyUsageError((error as Error).message)
  }
  const scenarioName = app.engine.defaultScenario
  const { runs, skipped, mockCredential } = plan(pc, options, app, scenarioName)
  const base = options.baseUrl.replace(/\/+$/, '')
  const session = `verify-${randomUUID()}`
  const wait = rateLimiter(rate)
  const report: VerifyReport = {
    provider: pc.provider,
    baseUrl: base,
    scenario: scenarioName,
    allowWrites: options.allowWrites ?? false,
    startedAt: new Date().toISOString(),
    results: [],
    skipped,
  }

  for (const { kase, real: realRecords, mock: mockRecords, values } of runs) {
    const started = Date.now()
    const named = Object.fromEntries(kase.records.map((n) => [n, realRecords[n]!]))
    const realRequest = resolveRequest(kase.request, { ...realRecords, credential: options.credential })
    const mockRequest = resolveRequest(kase.request, { ...mockRecords, credential: mockCredential })
    const result: CaseResult = {
      caseId: kase.id,
      title: kase.title,
      tag: kase.tag,
      records: named,
      method: realRequest.method,
      path: realRequest.path,
      outcome: 'equal',
      comparedValues: values,
      differences: [],
      ms: 0,
    }
    try {
      await wait()
      const real = await answer(
        await fetch(`${base}${realRequest.path}`, {
          ...requestInit(realRequest),
          signal: AbortSignal.timeout(timeoutMs),
        }),
      )
      const mock = await answer(
        await app.fetch(
          new Request(
            `${MOCK_ORIGIN}/${pc.provider}${mockRequest.path}`,
            requestInit(mockRequest, { 'X-Mock-Scenario': scenarioName, 'X-Mock-Session': session }),
          ),
        ),
      )
      result.differences = compareAnswers(real, mock, { provider: pc.provider, values })
      result.outcome = result.differences.length > 0 ? 'drift' : 'equal'
    } catch (error) {
      const e = error as Error
      result.outcome = 'error'
      result.error =
        e.name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : `${e.message}${e.cause ? ` (${(e.cause as Error).message ?? String(e.cause)})` : ''}`
    }
    result.ms = Date.now() - started
    report.results.push(result)
    options.onResult?.(result)
  }
  return report
}

/** 0: no drift; 1: drift or a case that could not be compared. */
export const exitCodeOf = (report: VerifyReport) => (report.results.every((r) => r.outcome === 'equal') ? 0 : 1)
