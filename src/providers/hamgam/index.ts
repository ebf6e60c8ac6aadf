import type { Provider } from '../../core/provider.js'
import { hamgamRoutes } from './routes.js'
import { hamgamRules } from './rules.js'
import { type HamgamSection, hamgamSection } from './schemas.js'
import { type HamgamDb, seedHamgam } from './seed.js'

export type { HamgamDb } from './seed.js'
export type { ItemRecord as HamgamItemRecord, OrderRecord as HamgamOrderRecord, PaymentRecord as HamgamPaymentRecord } from './schemas.js'

export const hamgam: Provider<HamgamSection, HamgamDb> = {
  name: 'hamgam',
  title: 'Hamgam',
  scenarioSchema: hamgamSection,
  seed: seedHamgam,
  snapshot: (db) => ({ orders: db.orders.snapshot(), items: db.items.snapshot(), payments: db.payments.snapshot() }),
  routes: hamgamRoutes(),
  rules: hamgamRules,
}
