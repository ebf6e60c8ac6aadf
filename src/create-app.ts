import type { Hono } from 'hono'
import { type AppOptions, buildApp } from './app.js'
import type { MockEnv } from './core/context.js'
import { MockEngine, type MockEvent } from './core/engine.js'
import type { AnyProvider } from './core/provider.js'
import {
  buildScenarios,
  type PrecompiledScenario,
  type PrecompiledScenarios,
  type ScenarioSource,
} from './core/scenario/registry.js'
import { PRECOMPILED_SCENARIOS_JSON, PRECOMPILED_SEEDS } from './generated/precompiled-scenarios.js'
import { BUNDLED_SCENARIO_SOURCES } from './generated/scenarios.js'
import { VERSION } from './generated/version.js'
import { allProviders } from './providers/index.js'

export interface CreateAppOptions extends AppOptions {
  /**
   * Your own scenario texts (YAML or JSON). They layer over the bundled
   * scenarios: a scenario of the same name replaces the bundled one, and
   * `extends: default` builds on the bundled `default`.
   */
  scenarioSources?: readonly ScenarioSource[]
  /** Set false to serve only `scenarioSources`, without the bundled scenarios. Default true. */
  bundledScenarios?: boolean
  /** Scenario used when a request has no X-Mock-Scenario. Default `default`. */
  defaultScenario?: string
  /** Most sessions kept at once (least recently used evicted). Default 1000. */
  maxSessions?: number
  /** Requests kept in each session's journal (a ring buffer). Default 1000. */
  journalSize?: number
  /** Let unknown `X-Mock-*` request headers through instead of answering 400 (CLI: --lenient-headers). Default false. */
  lenientHeaders?: boolean
  /** Bytes all sessions' journals hold together (oldest entries dropped first). Default 256 MiB. */
  maxJournalBytes?: number
  /** Operator events (a session evicted by the LRU), e.g. to log them. */
  onEvent?: (event: MockEvent) => void
  /** Providers to mount. Default: all. */
  providers?: readonly AnyProvider[]
}

export interface MockApp extends Hono<MockEnv> {
  readonly engine: MockEngine
}

/** The scenario sources an app serves: the bundled ones (unless switched off), then the user's. */
export function scenarioSourcesOf(options: Pick<CreateAppOptions, 'scenarioSources' | 'bundledScenarios'>) {
  const own = (options.scenarioSources ?? []).map((s) => ({ ...s, origin: s.origin ?? ('user' as const) }))
  return options.bundledScenarios === false ? own : [...BUNDLED_SCENARIO_SOURCES, ...own]
}

/**
 * The bundled files as the build parsed, validated and seeded them, by text;
 * fresh objects for each app. The build mounted every provider, so they stand
 * only for an app that mounts them all.
 */
function precompiledFor(providers: readonly AnyProvider[]): PrecompiledScenarios | undefined {
  if (providers.length !== allProviders.length || !allProviders.every((p, i) => providers[i] === p)) return undefined
  const texts = new Map(BUNDLED_SCENARIO_SOURCES.map((s) => [s.file, s.text]))
  const byText = new Map<string, PrecompiledScenario>()
  type Stored = Omit<PrecompiledScenario, 'seeds'> & { seeds?: Record<string, number> }
  for (const { seeds, ...pre } of JSON.parse(PRECOMPILED_SCENARIOS_JSON) as Stored[]) {
    const text = texts.get(pre.file)
    if (text === undefined) continue
    const seedTexts = seeds && Object.entries(seeds).map(([provider, i]) => [provider, PRECOMPILED_SEEDS[i]!] as const)
    byText.set(text, { ...pre, ...(seedTexts && { seeds: Object.fromEntries(seedTexts) }) })
  }
  return byText
}

export function createEngine(options: CreateAppOptions = {}): MockEngine {
  const providers = options.providers ?? allProviders
  return new MockEngine({
    providers,
    scenarios: buildScenarios(scenarioSourcesOf(options), providers, precompiledFor(providers)),
    ...(options.defaultScenario !== undefined && { defaultScenario: options.defaultScenario }),
    ...(options.maxSessions !== undefined && { maxSessions: options.maxSessions }),
    ...(options.journalSize !== undefined && { journalSize: options.journalSize }),
    ...(options.lenientHeaders !== undefined && { lenientHeaders: options.lenientHeaders }),
    ...(options.maxJournalBytes !== undefined && { maxJournalBytes: options.maxJournalBytes }),
    ...(options.onEvent && { onEvent: options.onEvent }),
  })
}

/** The Hono app (fetch handler) with every provider and the admin API. Throws ScenarioError on bad scenario files. */
export function createApp(options: CreateAppOptions = {}): MockApp {
  return appFor(createEngine(options), options)
}

/** The app around an engine already built (the Node server builds its engine before it loads node-server). */
export function appFor(engine: MockEngine, options: AppOptions = {}): MockApp {
  const app = buildApp(engine, { version: VERSION, ...options }) as Hono<MockEnv> & { engine: MockEngine }
  Object.defineProperty(app, 'engine', { value: engine, enumerable: false })
  return app
}
