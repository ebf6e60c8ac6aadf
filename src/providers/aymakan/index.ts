import { defineProvider } from '../../core/provider.js'
import { laravelErrorResponse } from '../../frameworks/laravel/errors.js'
import { PHP_JSON_DEPTH } from '../../frameworks/laravel/php-json.js'
import { aymakanApi } from './openapi.js'
import { API_KEY_HEADERS, aymakanRoutes } from './routes.js'
import { aymakanRules } from './rules.js'
import { aymakanSection } from './schemas.js'
import { aymakanStore, seedAymakan } from './seed.js'

export type * from './payloads.js'
export type { OrderRecord as AymakanOrderRecord } from './schemas.js'
export type { AymakanDb } from './seed.js'

export const aymakan = defineProvider({
  name: 'aymakan',
  title: 'Aymakan Fulfillment',
  scenarioSchema: aymakanSection,
  store: aymakanStore,
  secretHeaders: API_KEY_HEADERS,
  seed: seedAymakan,
  tables: (db) => ({ orders: db.orders }),
  routes: aymakanRoutes(),
  errorResponse: laravelErrorResponse,
  rules: aymakanRules,
  maxJsonDepth: PHP_JSON_DEPTH,
  // A getter: the document is built on first use, not when the package loads.
  get openapi() {
    return aymakanApi()
  },
})
