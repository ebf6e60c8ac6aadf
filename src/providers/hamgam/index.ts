import { defineProvider } from '../../core/provider.js'
import { TOKEN_AUTH_HEADERS } from '../../frameworks/drf/auth.js'
import { drfErrorResponse } from '../../frameworks/drf/errors.js'
import { MAX_NESTING } from '../../frameworks/drf/python-json.js'
import { hamgamApi } from './openapi.js'
import { hamgamRoutes } from './routes.js'
import { hamgamRules } from './rules.js'
import { hamgamSection } from './schemas.js'
import { hamgamStore, seedHamgam } from './seed.js'

export type * from './payloads.js'
export type {
  ItemRecord as HamgamItemRecord,
  OrderRecord as HamgamOrderRecord,
  PaymentRecord as HamgamPaymentRecord,
} from './schemas.js'
export type { HamgamDb } from './seed.js'

export const hamgam = defineProvider({
  name: 'hamgam',
  title: 'Hamgam',
  scenarioSchema: hamgamSection,
  store: hamgamStore,
  secretHeaders: TOKEN_AUTH_HEADERS,
  seed: seedHamgam,
  tables: (db) => ({ orders: db.orders, items: db.items, payments: db.payments }),
  routes: hamgamRoutes(),
  errorResponse: drfErrorResponse,
  rules: hamgamRules,
  maxJsonDepth: MAX_NESTING,
  // A getter: the document is built on first use, not when the package loads.
  get openapi() {
    return hamgamApi()
  },
})
