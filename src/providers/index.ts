import type { AnyProvider } from '../core/provider.js'
import { aymakan } from './aymakan/index.js'
import { hamgam } from './hamgam/index.js'
import { omnitron } from './omnitron/index.js'

/** Every provider the mock ships, in mount order. */
export const allProviders: readonly AnyProvider[] = [omnitron, hamgam, aymakan]
