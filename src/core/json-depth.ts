/**
 * The kind of container that first nests deeper than `limit` in a JSON text
 * (strings skipped), or undefined. Python's and PHP's decoders both stop at a
 * depth; JavaScript's does not, so the frameworks check it before parsing.
 */
export function tooDeep(text: string, limit: number): 'array' | 'object' | undefined {
  if (text.length <= limit * 2) return undefined
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return c === 0x5b ? 'array' : 'object'
    } else if (c === 0x5d || c === 0x7d) depth--
  }
  return undefined
}
