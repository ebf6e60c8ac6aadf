import type { Instant } from './clock.js'
import type { FaultState } from './faults.js'
import type { Journal } from './journal.js'
import type { Scenario } from './scenario/registry.js'
import type { Stores } from './store.js'

/** A session's clock (PUT /__mock/clock): frozen at an instant, or real time shifted by an offset. */
export type SessionClock = { frozen: Instant } | { offsetMs: number } | undefined

/** One isolated copy of a scenario's state: what X-Mock-Session selects. */
export interface Session {
  readonly key: string
  readonly id: string
  readonly scenario: Scenario
  /** Each provider's records, read through the provider's typed key. */
  readonly stores: Stores
  readonly createdAt: Date
  readonly journal: Journal
  readonly faults: FaultState
  clock: SessionClock
  /** How many writes took effect in this session (numbers them for the journal). */
  writes: number
  /** Set when this session replaces one evicted earlier: its next answer carries it as X-Mock-Warning. */
  warning?: string
}

/**
 * Sessions by (scenario, session id), least recently used evicted past `max`,
 * so a long-running container touched by many test runs stays bounded.
 * Seeding is async: concurrent first requests share one pending seed.
 */
export class SessionCache {
  readonly #entries = new Map<string, Promise<Session>>()
  /** Keys evicted and not seen since (bounded: the oldest forgotten first), so their next request can be told. */
  readonly #evicted = new Set<string>()
  #evictions = 0

  constructor(
    readonly max: number,
    private readonly onEvict: (session: Session) => void = () => undefined,
  ) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`maxSessions must be a positive integer, got ${max}`)
  }

  /** Sessions evicted since start (GET /__mock/health). */
  get evictions(): number {
    return this.#evictions
  }

  /** Whether `key` was evicted and has not been seen since; forgets it (the warning is given once). */
  takeEvicted(key: string): boolean {
    return this.#evicted.delete(key)
  }

  static key(scenario: string, session: string): string {
    return `${scenario}\u0000${session}`
  }

  get(key: string, create: () => Promise<Session>): Promise<Session> {
    let entry = this.#entries.get(key)
    if (entry) {
      // Refresh recency: Map iteration order is insertion order.
      this.#entries.delete(key)
      this.#entries.set(key, entry)
      return entry
    }
    entry = create()
    entry.catch(() => this.#entries.get(key) === entry && this.#entries.delete(key))
    this.#entries.set(key, entry)
    while (this.#entries.size > this.max) {
      const [oldKey, oldEntry] = this.#entries.entries().next().value!
      this.#entries.delete(oldKey)
      this.#evictions++
      this.#evicted.add(oldKey)
      if (this.#evicted.size > this.max * 10) this.#evicted.delete(this.#evicted.values().next().value!)
      oldEntry.then(this.onEvict, () => undefined)
    }
    return entry
  }

  peek(key: string): Promise<Session> | undefined {
    return this.#entries.get(key)
  }

  /** Drops sessions; with no filter, all of them. Returns how many were dropped. */
  drop(filter?: { scenario?: string; session?: string }): number {
    let n = 0
    // A reset session re-seeds because it was asked to: its next request is not told of an earlier eviction.
    for (const key of [...this.#evicted]) {
      const [scenario, session] = key.split('\u0000') as [string, string]
      if (filter?.scenario !== undefined && filter.scenario !== scenario) continue
      if (filter?.session !== undefined && filter.session !== session) continue
      this.#evicted.delete(key)
    }
    for (const key of [...this.#entries.keys()]) {
      const [scenario, session] = key.split('\u0000') as [string, string]
      if (filter?.scenario !== undefined && filter.scenario !== scenario) continue
      if (filter?.session !== undefined && filter.session !== session) continue
      // A dropped session's journal gives its bytes back to the shared budget.
      this.#entries.get(key)!.then(
        (dropped) => dropped.journal.clear(),
        () => undefined,
      )
      this.#entries.delete(key)
      n++
    }
    return n
  }

  /** Every session (pending seeds included), least recently used first. */
  entries(): IterableIterator<Promise<Session>> {
    return this.#entries.values()
  }

  get size(): number {
    return this.#entries.size
  }
}
