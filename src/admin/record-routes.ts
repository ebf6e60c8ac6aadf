import { Hono, type MiddlewareHandler } from 'hono'
import type { MockEngine } from '../core/engine.js'
import { type Problem, problemResponse } from '../core/problem.js'
import type { Table } from '../core/table.js'
import { type AdminEnv, jsonObjectBody, sessionLookup, where } from './context.js'

// biome-ignore lint/suspicious/noExplicitAny: a collection of any provider, read and written through its own schema
type AnyTable = Table<any, any>

interface RecordEnv {
  Variables: AdminEnv['Variables'] & { table: AnyTable; provider: string; collection: string }
}

const KNOWN_KEYS = 20

const badRecord = (detail: string, problems: readonly string[]): Problem => ({
  code: 'bad-record',
  status: 400,
  title: 'Bad record',
  detail,
  problems,
})

/**
 * One record at a time, for every provider collection that /__mock/state
 * exports: arrange a test's state without replacing a whole collection, and
 * assert on one record. Writes are validated against the collection's schema
 * (as a state import is) and change nothing when refused.
 */
export function recordRoutes(engine: MockEngine): Hono<RecordEnv> {
  const routes = new Hono<RecordEnv>({ strict: false })
  const inSession = sessionLookup(engine) as unknown as MiddlewareHandler<RecordEnv>
  const body = jsonObjectBody() as unknown as MiddlewareHandler<RecordEnv>

  // The provider and collection named in the path, or a 404 naming the known ones.
  const collection: MiddlewareHandler<RecordEnv> = async (c, next) => {
    const providerName = c.req.param('provider') ?? ''
    const name = c.req.param('collection') ?? ''
    const provider = engine.provider(providerName)
    if (!provider) {
      const known = engine.providers.map((p) => p.name)
      return problemResponse({
        code: 'unknown-provider',
        status: 404,
        title: 'Unknown provider',
        detail: `No provider "${providerName}" (known: ${known.join(', ')}).`,
        known,
      })
    }
    const tables = provider.tables(c.get('session').stores.get(provider.store))
    const table = Object.hasOwn(tables, name) ? tables[name] : undefined
    if (!table) {
      const known = Object.keys(tables)
      return problemResponse({
        code: 'unknown-collection',
        status: 404,
        title: 'Unknown collection',
        detail: `${providerName} has no collection "${name}" (known: ${known.join(', ')}).`,
        known,
      })
    }
    c.set('table', table)
    c.set('provider', providerName)
    c.set('collection', name)
    await next()
  }

  const label = (c: { get(k: 'provider' | 'collection'): string }) => `${c.get('provider')}.${c.get('collection')}`

  // Names the known keys, the first KNOWN_KEYS of them: a generated collection may hold 100,000.
  const unknownRecord = (table: AnyTable, place: string, key: string) => {
    const known = table
      .all()
      .slice(0, KNOWN_KEYS)
      .map((r: Record<string, unknown>) => r[table.key])
    const more = table.size > known.length ? `, … ${table.size - known.length} more` : ''
    return problemResponse({
      code: 'unknown-record',
      status: 404,
      title: 'Unknown record',
      detail: `${place} has no record with ${table.key} ${JSON.stringify(key)} (known: ${known.join(', ')}${more}; GET /__mock/state/${place.replace('.', '/')} lists them).`,
      key: table.key,
      known,
    })
  }

  // GET a collection, filtered by exact top-level field values: ?status=400&order=5
  routes.get('/state/:provider/:collection', inSession, collection, (c) => {
    const table = c.get('table')
    const filters = Object.entries(c.req.query())
    const fields = Object.keys(table.schema.shape as object)
    const unknown = filters.map(([f]) => f).filter((f) => !fields.includes(f))
    if (unknown.length > 0) {
      return problemResponse({
        code: 'bad-record-filter',
        status: 400,
        title: 'Bad record filter',
        detail: `${label(c)} has no field ${unknown.map((f) => `"${f}"`).join(', ')} to filter on (fields: ${fields.join(', ')}).`,
        fields,
      })
    }
    const records = table
      .all()
      .filter((r: Record<string, unknown>) => filters.every(([f, v]) => matches(r[f], v)))
      .map((r: Record<string, unknown>) => structuredClone({ ...r }))
    return c.json({
      ...where(c.get('session')),
      provider: c.get('provider'),
      collection: c.get('collection'),
      count: records.length,
      records,
    })
  })

  routes.get('/state/:provider/:collection/:key', inSession, collection, (c) => {
    const table = c.get('table')
    const record = table.get(table.keyFrom(c.req.param('key')))
    if (!record) return unknownRecord(table, label(c), c.req.param('key'))
    return c.json({ ...where(c.get('session')), record: structuredClone({ ...record }) })
  })

  // PUT: the whole record (created, or replacing the one of that key). The key may be left out of the body.
  routes.put('/state/:provider/:collection/:key', inSession, collection, body, async (c) => {
    const table = c.get('table')
    const key = table.keyFrom(c.req.param('key'))
    const sent = c.get('body')
    if (Object.hasOwn(sent, table.key) && sent[table.key] !== key) {
      return problemResponse(
        badRecord(`The record was not written (nothing changed): its ${table.key} differs from the path's.`, [
          `${label(c)}.${table.key}: ${JSON.stringify(sent[table.key])} is not the path's ${JSON.stringify(key)}`,
        ]),
      )
    }
    const checked = table.checkRecord({ ...sent, [table.key]: key }, `${label(c)}[${JSON.stringify(key)}]`)
    if ('problems' in checked) return problemResponse(refused(checked.problems))
    const existing = table.get(key)
    if (existing) table.replace(existing, checked.record)
    else await table.insert(checked.record)
    const record = structuredClone({ ...table.get(key)! })
    return c.json({ ...where(c.get('session')), created: !existing, record }, existing ? 200 : 201)
  })

  // PATCH: some top-level fields of a stored record; the merged record must be valid.
  routes.patch('/state/:provider/:collection/:key', inSession, collection, body, (c) => {
    const table = c.get('table')
    const key = table.keyFrom(c.req.param('key'))
    const existing = table.get(key)
    if (!existing) return unknownRecord(table, label(c), c.req.param('key'))
    const sent = c.get('body')
    const checked = table.checkRecord({ ...existing, ...sent }, `${label(c)}[${JSON.stringify(key)}]`)
    if ('problems' in checked) return problemResponse(refused(checked.problems))
    if (checked.record[table.key] !== key)
      return problemResponse(refused([`${label(c)}[${JSON.stringify(key)}].${table.key}: the key cannot change`]))
    table.replace(existing, checked.record)
    return c.json({ ...where(c.get('session')), record: structuredClone({ ...existing }) })
  })

  routes.delete('/state/:provider/:collection/:key', inSession, collection, (c) => {
    const table = c.get('table')
    const key = table.keyFrom(c.req.param('key'))
    if (!table.delete(key)) return unknownRecord(table, label(c), c.req.param('key'))
    return c.json({ ...where(c.get('session')), deleted: key })
  })

  return routes
}

const refused = (problems: readonly string[]) =>
  badRecord(`The record was not written (nothing changed): ${problems.length} problem(s).`, problems)

/** A query value against a stored field: numbers, booleans and null by their JSON text, strings as they are. */
function matches(value: unknown, wanted: string): boolean {
  if (typeof value === 'string') return value === wanted
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value) === wanted
  return false
}
