import type { Context } from 'hono'
import type { Instant } from './clock.js'
import type { AppliedFault } from './faults.js'
import type { Scenario } from './scenario/registry.js'
import type { Session } from './sessions.js'
import type { StoreKey } from './store.js'

/** What the control layer resolved for one request; provider routes read it from `c.get('mock')`. */
export interface RequestContext {
  readonly scenario: Scenario
  readonly session: Session
  /** "Now" for this request: X-Mock-Now, else the scenario's frozen clock, else real time. */
  readonly now: Instant
  /** Absolute URL of the provider's root as the client sees it (for Location and pagination links). */
  readonly publicBase: string
  /** Where the provider is mounted inside the app (`/omnitron`); request paths start with it. */
  readonly mountPath: string
  /** Largest body this request may send (bytes). */
  readonly maxBodyBytes: number
  /** Rule ids that rejected (part of) this request (kept for the journal and X-Mock-Rules). */
  readonly fired: string[]
  /** Rule ids that derived changes; listed only when the write committed (writeSeq set). */
  readonly derived: string[]
  /** The provider this request is for. */
  readonly provider: string
  /** The request body, read once by the control layer (within the size limit). */
  readonly body: Uint8Array
  /** Set by a provider's fallback route: no route matched; the closest known ones. */
  unmatched?: { closest: string[] }
  /** Set when this request changed state: its place in the session's order of writes. */
  writeSeq?: number
  /** Set when a fault was applied to this request (the request log names it). */
  fault?: AppliedFault
  /** The mock's own hints about this request (journal only; the response carries them as X-Mock-Error). */
  notes?: string[]
}

/** Hono environment shared by every route of the mock. */
export interface MockEnv {
  Bindings: {
    /** Set by the MSW adapter: the provider's real base URL the request was sent to. */
    mockPublicBase?: string
    /**
     * Set by the Node server: the request's header lines as Node read them (name, value, name, …),
     * read into a PlainHeaders once instead of iterating the platform's Headers (see control-layer.ts).
     */
    mockRawHeaders?: readonly string[]
    /** Set by the Node server: reads the body straight from the socket (cheaper than the Web stream). */
    mockReadBody?: (
      limit: number,
      tooLarge?: (limit: number) => Response,
    ) => Promise<{ ok: true; bytes: Uint8Array } | { ok: false; response: Response }>
  }
  Variables: {
    mock: RequestContext
  }
}

/** The request path relative to the provider's root, e.g. `/api/v1/orders/1/`. */
export function providerPath(c: Context<MockEnv>): string {
  return c.req.path.slice(c.get('mock').mountPath.length) || '/'
}

/** The URL as the client sent it: its own host and base path (pagination links, redirects). */
export function publicUrl(c: Context<MockEnv>, path: string = providerPath(c)): URL {
  const search = new URL(c.req.url).search
  return new URL(`${c.get('mock').publicBase.replace(/\/$/, '')}${path}${search}`)
}

/** What a provider's write needs from its request: its records, the clock, the scenario's switched-off rules, the fired-rules log. */
export interface WriteScope<Db> {
  readonly db: Db
  readonly now: Instant
  readonly disabledRules: ReadonlySet<string>
  readonly fired: string[]
  readonly derived: string[]
  /**
   * Call right after the state changed (synchronously with the change): the
   * journal then knows the order writes took effect, which is the order a
   * replay must follow, whatever order the answers left in.
   */
  committed(): void
}

export function writeScope<Db>(c: Context<MockEnv>, store: StoreKey<Db>): WriteScope<Db> {
  const mock = c.get('mock')
  return {
    db: mock.session.stores.get(store),
    now: mock.now,
    disabledRules: mock.scenario.disabledRules,
    fired: mock.fired,
    derived: mock.derived,
    committed: () => {
      mock.writeSeq = ++mock.session.writes
    },
  }
}
