/**
 * The two transports every contract case runs through (like hono's
 * common.case.test.ts): real HTTP to the standalone server on a random port,
 * and MSW intercepting fetch to the provider's real base URL. A case gets a
 * client per provider and must see the same status and body on both.
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe } from 'vitest'

import { SessionCache } from '../../src/core/sessions.js'
import { createHandlers } from '../../src/msw.js'
import { createApp, type MockApp, openApiDocuments, type RunningServer, startServer } from '../../src/node/index.js'
import { OpenApiChecker } from './openapi-check.js'

export const AUTH = { Authorization: 'Token omnitron-test-token' }
export const JSON_HEADERS = { ...AUTH, 'Content-Type': 'application/json' }

export type ProviderName = 'omnitron' | 'hamgam' | 'aymakan'

export interface ClientOptions {
  session?: string
  scenario?: string
  headers?: Record<string, string>
}

export interface Client {
  /** fetch relative to the provider's base URL, with this client's control headers; redirects are not followed. */
  (path: string, init?: RequestInit): Promise<Response>
  readonly session: string
  readonly base: string
  readonly scenario?: string
}

export interface Transport {
  readonly name: 'http' | 'msw'
  readonly app: MockApp
  /** A client bound to a fresh session (or the one given), so tests never see each other's writes. */
  client(provider: ProviderName, options?: ClientOptions): Client
  /** The admin API. */
  admin(path: string, init?: RequestInit): Promise<Response>
}

export const MSW_BASES: Record<ProviderName, string> = {
  omnitron: 'https://omnitron.example.com',
  hamgam: 'https://api.hamgam.example.com',
  aymakan: 'https://dev-fc-api.aymakan.net',
}

let checker: OpenApiChecker | undefined

/** `<provider> <operationId> <status>` (or `<provider> fallback:<name>`) of every answer checked in this file. */
export const checkedAnswers = new Set<string>()

/**
 * Every answer a contract case gets is checked against the provider's OpenAPI
 * document (the session's journal says whether a fault or no route made it),
 * so the document cannot drift from what the mock does.
 */
async function checkAgainstDocument(
  base: string,
  app: MockApp,
  provider: ProviderName,
  url: URL,
  method: string,
  headers: Headers,
  res: Response,
  followed: boolean,
): Promise<void> {
  checker ??= new OpenApiChecker(openApiDocuments())
  const engine = app.engine
  const key = SessionCache.key(
    headers.get('x-mock-scenario') ?? engine.defaultScenario,
    headers.get('x-mock-session') ?? 'default',
  )
  const prefix = new URL(base).pathname.replace(/\/$/, '')
  const mounted = url.pathname.slice(prefix.length) || '/'
  const session = await engine.sessions.peek(key)?.catch(() => undefined)
  // A followed redirect: the answer is the last request's (over MSW `res.url` stays the one asked for).
  const entry = session?.journal
    .list()
    .findLast((e) => e.status === res.status && (followed || (e.method === method && e.path === mounted)))
  const checked = checker.check(provider, {
    method: followed && entry ? entry.method : method,
    path: followed && entry ? entry.path : mounted,
    status: res.status,
    headers: res.headers,
    body: await res.clone().text(),
    ...(entry?.fault && { fault: entry.fault.kind }),
    ...(entry?.unmatched && { unmatched: true }),
  })
  checkedAnswers.add(`${provider} ${checked.matched}`)
  // OPENAPI_COVERAGE=<file>: which documented operation and status each answer was, for a coverage count.
  if (process.env.OPENAPI_COVERAGE) appendFileSync(process.env.OPENAPI_COVERAGE, `${provider} ${checked.matched}\n`)
  if (checked.errors.length > 0)
    throw new Error(`the answer is not what the OpenAPI document says:\n  ${checked.errors.join('\n  ')}`)
}

function makeClient(base: string, provider: ProviderName, app: MockApp, options: ClientOptions = {}): Client {
  const session = options.session ?? randomUUID()
  const control: Record<string, string> = {
    'X-Mock-Session': session,
    ...(options.scenario !== undefined && { 'X-Mock-Scenario': options.scenario }),
  }
  const client = async (path: string, init: RequestInit = {}) => {
    const headers = { ...control, ...options.headers, ...(init.headers as Record<string, string> | undefined) }
    const url = new URL(`${base}${path}`)
    const res = await fetch(url, { redirect: 'manual', ...init, headers })
    await checkAgainstDocument(
      base,
      app,
      provider,
      url,
      (init.method ?? 'GET').toUpperCase(),
      new Headers(headers),
      res,
      (init.redirect ?? 'manual') !== 'manual' && res.status < 300,
    )
    return res
  }
  return Object.assign(client, { session, base, ...(options.scenario !== undefined && { scenario: options.scenario }) })
}

/** Runs `cases` once per transport, each in its own describe block (`options`: extra scenario texts, say). */
export function forEachTransport(
  cases: (t: () => Transport) => void,
  options: { scenarioSources?: { file: string; text: string }[] } = {},
): void {
  describe('over HTTP (standalone server)', () => {
    let server: RunningServer
    let transport: Transport
    beforeAll(async () => {
      server = await startServer({ port: 0, ...options })
      transport = {
        name: 'http',
        app: server.app,
        client: (provider, options) => makeClient(`${server.url}/${provider}`, provider, server.app, options),
        admin: (path, init) => fetch(`${server.url}/__mock${path}`, init),
      }
    })
    afterAll(() => server.close())
    cases(() => transport)
  })

  describe('in-process (MSW handlers)', () => {
    const app = createApp(options)
    const msw = setupServer(...createHandlers({ app, baseUrls: MSW_BASES }))
    const transport: Transport = {
      name: 'msw',
      app,
      client: (provider, options) => makeClient(MSW_BASES[provider], provider, app, options),
      admin: async (path, init) => app.request(`/__mock${path}`, init),
    }
    beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }))
    afterAll(() => msw.close())
    cases(() => transport)
  })
}

/** Reads a JSON body, failing loudly with the text when it is not JSON. */
// biome-ignore lint/suspicious/noExplicitAny: tests read bodies of every shape and assert on them
export async function json(res: Response): Promise<any> {
  const text = await res.text()
  try {
    return JSON.parse(text)
  } catch {
    throw new Error(`expected JSON, got ${res.status} ${res.headers.get('content-type')}: ${text.slice(0, 200)}`)
  }
}
