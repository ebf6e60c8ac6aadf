/**
 * "Did you mean": the known routes nearest to a path that matched none, for
 * the diagnostic of an unmatched request (never in the provider's own body).
 */
export interface KnownRoute {
  methods: readonly string[]
  /** The path with `{name}` placeholders, e.g. `/api/v1/orders/{pk}/`. */
  template: string
}

export function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = cur
    }
  }
  return row[b.length]!
}

/** Up to `n` routes, nearest first, as `GET|PATCH /api/v1/orders/{pk}/`. */
export function closestRoutes(path: string, routes: readonly KnownRoute[], n = 3): string[] {
  // Compare shapes: a numeric or id-like segment stands for any placeholder.
  const shape = (p: string) =>
    p.replace(/\{[^}]+\}/g, '{}').replace(/\/(\d+|[0-9a-f]{24}|[A-Za-z]+-[\w-]*\d[\w-]*)(?=\/|$)/g, '/{}')
  const target = shape(path.slice(0, 300))
  return routes
    .map((r) => ({ r, d: levenshtein(target, shape(r.template)) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, n)
    .map(({ r }) => `${r.methods.join('|')} ${r.template}`)
}

/** The candidate nearest to `word` (edit distance), for a "did you mean". */
export function closestWord(word: string, candidates: readonly string[]): string {
  let best = candidates[0]!
  let bestDistance = Number.POSITIVE_INFINITY
  for (const c of candidates) {
    const d = levenshtein(word.slice(0, 100), c)
    if (d < bestDistance) [best, bestDistance] = [c, d]
  }
  return best
}
