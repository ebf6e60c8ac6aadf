import type { Provider } from '../../core/provider.js'
import { drfErrorResponse } from '../../frameworks/drf/errors.js'
import { hamgamApi } from './openapi.js'
import { hamgamRoutes } from './routes.js'
import { hamgamRules } from './rules.js'
import { type HamgamSection, hamgamSection } from './schemas.js'
import { type HamgamDb, seedHamgam } from './seed.js'

export type {
  ItemRecord as HamgamItemRecord,
  OrderRecord as HamgamOrderRecord,
  PaymentRecord as HamgamPaymentRecord,
} from './schemas.js'
export type { HamgamDb } from './seed.js'

export const hamgam: Provider<HamgamSection, HamgamDb> = {
  name: 'hamgam',
  title: 'Hamgam',
  scenarioSchema: hamgamSection,
  seed: seedHamgam,
  tables: (db) => ({ orders: db.orders, items: db.items, payments: db.payments }),
  routes: hamgamRoutes(),
  errorResponse: drfErrorResponse,
  rules: hamgamRules,
  openapi: hamgamApi,
}
