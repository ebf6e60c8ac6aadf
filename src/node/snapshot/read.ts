import { rateLimiter, readText } from '../verify/run.js'

/** Reading a provider's records for a snapshot: rate limited GETs with a deadline, and small helpers. */

export type Json = Record<string, unknown>

export interface ReaderOptions {
  baseUrl: string
  /** Requests per second. Default 2. */
  rate?: number
  /** Deadline of each request. Default 10 s. */
  timeoutMs?: number
}

export class Reader {
  private readonly wait: () => Promise<void>
  constructor(
    private readonly options: ReaderOptions,
    private readonly headers: Record<string, string>,
  ) {
    this.wait = rateLimiter(options.rate ?? 2)
  }
  readonly base = () => this.options.baseUrl.replace(/\/+$/, '')
  async get(pathOrUrl: string): Promise<unknown> {
    const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : `${this.base()}${pathOrUrl}`
    // Only follow links (a page's `next`) to the provider itself: the credential goes nowhere else.
    if (new URL(url).origin !== new URL(this.base()).origin) throw new Error(`${url}: not on ${this.base()}`)
    await this.wait()
    const res = await fetch(url, {
      headers: { Accept: 'application/json', ...this.headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    })
    const text = await readText(res)
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${text.slice(0, 200)}`)
    try {
      return JSON.parse(text)
    } catch {
      throw new Error(`GET ${url}: the answer is not JSON`)
    }
  }
  /** Every result of a DRF-paginated list (at most 100 pages). */
  async all(path: string): Promise<Json[]> {
    const out: Json[] = []
    let next: string | null = path
    for (let page = 0; next && page < 100; page++) {
      const body = (await this.get(next)) as { results?: Json[]; next?: string | null }
      out.push(...(body.results ?? []))
      next = body.next ?? null
    }
    return out
  }
}

/** The fields of `record` the scenario schema accepts, each checked on its own; the rest reported. */
export function fieldsOf(
  shape: Record<string, { safeParse(v: unknown): { success: boolean } }>,
  record: Json,
  where: string,
  warnings: string[],
): Json {
  const out: Json = {}
  for (const [key, value] of Object.entries(record)) {
    const field = shape[key]
    if (!field) continue
    if (field.safeParse(value).success) out[key] = value
    else warnings.push(`${where}.${key}: left out (${JSON.stringify(value)} is not a value the scenario accepts)`)
  }
  return out
}

export const idOf = (v: unknown) => (v && typeof v === 'object' ? ((v as Json).id as number) : null)
export const pick = (v: unknown, keys: readonly string[]) =>
  Object.fromEntries(
    keys.filter((k) => v && typeof v === 'object' && Object.hasOwn(v, k)).map((k) => [k, (v as Json)[k]]),
  )
