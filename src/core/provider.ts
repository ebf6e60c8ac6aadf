import type { Faker } from '@faker-js/faker'
import type { Hono } from 'hono'
import type { z } from 'zod'
import type { MockEnv } from './context.js'
import type { ApiSpec } from './openapi/spec.js'
import type { Rule } from './rules.js'
import type { StoreKey } from './store.js'
import type { SeedTemplate, Table } from './table.js'

export interface SeedContext {
  /**
   * Seeded for this provider and scenario: the same scenario gives the same
   * records on every run. Made on first use (a session seeded from the
   * scenario's template draws nothing): read it where a value is drawn.
   */
  readonly faker: Faker
  /** Base instant for generated dates (the scenario's refDate). */
  refDate: Date
  /** The scenario's seeded records for this provider, kept for its next sessions (pass it to `Table.seed`). */
  template?: SeedTemplate
}

/**
 * Everything the engine knows about a provider. A provider is one folder
 * (schemas, seed, rules, routes, serializers); adding one touches nothing in core.
 */
// biome-ignore lint/suspicious/noExplicitAny: a provider's tables have their own schemas; core only exports and imports them
export type AnyTables = Record<string, Table<any, any>>

export interface Provider<
  Section = unknown,
  Db = unknown,
  Name extends string = string,
  Tables extends AnyTables = AnyTables,
> {
  /** Mount prefix on the standalone server (`/<name>`), key of its scenario section. */
  readonly name: Name
  readonly title: string
  /** Validates this provider's section of a scenario file. */
  readonly scenarioSchema: z.ZodType<Section>
  /** Builds one session's records from the scenario section (absent section: the provider's defaults). */
  seed(section: Section | undefined, ctx: SeedContext): Promise<Db>
  /** The typed handle its routes and rules read the session's store with. */
  readonly store: StoreKey<Db>
  /** Request headers that carry its secrets: the journal never keeps their values. */
  readonly secretHeaders: readonly string[]
  /** The session's record tables by collection name: exported and imported by /__mock/state. */
  tables(db: Db): Tables
  /** An error answer in the provider's own format, for an injected fault status (X-Mock-Fault: 503). */
  errorResponse(status: number, method: string, retryAfterSeconds?: number): Response
  /** The provider's HTTP surface, relative to its base URL. */
  readonly routes: Hono<MockEnv>
  /** The provider's named business rules (GET /__mock/rules). */
  readonly rules: readonly Rule[]
  /**
   * The deepest JSON its framework decodes (Python's recursion limit, PHP's
   * json_decode depth): a state import nesting a record deeper is refused, as
   * a request body would be. Default 512.
   */
  readonly maxJsonDepth?: number
  /** Its operations, for its OpenAPI document (GET /__mock/openapi/<name>.json). */
  readonly openapi?: ApiSpec
}

// biome-ignore lint/suspicious/noExplicitAny: the engine holds providers of every section and store type
export type AnyProvider = Provider<any, any, string, AnyTables>

/** The store type a provider declares. */
export type StoreOf<P> = P extends { readonly store: StoreKey<infer Db> } ? Db : never

/** A provider's state as `/__mock/state` and `mock.state()` give it: each collection's records as plain JSON. */
export type StateOf<P> = P extends { tables(db: never): infer T }
  ? { [C in keyof T]: T[C] extends { snapshot(): infer Rows } ? Rows : never }
  : never

/** Declares a provider, keeping its name and collections as literal types (so `ProviderDbs` and `ProviderState` derive from the list). */
export function defineProvider<const Name extends string, Section, Db, Tables extends AnyTables>(
  provider: Provider<Section, Db, Name, Tables>,
): Provider<Section, Db, Name, Tables> {
  return provider
}
