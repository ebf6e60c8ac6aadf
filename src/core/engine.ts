import { faker } from '@faker-js/faker/locale/en'
import type { AnyProvider } from './provider.js'
import { describeRule, type RuleInfo } from './rules.js'
import type { Scenario } from './scenario/registry.js'
import { type Session, SessionCache } from './sessions.js'

export interface EngineOptions {
  providers: readonly AnyProvider[]
  scenarios: ReadonlyMap<string, Scenario>
  /** Scenario used when a request names none. Default `default`. */
  defaultScenario?: string
  /** Most sessions kept at once (least recently used evicted). Default 1000. */
  maxSessions?: number
}

export const DEFAULT_SESSION = 'default'

/** Scenarios, sessions and providers: everything the transports share. Free of Node APIs. */
export class MockEngine {
  readonly providers: readonly AnyProvider[]
  readonly scenarios: ReadonlyMap<string, Scenario>
  readonly defaultScenario: string
  readonly sessions: SessionCache

  constructor(options: EngineOptions) {
    this.providers = options.providers
    this.scenarios = options.scenarios
    this.defaultScenario = options.defaultScenario ?? 'default'
    this.sessions = new SessionCache(options.maxSessions ?? 1000)
    if (!this.scenarios.has(this.defaultScenario)) {
      throw new Error(
        `Default scenario "${this.defaultScenario}" not found (known: ${[...this.scenarios.keys()].sort().join(', ') || 'none'})`,
      )
    }
  }

  provider(name: string): AnyProvider | undefined {
    return this.providers.find((p) => p.name === name)
  }

  scenarioNames(): string[] {
    return [...this.scenarios.keys()].sort()
  }

  /** The session's state, seeded from its scenario on first use. */
  session(scenarioName: string, sessionId: string = DEFAULT_SESSION): Promise<Session> {
    const scenario = this.scenarios.get(scenarioName)
    if (!scenario) return Promise.reject(new Error(`Unknown scenario "${scenarioName}"`))
    const key = SessionCache.key(scenarioName, sessionId)
    return this.sessions.get(key, () => this.#seed(key, scenario, sessionId))
  }

  async #seed(key: string, scenario: Scenario, id: string): Promise<Session> {
    const dbs = new Map<string, unknown>()
    for (const provider of this.providers) {
      // One stream of random values per provider, so adding a provider or a
      // record to another provider's section never changes this one's data.
      // Providers generate synchronously before their first await (the faker is shared).
      faker.seed(seedFor(scenario.seed, provider.name))
      faker.setDefaultRefDate(scenario.refDate)
      dbs.set(provider.name, await provider.seed(scenario.providers[provider.name], { faker, refDate: scenario.refDate }))
    }
    return { key, id, scenario, dbs, createdAt: new Date() }
  }

  /** Drops sessions so the next request re-seeds them. */
  reset(filter?: { scenario?: string; session?: string }): number {
    return this.sessions.drop(filter)
  }

  /** A session's records as plain JSON, by provider and collection. */
  state(session: Session): Record<string, Record<string, unknown[]>> {
    const out: Record<string, Record<string, unknown[]>> = {}
    for (const provider of this.providers) out[provider.name] = provider.snapshot(session.dbs.get(provider.name))
    return out
  }

  rules(): RuleInfo[] {
    return this.providers.flatMap((p) => p.rules.map(describeRule))
  }
}

/** FNV-1a over the provider name, mixed with the scenario seed. */
function seedFor(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ seed
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193)
  return h >>> 0
}
