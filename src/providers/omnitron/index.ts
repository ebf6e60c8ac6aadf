import type { Provider } from '../../core/provider.js'
import { drfErrorResponse } from '../../frameworks/drf/errors.js'
import { omnitronApi } from './openapi.js'
import { omnitronRoutes } from './routes.js'
import { omnitronRules } from './rules.js'
import { type OmnitronSection, omnitronSection } from './schemas.js'
import { type OmnitronDb, seedOmnitron } from './seed.js'

export type { OrderItemRecord, OrderRecord } from './schemas.js'
export type { OmnitronDb } from './seed.js'

export const omnitron: Provider<OmnitronSection, OmnitronDb> = {
  name: 'omnitron',
  title: 'Omnitron (Akinon)',
  scenarioSchema: omnitronSection,
  seed: seedOmnitron,
  tables: (db) => ({ orders: db.orders, orderItems: db.items }),
  routes: omnitronRoutes(),
  errorResponse: drfErrorResponse,
  rules: omnitronRules,
  openapi: omnitronApi,
}
