/**
 * The repository cites only what it contains or what is public: code comments,
 * scenarios, the README and docs/ point at docs/ pages or at the providers'
 * public pages, never at working documents outside the repository. And every
 * relative link in the README and docs/ resolves to a file of the repository.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SELF = relative(ROOT, fileURLToPath(import.meta.url))

/** Where citations are checked: the sources, the scenarios, the docs, the README, the tests and benchmarks. */
const CHECKED = ['src', 'scenarios', 'docs', 'README.md', 'test', 'bench']
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'results'])
const TEXT_FILE = /\.(ts|mts|js|mjs|cjs|ya?ml|md|json|py|txt)$/

function filesUnder(path: string): string[] {
  const full = join(ROOT, path)
  if (!existsSync(full)) return []
  if (!statSync(full).isDirectory()) return [path]
  return readdirSync(full)
    .filter((name) => !SKIPPED_DIRS.has(name))
    .flatMap((name) => filesUnder(join(path, name)))
    .filter((file) => TEXT_FILE.test(file))
}

const PROVIDER_PAGES = new Set(['omnitron.md', 'hamgam.md', 'aymakan.md'])
const OUTSIDE = [
  { pattern: /shared\/(spec|seeds)\b/gi, why: 'a path outside the repository' },
  { pattern: /\bseeds? ?0\d\d\b/gi, why: 'a seed document outside the repository' },
]
const DOC_NAME = /\b(omnitron|hamgam|aymakan|design|targets)\.md\b/gi

/** Markdown link targets of a text, with their offsets (fenced code removed first). */
function linkTargets(text: string): { target: string; start: number; end: number }[] {
  const out: { target: string; start: number; end: number }[] = []
  for (const m of stripCode(text).matchAll(/\]\(([^()\s]+)(?:\s+"[^"]*")?\)/g)) {
    const start = m.index + 2
    out.push({ target: m[1]!, start, end: start + m[1]!.length })
  }
  return out
}

/** Code blocks and inline code blanked out, offsets kept. */
function stripCode(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ')
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank).replace(/`[^`\n]*`/g, blank)
}

/**
 * Citations of documents outside the repository in one file's text: the shared
 * spec and seed paths, "seed 000"-style names, and a provider page's bare file
 * name (`hamgam.md`) or a design document's (`DESIGN.md`, `targets.md`) that is
 * neither written `docs/providers/<name>.md` nor a link resolving there.
 */
function outsideCitations(file: string, text: string): string[] {
  const found: string[] = []
  const line = (offset: number) => text.slice(0, offset).split('\n').length
  for (const { pattern, why } of OUTSIDE)
    for (const m of text.matchAll(pattern)) found.push(`${file}:${line(m.index)}: "${m[0]}" (${why})`)
  const links = file.endsWith('.md') ? linkTargets(text) : []
  for (const m of text.matchAll(DOC_NAME)) {
    const name = m[0].toLowerCase()
    const before = text.slice(Math.max(0, m.index - 'docs/providers/'.length), m.index)
    if (PROVIDER_PAGES.has(name) && before === 'docs/providers/') continue
    const link = links.find((l) => m.index >= l.start && m.index < l.end)
    if (
      link &&
      PROVIDER_PAGES.has(name) &&
      relative(ROOT, resolve(ROOT, dirname(file), link.target.replace(/[#?].*$/, ''))) ===
        join('docs', 'providers', name)
    )
      continue
    found.push(`${file}:${line(m.index)}: "${m[0]}" (not a page of docs/providers/)`)
  }
  return found
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const out = new Set<string>()
  for (const m of stripCode(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-')
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    out.add(n === 0 ? base : `${base}-${n}`)
  }
  return out
}

/** Relative links of a Markdown file that name no file of the repository (or no heading in it). */
function brokenLinks(file: string, text: string, read: (path: string) => string | undefined): string[] {
  const broken: string[] = []
  for (const { target } of linkTargets(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue // https:, mailto:, …
    const [pathPart = '', fragment] = target.split('#', 2) as [string, string | undefined]
    const path = pathPart === '' ? file : relative(ROOT, resolve(ROOT, dirname(file), pathPart.replace(/\?.*$/, '')))
    if (path.startsWith('..')) {
      broken.push(`${file}: ${target} (outside the repository)`)
      continue
    }
    const content = read(path)
    if (content === undefined) broken.push(`${file}: ${target} (no such file)`)
    else if (fragment && path.endsWith('.md') && !anchors(content).has(fragment))
      broken.push(`${file}: ${target} (no heading #${fragment})`)
  }
  return broken
}

const readRepo = (path: string): string | undefined => {
  const full = join(ROOT, path)
  if (!existsSync(full)) return undefined
  return statSync(full).isDirectory() ? '' : readFileSync(full, 'utf8')
}

describe('citations', () => {
  it('nothing in src, scenarios, docs, the README, tests or benchmarks cites a document outside the repository', () => {
    const files = CHECKED.flatMap(filesUnder).filter((f) => f !== SELF)
    expect(files.length).toBeGreaterThan(50)
    expect(files).toContain(join('docs', 'providers', 'omnitron.md'))
    expect(files.flatMap((f) => outsideCitations(f, readFileSync(join(ROOT, f), 'utf8')))).toEqual([])
  })

  it('the check finds each kind of outside citation, and allows the docs/providers pages', () => {
    const text = [
      '// see shared/spec/omnitron.md',
      '/* seed 000 "Key Points"; Seeds 000/001 */',
      'source: ASSUMED(\'hamgam.md "Validation"\')',
      '(DESIGN.md "Control surface"), targets.md',
      'source: ASSUMED(\'docs/providers/hamgam.md "Validation"\')',
    ].join('\n')
    expect(outsideCitations('src/x.ts', text)).toEqual([
      'src/x.ts:1: "shared/spec" (a path outside the repository)',
      'src/x.ts:2: "seed 000" (a seed document outside the repository)',
      'src/x.ts:2: "Seeds 000" (a seed document outside the repository)',
      'src/x.ts:1: "omnitron.md" (not a page of docs/providers/)',
      'src/x.ts:3: "hamgam.md" (not a page of docs/providers/)',
      'src/x.ts:4: "DESIGN.md" (not a page of docs/providers/)',
      'src/x.ts:4: "targets.md" (not a page of docs/providers/)',
    ])
    // Inside docs/providers, a relative link to a sibling page is that page.
    expect(outsideCitations('docs/providers/hamgam.md', 'as for [Omnitron](omnitron.md)')).toEqual([])
    expect(outsideCitations('docs/architecture.md', 'see [it](omnitron.md)')).toEqual([
      'docs/architecture.md:1: "omnitron.md" (not a page of docs/providers/)',
    ])
  })
})

describe('links', () => {
  it('every relative link in README.md and docs/ resolves to a file of the repository (and a heading in it)', () => {
    const pages = ['README.md', ...filesUnder('docs').filter((f) => f.endsWith('.md'))]
    expect(pages).toContain(join('docs', 'architecture.md'))
    expect(pages.flatMap((f) => brokenLinks(f, readFileSync(join(ROOT, f), 'utf8'), readRepo))).toEqual([])
  })

  it('the check finds a missing file, a missing heading and a way out of the repository, and skips code', () => {
    const text = [
      '[ok](architecture.md) [ok](architecture.md#adding-a-fourth-provider) [ok](../src/core/)',
      '[gone](decisions/9999-none.md) [no heading](architecture.md#nowhere) [out](../../etc/passwd)',
      '[web](https://example.com/x.md) `[code](missing.md)`',
      '```',
      '[fenced](missing.md)',
      '```',
    ].join('\n')
    expect(brokenLinks('docs/README.md', text, readRepo)).toEqual([
      'docs/README.md: decisions/9999-none.md (no such file)',
      'docs/README.md: architecture.md#nowhere (no heading #nowhere)',
      'docs/README.md: ../../etc/passwd (outside the repository)',
    ])
  })
})
