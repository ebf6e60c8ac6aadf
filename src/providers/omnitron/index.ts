import { defineProvider } from '../../core/provider.js'
import { TOKEN_AUTH_HEADERS } from '../../frameworks/drf/auth.js'
import { drfErrorResponse } from '../../frameworks/drf/errors.js'
import { MAX_NESTING } from '../../frameworks/drf/python-json.js'
import { omnitronApi } from './openapi.js'
import { omnitronRoutes } from './routes.js'
import { omnitronRules } from './rules.js'
import { omnitronSection } from './schemas.js'
import { omnitronStore, seedOmnitron } from './seed.js'

export type * from './payloads.js'
export type { OrderItemRecord, OrderRecord } from './schemas.js'
export type { OmnitronDb } from './seed.js'

export const omnitron = defineProvider({
  name: 'omnitron',
  title: 'Omnitron (Akinon)',
  scenarioSchema: omnitronSection,
  store: omnitronStore,
  secretHeaders: TOKEN_AUTH_HEADERS,
  seed: seedOmnitron,
  tables: (db) => ({ orders: db.orders, orderItems: db.orderItems }),
  routes: omnitronRoutes(),
  errorResponse: drfErrorResponse,
  rules: omnitronRules,
  maxJsonDepth: MAX_NESTING,
  // A getter: the document is built on first use, not when the package loads.
  get openapi() {
    return omnitronApi()
  },
})
