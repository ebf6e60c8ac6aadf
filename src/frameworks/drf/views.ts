import type { Context } from 'hono'
import { type MockEnv, publicUrl } from '../../core/context.js'
import type { PageResult } from './pagination.js'
import { plainDigits, pythonIntBig } from './python.js'
import { drfSettings, readDrfData } from './request.js'
import { DRF, drfJson } from './responses.js'

/** Generic DRF view building blocks, shared by the DRF-based providers. */

/**
 * An Http404 from get_object: `model` is set when the lookup ran and found
 * nothing (Django's `No Order matches the given query.`), unset when DRF's
 * get_object_or_404 turned a ValueError into a bare Http404.
 */
export class NotFound {
  constructor(readonly model?: string) {}
}

export type Found<R> = R | NotFound

/**
 * The 404 body: DRF 3.15+ keeps the Http404's message
 * (`exceptions.NotFound(*(exc.args))`), 3.14 always says `Not found.`.
 */
export function notFound(c?: Context<MockEnv>, nf: NotFound = new NotFound()): Response {
  const keepsMessage = c !== undefined && drfSettings(c).version !== '3.14'
  const detail = keepsMessage && nf.model ? `No ${nf.model} matches the given query.` : DRF.notFound
  return drfJson(404, { detail })
}

/**
 * get_object() over an integer key, as Django looks it up: int() of the URL
 * value (`" 1"`, `"+1"`, `"1_0"`, `"١"` are ints); a value int() refuses is a
 * bare 404; an int that matches nothing (out-of-range ones included) is the
 * model's 404.
 */
export function getObject<R>(
  table: { get(pk: unknown): R | undefined },
  raw: string | undefined,
  model: string,
): Found<R> {
  const plain = raw === undefined ? undefined : plainDigits(raw)
  if (plain !== undefined) return table.get(plain) ?? new NotFound(model)
  const pk = raw === undefined ? undefined : pythonIntBig(raw)
  if (pk === undefined) return new NotFound()
  const safe = pk <= BigInt(Number.MAX_SAFE_INTEGER) && pk >= BigInt(Number.MIN_SAFE_INTEGER)
  const record = safe ? table.get(Number(pk)) : undefined
  return record === undefined ? new NotFound(model) : record
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
  find: (c: Context<MockEnv>) => Found<R>,
  serialize: (r: R, c: Context<MockEnv>) => unknown,
) {
  return (c: Context<MockEnv>) => {
    const record = find(c)
    return record instanceof NotFound ? notFound(c, record) : drfJson(200, serialize(record, c))
  }
}

export type WriteResult = { status: number; body: unknown }

/**
 * A write on one object: find it first (404 before the body is read, as DRF's
 * get_object runs before request.data), parse the body, hand both to `write`.
 */
export function objectWriteView<R>(
  find: (c: Context<MockEnv>) => Found<R>,
  write: (c: Context<MockEnv>, record: R, data: unknown) => WriteResult | Promise<WriteResult>,
) {
  return async (c: Context<MockEnv>) => {
    const record = find(c)
    if (record instanceof NotFound) return notFound(c, record)
    const parsed = await readDrfData(c)
    if (!parsed.ok) return parsed.response
    const result = await write(c, record, parsed.data)
    return drfJson(result.status, result.body)
  }
}
