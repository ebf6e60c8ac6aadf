import { describe, expect, it } from 'vitest'
import { clip, MAX_BODY_BYTES } from '../../src/core/journal.js'

const utf8Length = (s: string) => new TextEncoder().encode(s).length
const MARK = /…\[(\d+) more characters\]$/

/** The journal keeps at most MAX_BODY_BYTES of UTF-8 of an answer, cut between whole characters. */
describe('clip', () => {
  const cases: [string, string][] = [
    ['ASCII just within', 'a'.repeat(MAX_BODY_BYTES)],
    ['ASCII one over', 'a'.repeat(MAX_BODY_BYTES + 1)],
    ['three-byte characters across the cut', `${'a'.repeat(MAX_BODY_BYTES - 1)}€€€`],
    ['a four-byte character across the cut', `${'a'.repeat(MAX_BODY_BYTES - 2)}😀b`],
    ['a lone surrogate at the cut', `${'a'.repeat(MAX_BODY_BYTES - 3)}\ud800xyz`],
    ['a real U+FFFD at the cut', `${'a'.repeat(MAX_BODY_BYTES - 3)}\ufffdxyz`],
    ['all three-byte', '€'.repeat(MAX_BODY_BYTES)],
    ['short multibyte', 'é'.repeat(1000)],
  ]
  it.each(cases)('%s', (_, text) => {
    const kept = clip(text)!
    if (utf8Length(text) <= MAX_BODY_BYTES) {
      expect(kept).toBe(text)
      return
    }
    const m = MARK.exec(kept)!
    expect(m).not.toBeNull()
    const head = kept.slice(0, m.index)
    // A prefix of the text (a lone surrogate kept as U+FFFD, as UTF-8 must), as many whole characters as fit.
    const sent = text
      .slice(0, head.length)
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    expect(head).toBe(sent)
    expect(utf8Length(head)).toBeLessThanOrEqual(MAX_BODY_BYTES)
    expect(utf8Length(text.slice(0, head.length + (text.codePointAt(head.length)! > 0xffff ? 2 : 1)))).toBeGreaterThan(
      MAX_BODY_BYTES,
    )
    expect(Number(m[1])).toBe(text.length - head.length)
  })
  it('leaves null and short texts alone', () => {
    expect(clip(null)).toBeNull()
    expect(clip('{"a":1}')).toBe('{"a":1}')
  })
})
