import type { Provider } from '../../core/provider.js'
import { laravelErrorResponse } from '../../frameworks/laravel/errors.js'
import { aymakanApi } from './openapi.js'
import { aymakanRoutes } from './routes.js'
import { aymakanRules } from './rules.js'
import { type AymakanSection, aymakanSection } from './schemas.js'
import { type AymakanDb, seedAymakan } from './seed.js'

export type { OrderRecord as AymakanOrderRecord } from './schemas.js'
export type { AymakanDb } from './seed.js'

export const aymakan: Provider<AymakanSection, AymakanDb> = {
  name: 'aymakan',
  title: 'Aymakan Fulfillment',
  scenarioSchema: aymakanSection,
  seed: seedAymakan,
  tables: (db) => ({ orders: db.orders }),
  routes: aymakanRoutes(),
  errorResponse: laravelErrorResponse,
  rules: aymakanRules,
  openapi: aymakanApi,
}
