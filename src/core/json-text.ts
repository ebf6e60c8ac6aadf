/**
 * One pass over a JSON text for what a framework's decoder must know before
 * it trusts JSON.parse (Python's json.loads and PHP's json_decode each differ
 * from it on nesting and on numbers): every container opened, with its depth,
 * and every number token. Strings are skipped with indexOf, not character by
 * character — a body is mostly strings. The text need not be valid JSON:
 * callers still parse it, and an unterminated string ends the walk.
 */
export interface JsonTextVisitor {
  /** A `[` (0x5b) or `{` (0x7b) opens a container at `depth` (1: the top level); false stops the walk. */
  open?(bracket: number, depth: number): boolean
  /** A number token, text[start, end): whether it has a fraction or exponent, its digit count; false stops the walk. */
  number?(start: number, end: number, isFloat: boolean, digits: number): boolean
}

/** Walks `text`; false when a visitor stopped it. */
export function walkJsonText(text: string, visitor: JsonTextVisitor): boolean {
  const n = text.length
  let depth = 0
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22) {
      let j = i + 1
      for (;;) {
        j = text.indexOf('"', j)
        if (j < 0) return true
        let k = j - 1
        while (text.charCodeAt(k) === 0x5c) k--
        if ((j - 1 - k) % 2 === 0) break // an even run of backslashes: this quote ends the string
        j++
      }
      i = j
      continue
    }
    if (c === 0x5b || c === 0x7b) {
      depth++
      if (visitor.open && !visitor.open(c, depth)) return false
      continue
    }
    if (c === 0x5d || c === 0x7d) {
      depth--
      continue
    }
    if (c !== 0x2d && (c < 0x30 || c > 0x39)) continue
    const start = i
    let isFloat = false
    let digits = 0
    for (; i < n; i++) {
      const d = text.charCodeAt(i)
      if (d >= 0x30 && d <= 0x39) digits++
      else if (d === 0x2e || d === 0x65 || d === 0x45) isFloat = true
      else if (d !== 0x2d && d !== 0x2b) break
    }
    if (visitor.number && !visitor.number(start, i, isFloat, digits)) return false
    i--
  }
  return true
}
