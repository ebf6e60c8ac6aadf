/**
 * order-contract-mock: the library entry point (Node).
 * The engine itself (src/core, src/app.ts, src/providers) uses no Node APIs.
 */
import { createRequire } from 'node:module'
import type { Hono } from 'hono'
import { type AppOptions, buildApp } from './app.js'
import { parseInstant } from './core/clock.js'
import type { MockEnv } from './core/context.js'
import { DEFAULT_SESSION, MockEngine } from './core/engine.js'
import { type JournalEntry, type JournalFilter, parseJournalFilter } from './core/journal.js'
import type { AnyProvider } from './core/provider.js'
import { buildScenarios, type Scenario, type ScenarioSource } from './core/scenario/registry.js'
import { BUNDLED_SCENARIOS_DIR, loadScenarioDir } from './node/scenario-files.js'
import type { AymakanDb } from './providers/aymakan/index.js'
import type { HamgamDb } from './providers/hamgam/index.js'
import { allProviders } from './providers/index.js'
import type { OmnitronDb } from './providers/omnitron/index.js'

export type { AppOptions, RequestLogEntry } from './app.js'
export type { Instant } from './core/clock.js'
export type { MockEnv, RequestContext } from './core/context.js'
export { MockEngine } from './core/engine.js'
export { CONNECTION_FAULTS } from './core/faults.js'
export type { JournalEntry } from './core/journal.js'
export type { OpenApiDocument } from './core/openapi/build.js'
export type { Provider, SeedContext } from './core/provider.js'
export type { FieldErrors, Rule, RuleInfo, RuleSource } from './core/rules.js'
export { type Scenario, ScenarioError, type ScenarioSource } from './core/scenario/registry.js'
export { openApiDocuments, openApiYamlDocuments } from './node/openapi-files.js'
export { BUNDLED_SCENARIOS_DIR } from './node/scenario-files.js'
export type { AymakanDb, AymakanOrderRecord } from './providers/aymakan/index.js'
export type { HamgamDb, HamgamItemRecord, HamgamOrderRecord, HamgamPaymentRecord } from './providers/hamgam/index.js'
export type { OmnitronDb, OrderItemRecord, OrderRecord } from './providers/omnitron/index.js'
export { type RunningServer, type ServerOptions, startServer } from './server.js'

export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version

/** Each provider's session state, for typed access from tests. */
export interface ProviderDbs {
  omnitron: OmnitronDb
  hamgam: HamgamDb
  aymakan: AymakanDb
}
export type ProviderName = keyof ProviderDbs

export interface CreateAppOptions extends AppOptions {
  /** Directory of scenario files. Default: the scenarios shipped with the package. */
  scenariosDir?: string
  /** Scenario texts to use instead of a directory (YAML or JSON), e.g. in a browser. */
  scenarioSources?: readonly ScenarioSource[]
  /** Scenario used when a request has no X-Mock-Scenario. Default `default`. */
  defaultScenario?: string
  /** Most sessions kept at once (least recently used evicted). Default 1000. */
  maxSessions?: number
  /** Requests kept in each session's journal (a ring buffer). Default 1000. */
  journalSize?: number
  /** Providers to mount. Default: all. */
  providers?: readonly AnyProvider[]
}

export interface MockApp extends Hono<MockEnv> {
  readonly engine: MockEngine
}

export function createEngine(options: CreateAppOptions = {}): MockEngine {
  const providers = options.providers ?? allProviders
  const scenarios: Map<string, Scenario> = options.scenarioSources
    ? buildScenarios(options.scenarioSources, providers)
    : loadScenarioDir(options.scenariosDir ?? BUNDLED_SCENARIOS_DIR, providers)
  return new MockEngine({
    providers,
    scenarios,
    ...(options.defaultScenario !== undefined && { defaultScenario: options.defaultScenario }),
    ...(options.maxSessions !== undefined && { maxSessions: options.maxSessions }),
    ...(options.journalSize !== undefined && { journalSize: options.journalSize }),
  })
}

/** The Hono app (fetch handler) with every provider and the admin API. Throws ScenarioError on bad scenario files. */
export function createApp(options: CreateAppOptions = {}): MockApp {
  const engine = createEngine(options)
  const app = buildApp(engine, { version: VERSION, ...options }) as Hono<MockEnv> & { engine: MockEngine }
  Object.defineProperty(app, 'engine', { value: engine, enumerable: false })
  return app
}

export interface SessionSelector {
  scenario?: string
  session?: string
}

export interface CreateMockOptions extends CreateAppOptions {
  /** The providers' base URLs your code calls, e.g. `{ omnitron: 'https://omnitron.example.com' }`. */
  baseUrls: Partial<Record<ProviderName, string>>
}

/** What tests use in-process: MSW handlers over the same app, plus direct access to sessions. */
export interface Mock {
  readonly app: MockApp
  readonly engine: MockEngine
  /** MSW request handlers: pass them to setupServer(...) or server.use(...). */
  readonly handlers: import('msw').RequestHandler[]
  /** Drops sessions so they re-seed: everything, one scenario, or one session. */
  reset(selector?: SessionSelector): number
  /** A session's live records for one provider, to arrange and to assert. */
  db<P extends ProviderName>(provider: P, selector?: SessionSelector): Promise<ProviderDbs[P]>
  /** A session's records as plain JSON, by provider and collection. */
  state(selector?: SessionSelector): Promise<Record<string, Record<string, unknown[]>>>
  /** Replaces a session's records with exported ones (all or nothing); throws listing every problem. */
  importState(state: unknown, selector?: SessionSelector): Promise<void>
  /** The session's journal, oldest first, filtered (method, path glob, status or `4xx`, provider, since, unmatched, limit). */
  requests(filter?: RequestFilter): Promise<JournalEntry[]>
  /** How many journaled requests match: `expect(await mock.countRequests({ method: 'PATCH' })).toBe(1)`. */
  countRequests(filter?: RequestFilter): Promise<number>
  clearRequests(selector?: SessionSelector): Promise<number>
  /** Freezes the session's clock (`{ now }`), shifts it (`{ offsetMs }`), or returns it to real time (`null`). */
  setClock(clock: { now: string } | { offsetMs: number } | null, selector?: SessionSelector): Promise<void>
}

export type RequestFilter = SessionSelector & {
  method?: string
  path?: string
  status?: number | string
  provider?: string
  since?: string
  unmatched?: boolean
  limit?: number
}

function journalFilter(f: RequestFilter): JournalFilter {
  const { scenario: _s, session: _id, ...raw } = f
  const parsed = parseJournalFilter(raw)
  if ('code' in parsed) throw new Error(parsed.detail)
  return parsed
}

/** The in-process mock. Needs `msw` installed (an optional peer dependency). */
export async function createMock(options: CreateMockOptions): Promise<Mock> {
  const app = createApp(options)
  const { createHandlers } = await import('./msw.js')
  const engine = app.engine
  const session = (s: SessionSelector = {}) =>
    engine.session(s.scenario ?? engine.defaultScenario, s.session ?? DEFAULT_SESSION)
  return {
    app,
    engine,
    handlers: createHandlers({ app, baseUrls: options.baseUrls }),
    reset: (s) => engine.reset(s),
    db: async (provider, s) => (await session(s)).dbs.get(provider) as never,
    state: async (s) => engine.state(await session(s)),
    async importState(state, s) {
      const problems = await engine.importState(await session(s), state)
      if (problems.length > 0) throw new Error(`State not imported (nothing changed):\n  - ${problems.join('\n  - ')}`)
    },
    requests: async (f = {}) => (await session(f)).journal.list(journalFilter(f)),
    countRequests: async (f = {}) => (await session(f)).journal.count(journalFilter(f)),
    clearRequests: async (s) => (await session(s)).journal.clear(),
    async setClock(clock, s) {
      const target = await session(s)
      if (clock === null) target.clock = undefined
      else if ('now' in clock) {
        const now = parseInstant(clock.now)
        if (!now) throw new Error(`setClock: "${clock.now}" is not an ISO 8601 instant with an offset`)
        target.clock = { frozen: now }
      } else target.clock = { offsetMs: clock.offsetMs }
    },
  }
}
