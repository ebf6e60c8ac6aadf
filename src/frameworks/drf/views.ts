import type { Context } from 'hono'
import { type MockEnv, publicUrl } from '../../core/context.js'
import type { PageResult } from './pagination.js'
import type { JsonValue } from './python-json.js'
import { readDrfData } from './request.js'
import { DRF, drfJson } from './responses.js'

/** Generic DRF view building blocks, shared by the DRF-based providers. */

export const notFound = () => drfJson(404, { detail: DRF.notFound })

/** DRF's get_object() over an integer key: an unknown or non-integer pk is the same 404. */
export function lookupInt<R>(table: { get(pk: unknown): R | undefined }, raw: string | undefined): R | undefined {
  return raw !== undefined && /^\d{1,15}$/.test(raw) ? table.get(Number(raw)) : undefined
}

export type Paginator = <T>(records: readonly T[], url: URL) => PageResult<T>

/** A DRF list response: paginated, each record serialised. */
export function listResponse<R>(
  c: Context<MockEnv>,
  records: readonly R[],
  serialize: (r: R) => unknown,
  paginator: Paginator,
): Response {
  const page = paginator(records, publicUrl(c))
  return page.ok ? drfJson(200, { ...page.body, results: page.body.results.map(serialize) }) : page.response
}

/** A DRF retrieve: the serialised record or 404. */
export function retrieveView<R>(
  find: (c: Context<MockEnv>) => R | undefined,
  serialize: (r: R, c: Context<MockEnv>) => unknown,
) {
  return (c: Context<MockEnv>) => {
    const record = find(c)
    return record === undefined ? notFound() : drfJson(200, serialize(record, c))
  }
}

export type WriteResult = { status: number; body: unknown }

/**
 * A write on one object: find it first (404 before the body is read, as DRF's
 * get_object runs before request.data), parse the body, hand both to `write`.
 */
export function objectWriteView<R>(
  find: (c: Context<MockEnv>) => R | undefined,
  write: (c: Context<MockEnv>, record: R, data: JsonValue) => WriteResult | Promise<WriteResult>,
) {
  return async (c: Context<MockEnv>) => {
    const record = find(c)
    if (record === undefined) return notFound()
    const parsed = await readDrfData(c)
    if (!parsed.ok) return parsed.response
    const result = await write(c, record, parsed.data)
    return drfJson(result.status, result.body)
  }
}
