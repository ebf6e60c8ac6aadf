/**
 * Every problem `type` is `…#error-<code>`: each code the source uses must
 * have its anchor in the README's "Error codes" table, and the table must not
 * list codes the source no longer uses.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
/** `code: '…'` literals that are not problem codes: zod's issue code in superRefine. */
const NOT_PROBLEM_CODES = new Set(['custom'])

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f)
    if (statSync(path).isDirectory()) return f === 'generated' ? [] : sourceFiles(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

const used = new Set<string>()
for (const file of sourceFiles(join(root, 'src'))) {
  for (const m of readFileSync(file, 'utf8').matchAll(/(?<![\w$])code: '([a-z][a-z0-9-]*)'/g)) {
    if (!NOT_PROBLEM_CODES.has(m[1]!)) used.add(m[1]!)
  }
}
const readme = readFileSync(join(root, 'README.md'), 'utf8')
const listed = new Set([...readme.matchAll(/<a id="error-([a-z0-9-]+)"><\/a>`([a-z0-9-]+)`/g)].map((m) => m[1]!))

it('finds the problem codes in the source', () => {
  expect(used).toContain('unknown-scenario')
  expect(used).toContain('bad-record')
  expect(used.size).toBeGreaterThan(10)
})

it('every problem code used in src has its #error-<code> entry in the README', () => {
  expect([...used].filter((c) => !listed.has(c)).sort()).toEqual([])
})

it('the README lists no code the source does not use', () => {
  expect([...listed].filter((c) => !used.has(c)).sort()).toEqual([])
})

it('each entry names its own code', () => {
  for (const m of readme.matchAll(/<a id="error-([a-z0-9-]+)"><\/a>`([a-z0-9-]+)`/g)) expect(m[2]).toBe(m[1])
})
