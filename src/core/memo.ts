/** One value per key object, computed on first use (e.g. a session's field set, built from its catalogues). */
export function perObject<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>()
  return (key) => {
    let value = cache.get(key)
    if (value === undefined) cache.set(key, (value = make(key)))
    return value
  }
}
