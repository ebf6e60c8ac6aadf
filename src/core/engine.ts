import type { Faker } from '@faker-js/faker'
import { type Instant, instantFromDate, MAX_INSTANT, MIN_INSTANT, shiftInstant } from './clock.js'
import { type Control, readControl, unknownControlHeader } from './control.js'
import { FaultState } from './faults.js'
import { DEFAULT_MAX_JOURNAL_BYTES, Journal, JournalBudget } from './journal.js'
import type { Problem } from './problem.js'
import type { AnyProvider, SeedContext } from './provider.js'
import { describeRule, type RuleInfo } from './rules.js'
import { sameData } from './same-data.js'
import { builtSeeds, type Scenario } from './scenario/registry.js'
import { type Session, SessionCache } from './sessions.js'
import { Delays } from './sleep.js'
import { Stores } from './store.js'
import type { SeedTemplate } from './table.js'

export interface EngineOptions {
  providers: readonly AnyProvider[]
  scenarios: ReadonlyMap<string, Scenario>
  /** Scenario used when a request names none. Default `default`. */
  defaultScenario?: string
  /** Most sessions kept at once (least recently used evicted). Default 1000. */
  maxSessions?: number
  /** Journal entries kept per session (a ring buffer). Default 1000. */
  journalSize?: number
  /** Let unknown `X-Mock-*` request headers through instead of answering 400. Default false. */
  lenientHeaders?: boolean
  /** Bytes all sessions' journals hold together; past it the oldest entries go first. Default 256 MiB. */
  maxJournalBytes?: number
  /** Things an operator should hear about (the CLI logs them): today, a session evicted by the LRU. */
  onEvent?: (event: MockEvent) => void
}

export type MockEvent = {
  type: 'session-evicted'
  scenario: string
  session: string
  maxSessions: number
  message: string
}

export const DEFAULT_SESSION = 'default'
/** A state import lists at most this many problems, then stops checking. */
export const MAX_IMPORT_PROBLEMS = 100
const DEFAULT_MAX_JSON_DEPTH = 512

/** Scenarios, sessions and providers: everything the transports share. Free of Node APIs. */
export class MockEngine {
  readonly providers: readonly AnyProvider[]
  readonly scenarios: ReadonlyMap<string, Scenario>
  readonly defaultScenario: string
  readonly sessions: SessionCache
  readonly journalSize: number
  readonly lenientHeaders: boolean
  readonly journalBudget: JournalBudget
  readonly #delays = new Delays()
  /** Each scenario's seeded records by provider (small seeds only): a scenario's next sessions copy them. */
  readonly #templates = new WeakMap<Scenario, Map<string, SeedTemplate>>()

  constructor(options: EngineOptions) {
    this.providers = options.providers
    this.scenarios = options.scenarios
    this.defaultScenario = options.defaultScenario ?? 'default'
    this.journalBudget = new JournalBudget(options.maxJournalBytes ?? DEFAULT_MAX_JOURNAL_BYTES)
    const onEvent = options.onEvent
    this.sessions = new SessionCache(options.maxSessions ?? 1000, (evicted) => {
      // Its journal's bytes go back to the budget; its state goes with it.
      evicted.journal.clear()
      onEvent?.({
        type: 'session-evicted',
        scenario: evicted.scenario.name,
        session: evicted.id,
        maxSessions: this.sessions.max,
        message: evictionText(evicted.scenario.name, evicted.id, this.sessions.max),
      })
    })
    this.journalSize = options.journalSize ?? 1000
    this.lenientHeaders = options.lenientHeaders ?? false
    if (!Number.isInteger(this.journalSize) || this.journalSize < 1)
      throw new Error(`journalSize must be a positive integer, got ${this.journalSize}`)
    if (!this.scenarios.has(this.defaultScenario)) {
      throw new Error(
        `Default scenario "${this.defaultScenario}" not found (known: ${[...this.scenarios.keys()].sort().join(', ') || 'none'})`,
      )
    }
  }
  /** The request's control headers (scenario, session, clock), or the problem that one of them is. */
  readControl(headers: Headers): Control | Problem {
    const unknown = this.lenientHeaders ? undefined : unknownControlHeader(headers)
    if (unknown) return unknown
    return readControl(headers, { scenario: this.defaultScenario, session: DEFAULT_SESSION }, this.scenarios)
  }

  /**
   * Ends every pending injected delay at once (the requests are then answered
   * as usual) and every later one before it starts: the server's close() calls
   * it, so a shutdown never waits out a minute-long X-Mock-Delay.
   */
  shutdown(): void {
    this.#delays.endAll()
  }

  get stopping(): boolean {
    return this.#delays.ended
  }

  /** An injected delay: `ms` milliseconds, or less if the mock shuts down meanwhile. */
  delay(ms: number): Promise<void> {
    return this.#delays.wait(ms)
  }

  /** Requests waiting on an injected delay right now (GET /__mock/health). */
  get delaying(): number {
    return this.#delays.size
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
    const stores = new Stores()
    let templates = this.#templates.get(scenario)
    if (!templates) this.#templates.set(scenario, (templates = this.#builtTemplates(scenario)))
    for (const provider of this.providers) {
      let template = templates.get(provider.name)
      if (!template) templates.set(provider.name, (template = {}))
      const section = scenario.providers[provider.name]
      const faker = template.records || template.json !== undefined ? undefined : await fakerModule()
      stores.set(provider.store, await provider.seed(section, seedContext(scenario, provider.name, template, faker)))
    }
    const evicted = this.sessions.takeEvicted(key)
    return {
      key,
      id,
      scenario,
      stores,
      createdAt: new Date(),
      journal: new Journal(this.journalSize, this.journalBudget),
      ...(evicted && {
        warning: `${evictionText(scenario.name, id, this.sessions.max)}; its state was re-seeded from the scenario`,
      }),
      // Every session of a scenario draws the same sequence: a probability fault repeats run after run.
      faults: new FaultState(seedFor(scenario.seed, 'faults')),
      clock: undefined,
      writes: 0,
    }
  }

  /**
   * Templates for a scenario's first session from the records the build seeded
   * (src/generated): the scenario's own if it is a bundled one, else, provider
   * by provider, those of a bundled scenario that seeds the same: the same
   * seed, refDate and section (a user's `extends: default` that changes one
   * provider seeds the other two as `default` does).
   */
  #builtTemplates(scenario: Scenario): Map<string, SeedTemplate> {
    const templates = new Map<string, SeedTemplate>()
    const own = builtSeeds(scenario)
    for (const { name } of this.providers) {
      let json = own?.[name]
      for (const other of json === undefined ? this.scenarios.values() : []) {
        const seeds = other === scenario ? undefined : builtSeeds(other)
        if (
          seeds?.[name] !== undefined &&
          other.seed === scenario.seed &&
          other.refDate.getTime() === scenario.refDate.getTime() &&
          sameData(other.providers[name], scenario.providers[name])
        ) {
          json = seeds[name]
          break
        }
      }
      if (json !== undefined) templates.set(name, { json })
    }
    return templates
  }

  /** Drops sessions so the next request re-seeds them. */
  reset(filter?: { scenario?: string; session?: string }): number {
    return this.sessions.drop(filter)
  }

  /** A session's records as plain JSON, by provider and collection. */
  state(session: Session): Record<string, Record<string, unknown[]>> {
    const out: Record<string, Record<string, unknown[]>> = {}
    for (const provider of this.providers) {
      const tables = provider.tables(session.stores.get(provider.store))
      out[provider.name] = Object.fromEntries(Object.entries(tables).map(([name, table]) => [name, table.snapshot()]))
    }
    return out
  }

  /**
   * Replaces a session's records with exported ones (PUT /__mock/state): every
   * collection given is validated against its schema first, and nothing is
   * replaced unless all are valid. Collections not given keep their records.
   * Returns the problems found (empty: imported): the first 100, then a line
   * saying validation stopped there.
   */
  async importState(session: Session, state: unknown): Promise<string[]> {
    if (typeof state !== 'object' || state === null || Array.isArray(state))
      return ['state: expected an object of providers']
    const plan: { table: { prepareReplace(rows: readonly unknown[]): Promise<() => void> }; rows: unknown[] }[] = []
    const problems: string[] = []
    const budget = { left: MAX_IMPORT_PROBLEMS, checked: 0, maxDepth: 0 }
    let total = 0
    for (const [providerName, collections] of Object.entries(state)) {
      const provider = this.provider(providerName)
      if (!provider) {
        if (problems.length < MAX_IMPORT_PROBLEMS)
          problems.push(`${providerName}: unknown provider (known: ${this.providers.map((p) => p.name).join(', ')})`)
        continue
      }
      if (typeof collections !== 'object' || collections === null || Array.isArray(collections)) {
        if (problems.length < MAX_IMPORT_PROBLEMS) problems.push(`${providerName}: expected an object of collections`)
        continue
      }
      const tables = provider.tables(session.stores.get(provider.store))
      for (const [name, rows] of Object.entries(collections as Record<string, unknown>)) {
        const table = Object.hasOwn(tables, name) ? tables[name] : undefined
        if (!table) {
          if (problems.length < MAX_IMPORT_PROBLEMS)
            problems.push(`${providerName}.${name}: unknown collection (known: ${Object.keys(tables).join(', ')})`)
          continue
        }
        if (Array.isArray(rows)) total += rows.length
        if (budget.left <= 0) continue
        budget.maxDepth = provider.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH
        const found = await table.check(rows, `${providerName}.${name}`, budget)
        problems.push(...found)
        if (found.length === 0) plan.push({ table, rows: rows as unknown[] })
      }
    }
    if (budget.left <= 0)
      problems.push(
        `(validation stopped after the first ${MAX_IMPORT_PROBLEMS} problems, ${budget.checked} of ${total} records checked)`,
      )
    if (problems.length > 0) return problems
    const swaps = await Promise.all(plan.map(({ table, rows }) => table.prepareReplace(rows)))
    for (const swap of swaps) swap()
    return []
  }

  /** "Now" for a request of this session: X-Mock-Now, else the session clock, else the scenario's, else real time. */
  now(session: Session, requested?: Instant): Instant {
    if (requested) return requested
    const clock = session.clock
    if (clock && 'frozen' in clock) return clock.frozen
    const base = this.baseNow(session)
    if (!clock?.offsetMs) return base
    // The offset was checked against the range when set; real time moving on can only nudge it past the edge.
    return shiftInstant(base, clock.offsetMs) ?? (clock.offsetMs > 0 ? MAX_INSTANT : MIN_INSTANT)
  }

  /** What a clock offset shifts: the scenario's `now`, else real time. */
  baseNow(session: Session): Instant {
    return session.scenario.now ?? instantFromDate(new Date())
  }

  rules(): RuleInfo[] {
    return this.providers.flatMap((p) => p.rules.map(describeRule))
  }
}

/**
 * faker and the part of its English locale the seeds read (~250 KB of code and
 * data), loaded by the first seed that draws: a session seeded from a template
 * (every session of a bundled scenario, whose first seed the build made) never
 * needs it.
 */
let fakerLoaded: Promise<FakerModule> | undefined
type FakerModule = typeof import('./seeded-faker.js')
function fakerModule(): Promise<FakerModule> {
  fakerLoaded ??= import('./seeded-faker.js')
  return fakerLoaded
}

/** Each provider's template for a scenario's first session, as `#seed` makes them (the build stores the bundled scenarios'). */
export async function firstSeedTemplates(
  scenario: Scenario,
  providers: readonly AnyProvider[],
): Promise<Record<string, SeedTemplate>> {
  const faker = await fakerModule()
  const out: Record<string, SeedTemplate> = {}
  for (const provider of providers) {
    const template: SeedTemplate = {}
    await provider.seed(scenario.providers[provider.name], seedContext(scenario, provider.name, template, faker))
    out[provider.name] = template
  }
  return out
}

/**
 * What a provider's seed gets: the faker is made on first use (a session copied
 * from the template draws nothing, and then faker's module is not loaded).
 */
function seedContext(
  scenario: Scenario,
  provider: string,
  template: SeedTemplate,
  fakers: FakerModule | undefined,
): SeedContext {
  let faker: Faker | undefined
  return {
    get faker() {
      if (!fakers) throw new Error(`${provider}: a seed from its template drew from the faker`)
      // One stream of random values per provider, so adding a provider or a
      // record to another provider's section never changes this one's data.
      faker ??= fakers.seededFaker(seedFor(scenario.seed, provider), scenario.refDate)
      return faker
    },
    refDate: scenario.refDate,
    template,
  }
}

function evictionText(scenario: string, session: string, max: number): string {
  return `session "${session}" of scenario "${scenario}" was evicted (least recently used; --max-sessions ${max})`
}

/** FNV-1a over the provider name, mixed with the scenario seed. */
function seedFor(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ seed
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193)
  return h >>> 0
}
