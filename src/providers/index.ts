import type { StateOf, StoreOf } from '../core/provider.js'
import { aymakan } from './aymakan/index.js'
import { hamgam } from './hamgam/index.js'
import { omnitron } from './omnitron/index.js'

/** Every provider the mock ships, in mount order. */
export const allProviders = [omnitron, hamgam, aymakan] as const

/** Each provider's session store, by provider name: derived from the providers' own declarations. */
export type ProviderDbs = { [P in (typeof allProviders)[number] as P['name']]: StoreOf<P> }
export type ProviderName = keyof ProviderDbs

/** A session's records as plain JSON, by provider and collection (`mock.state()`, `GET /__mock/state`). */
export type ProviderState = { [P in (typeof allProviders)[number] as P['name']]: StateOf<P> }
