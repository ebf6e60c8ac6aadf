import type { RequestHandler } from 'msw'
import { parseClockSetting } from './core/clock-setting.js'
import { isSessionId, SESSION_ID_RULE } from './core/control.js'
import { DEFAULT_SESSION, type MockEngine } from './core/engine.js'
import { type JournalEntry, type JournalFilter, parseJournalFilter } from './core/journal.js'
import { MockProblemError } from './core/problem.js'
import type { Session } from './core/sessions.js'
import { Table } from './core/table.js'
import { type CreateAppOptions, createApp, type MockApp } from './create-app.js'
import type { ProviderDbs, ProviderName, ProviderState } from './providers/index.js'

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
  readonly handlers: RequestHandler[]
  /** Drops sessions so they re-seed: everything, one scenario, or one session. */
  reset(selector?: SessionSelector): number
  /**
   * A session's live records for one provider, to arrange and to assert. The
   * handle belongs to that session: once `reset()` (or eviction) drops it,
   * using the handle throws instead of reading records no request sees.
   */
  db<P extends ProviderName>(provider: P, selector?: SessionSelector): Promise<ProviderDbs[P]>
  /** A session's records as plain JSON, by provider and collection. */
  state(selector?: SessionSelector): Promise<ProviderState>
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
  const session = (s?: SessionSelector) => {
    const { scenario, session } = checkedSelector(s)
    return engine.session(scenario ?? engine.defaultScenario, session ?? DEFAULT_SESSION)
  }
  return {
    app,
    engine,
    handlers: createHandlers({ app, baseUrls: options.baseUrls }),
    reset: (s) => engine.reset(s === undefined ? undefined : checkedSelector(s)),
    async db(provider, s) {
      const entry = session(s)
      const target = await entry
      // Valid while the session cache still holds this very entry (not dropped by reset, not evicted, not re-seeded).
      const isLive = () => engine.sessions.peek(target.key) === entry
      return sessionBound(storeOf(engine, target, provider), isLive, () => droppedMessage(provider, target))
    },
    // engine.state gives every mounted provider's collections by name: the providers' own tables, as ProviderState derives them.
    state: async (s) => engine.state(await session(s)) as ProviderState,
    async importState(state, s) {
      const problems = await engine.importState(await session(s), state)
      if (problems.length > 0) throw new Error(`State not imported (nothing changed):\n  - ${problems.join('\n  - ')}`)
    },
    requests: async (f = {}) => (await session(f)).journal.list(journalFilter(f)),
    countRequests: async (f = {}) => (await session(f)).journal.count(journalFilter(f)),
    clearRequests: async (s) => (await session(s)).journal.clear(),
    async setClock(clock, s) {
      const target = await session(s)
      if (clock === null) {
        target.clock = undefined
        return
      }
      // The same check as PUT /__mock/clock: a value the server refuses is refused here with its problem.
      const parsed = parseClockSetting(clock, engine.baseNow(target))
      if ('code' in parsed) throw new MockProblemError(parsed)
      target.clock = parsed
    },
  }
}

/**
 * A selector as the caller gave it, checked as the control headers are over HTTP: an object whose
 * `scenario` and `session` are strings when given, the session id by X-Mock-Session's rule. A
 * selector that is not one is refused here, never coerced (an object session id would have
 * named the session "[object Object]").
 */
function checkedSelector(s: unknown): SessionSelector {
  if (s === undefined) return {}
  if (typeof s !== 'object' || s === null || Array.isArray(s))
    throw new TypeError(`A session selector is an object ({ scenario?, session? }), got ${describe(s)}`)
  // Own keys only: an inherited `session` (a prototype's) selects nothing.
  const own = (k: string) => (Object.hasOwn(s, k) ? (s as Record<string, unknown>)[k] : undefined)
  const scenario = own('scenario')
  const session = own('session')
  if (scenario !== undefined && typeof scenario !== 'string')
    throw new TypeError(`A selector's scenario is a scenario name (a string), got ${describe(scenario)}`)
  if (session !== undefined && (typeof session !== 'string' || !isSessionId(session)))
    throw new TypeError(
      `A selector's session is a session id of ${SESSION_ID_RULE}, as X-Mock-Session's, got ${describe(session)}`,
    )
  return { ...(scenario !== undefined && { scenario }), ...(session !== undefined && { session }) }
}

const describe = (v: unknown) =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'an array'
      : typeof v === 'string'
        ? `"${v.slice(0, 40)}${v.length > 40 ? '…' : ''}" (${v.length} characters)`
        : typeof v

/** A session's store for a provider named by the caller. */
function storeOf<P extends ProviderName>(engine: MockEngine, session: Session, name: P): ProviderDbs[P] {
  const provider = engine.provider(name)
  if (!provider)
    throw new Error(`Provider "${name}" is not mounted (mounted: ${engine.providers.map((p) => p.name).join(', ')})`)
  // ProviderDbs is derived from the providers' own store keys; the name picks one of them.
  return session.stores.get(provider.store) as ProviderDbs[P]
}

function droppedMessage(provider: string, session: Session): string {
  return (
    `This ${provider} db handle belongs to session "${session.id}" of scenario "${session.scenario.name}", ` +
    'which mock.reset() (or eviction) has dropped: the next request seeds a new one. ' +
    `Take a new handle after the reset: await mock.db('${provider}'${session.id === DEFAULT_SESSION ? '' : `, { session: '${session.id}' }`}).`
  )
}

const TABLE_WRITES = 'change records with patch, insert, replace or delete, which validate'

/**
 * Table members the seeding and the state import use, which store records
 * without validating them (or hand out @msw/data's own collection, whose
 * writes skip the table): a test that reached them could store what every
 * later answer fails on. Through a db handle they throw, naming what to use.
 */
const SEEDING_ONLY: Record<string, string> = {
  adopt: `it stores records unvalidated; ${TABLE_WRITES}`,
  prepareReplace: 'use mock.importState(state), which checks every record first',
  collection: `its writes skip the table's checks and indexes; read with get, all or findMany, and ${TABLE_WRITES}`,
}

/**
 * The store, and each table in it, behind a guard that throws once the
 * session is gone. Methods are bound to the real object (tables keep private
 * fields, which a proxy receiver cannot reach).
 */
function sessionBound<T extends object>(target: T, isLive: () => boolean, message: () => string): T {
  const wrapped = new WeakMap<object, object>()
  const guard = <O extends object>(object: O): O =>
    new Proxy(object, {
      get(obj, prop) {
        if (!isLive()) throw new Error(message())
        if (obj instanceof Table && typeof prop === 'string' && Object.hasOwn(SEEDING_ONLY, prop))
          throw new Error(`db.<collection>.${prop} is the seeding's own: ${SEEDING_ONLY[prop]}`)
        const value = Reflect.get(obj, prop, obj)
        if (typeof value === 'function') return value.bind(obj)
        if (value instanceof Table) {
          let proxy = wrapped.get(value)
          if (!proxy) wrapped.set(value, (proxy = guard(value)))
          return proxy
        }
        return value
      },
      set(obj, prop, value) {
        if (!isLive()) throw new Error(message())
        // A table's methods are the app's too: replacing one through a handle would break every request.
        if (obj instanceof Table) throw new Error(`db.<collection>.${String(prop)} cannot be assigned: ${TABLE_WRITES}`)
        return Reflect.set(obj, prop, value, obj)
      },
    })
  return guard(target)
}
