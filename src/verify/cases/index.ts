import { aymakanCases } from './aymakan.js'
import { hamgamCases } from './hamgam.js'
import { omnitronCases } from './omnitron.js'
import type { ProviderCases, ProviderName } from './types.js'

export * from './types.js'

/** Every provider's contract cases: what `verify` sends and what the contract suite runs. */
export const CONTRACT_CASES: Readonly<Record<ProviderName, ProviderCases>> = {
  omnitron: omnitronCases,
  hamgam: hamgamCases,
  aymakan: aymakanCases,
}
