/**
 * A typed handle on one provider's per-session store. A provider declares its
 * key once (`storeKey<OmnitronDb>('omnitron')`); routes, rules and
 * `createMock().db` read the store through it, so the store's type is written
 * in one place and no code looks a store up by a string and casts it back.
 */
export interface StoreKey<Db> {
  readonly name: string
  /** Type-only: carries `Db`; never set at run time. */
  readonly __store?: Db
}

export function storeKey<Db>(name: string): StoreKey<Db> {
  return Object.freeze({ name })
}

/** One session's stores, by key. */
export class Stores {
  readonly #byKey = new Map<StoreKey<unknown>, unknown>()

  set<Db>(key: StoreKey<Db>, db: Db): void {
    this.#byKey.set(key, db)
  }

  get<Db>(key: StoreKey<Db>): Db {
    if (!this.#byKey.has(key)) throw new Error(`No store "${key.name}" in this session (is the provider mounted?)`)
    // The map is only written by set() with the same key, so the value has the key's type.
    return this.#byKey.get(key) as Db
  }
}
