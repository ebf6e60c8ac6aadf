import { type Document, isCollection, isNode, LineCounter, parseDocument } from 'yaml'
import type { z } from 'zod'
import { type Instant, parseInstant } from '../clock.js'
import type { FaultSpec } from '../faults.js'
import { jsonDataIssue } from '../json-data.js'
import type { AnyProvider } from '../provider.js'
import { identityKey, isPlain, mergeScenario } from './merge.js'
import { SCENARIO_NAME, type ScenarioDocument, scenarioSchema } from './schema.js'

/** A validated scenario, `extends` resolved. */
export interface Scenario {
  readonly name: string
  readonly description: string
  readonly file: string
  /** Shipped with the package, or the user's own (which wins over a bundled one of the same name). */
  readonly origin: ScenarioOrigin
  /** Set when this user scenario replaced a bundled one of the same name: that file. */
  readonly overrides?: string
  readonly extends?: string
  readonly seed: number
  readonly refDate: Date
  readonly now?: Instant
  readonly disabledRules: ReadonlySet<string>
  readonly faults: readonly FaultSpec[]
  /** Each provider's validated section (absent: the provider seeds nothing). */
  readonly providers: Readonly<Record<string, unknown>>
}

/** One scenario file as read: its path (for messages) and its text. */
export interface ScenarioSource {
  file: string
  text: string
  /** Default `user`. */
  origin?: ScenarioOrigin
}

export type ScenarioOrigin = 'bundled' | 'user'

/** Every problem found in the scenario files, each naming the file and the path inside it. */
export class ScenarioError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid scenarios:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ScenarioError'
  }
}

/** A file as parsed: its data, and the YAML document and line table that place a path in it. */
interface Parsed {
  value: unknown
  yaml: Document
  lines: LineCounter
}

/** Parses YAML (or JSON, which is YAML) text; errors carry line and column. */
function parseText(source: ScenarioSource, problems: string[]): Parsed | undefined {
  const lines = new LineCounter()
  const doc = parseDocument(source.text, { prettyErrors: true, uniqueKeys: true, lineCounter: lines })
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const at = e.linePos?.[0]
      problems.push(
        `${source.file}${at ? `:${at.line}:${at.col}` : ''}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      )
    }
    return undefined
  }
  // `__proto__` keys in a file stay plain data (yaml builds maps with defineProperty-safe objects).
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    // e.g. "Excessive alias count": an alias bomb.
    problems.push(`${source.file}: ${(error as Error).message.split('\n')[0]}`)
    return undefined
  }
  const parsed = { value, yaml: doc, lines }
  // YAML holds more than JSON: an alias inside its own anchor is a cycle, `.nan` and `.inf` are numbers JSON
  // has not. A scenario's records are rendered as JSON, so such a file is refused here, placed.
  const issue = jsonDataIssue(value)
  if (issue) {
    problems.push(`${placeIn(source.file, parsed, issue.path)}: ${formatPath(issue.path)}: ${issue.reason}`)
    return undefined
  }
  return parsed
}

/**
 * `file:line:col` of a path in a parsed file: the node at the path, or the
 * deepest one that exists on the way (a missing key is placed at its parent).
 */
function placeIn(file: string, parsed: Parsed | undefined, path: readonly PropertyKey[]): string {
  if (!parsed) return file
  let node: unknown = parsed.yaml.contents
  for (const key of path) {
    if (!isCollection(node)) break
    const next = node.get(typeof key === 'number' ? key : String(key), true)
    if (!isNode(next)) break
    node = next
  }
  const offset = isNode(node) ? node.range?.[0] : undefined
  if (offset === undefined) return file
  const { line, col } = parsed.lines.linePos(offset)
  return `${file}:${line}:${col}`
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`
  return out || '(root)'
}

type Entry = {
  source: ScenarioSource
  doc: Record<string, unknown>
  parsed?: Parsed
  overrides?: string
  /** The build-time result for a file of this very text (no YAML parsed for it). */
  pre?: PrecompiledScenario
}
/** The files read, by scenario name, and the bundled ones a user's file of the same name replaced. */
type Read = { raw: Map<string, Entry>; shadowed: Map<string, Entry> }

/**
 * A bundled scenario as the build parsed and validated it (scripts/generate.mjs):
 * the file as written and the schema's output, both plain JSON.
 */
export interface PrecompiledScenario {
  file: string
  /** The scenario's name (from `name:` or the file name). */
  name: string
  /** The file's data as parsed (what `extends` merges). */
  raw: Record<string, unknown>
  /** The schema's output for the scenario with its `extends` chain merged in. */
  doc: ScenarioDocument
  /**
   * Each provider's records for the scenario's first session, as the engine's
   * seed made them at build time (JSON of the records by table; absent for a
   * provider whose seed is too large to keep, see `Table.seed`).
   */
  seeds?: Record<string, string>
}

/** The build's seeded records of the scenarios made from a precompiled file (see `PrecompiledScenario.seeds`). */
const seedsOf = new WeakMap<Scenario, Readonly<Record<string, string>>>()

/** The records the build seeded for this very scenario, by provider, if it was made from a precompiled file. */
export function builtSeeds(scenario: Scenario): Readonly<Record<string, string>> | undefined {
  return seedsOf.get(scenario)
}

/**
 * The build's results for the bundled files, by file text. They were made with
 * every provider mounted; a caller passes them only then.
 */
export type PrecompiledScenarios = ReadonlyMap<string, PrecompiledScenario>

/**
 * Reads every source, resolves `extends`, validates the result against the
 * full schema (core + every provider's section) and checks cross-references
 * (disabled rule ids, fault providers), all in one pass: a schema error does
 * not hide a bad rule id, an unknown parent does not hide the file's own
 * errors. Each problem names the file that wrote the value (under `extends`,
 * the child's or the parent's) with line:column and its path in that file.
 * Throws one ScenarioError listing every problem.
 *
 * `precompiled` (the bundled files as the build validated them) skips the
 * YAML parse of a file whose text is one of them, and the validation of a
 * scenario whose file and whole `extends` chain are those very files: the
 * result is the same data. On any problem the whole set is built again
 * without them, so every message is exactly what the full path says.
 */
export function buildScenarios(
  sources: readonly ScenarioSource[],
  providers: readonly AnyProvider[],
  precompiled?: PrecompiledScenarios,
): Map<string, Scenario> {
  const problems: string[] = []
  const read = readSources(sources, problems, precompiled)
  let schema: ReturnType<typeof scenarioSchema> | undefined
  const resolved = new Map<string, Scenario>()
  for (const [name, entry] of read.raw) {
    const pre = reusable(read, name, entry)
    if (pre) {
      const scenario = toScenario(name, entry, pre.doc)
      if (pre.seeds) seedsOf.set(scenario, pre.seeds)
      resolved.set(name, scenario)
      continue
    }
    schema ??= scenarioSchema(providers)
    const merged = resolveExtends(read, name, [], entry, problems)
    if (!merged) {
      // The parent is missing or circular: still report what is wrong in this file itself.
      const own = { doc: entry.doc, locate: ownLocate(entry) }
      validateScenario(name, entry, own, schema, providers, problems, { ownFileOnly: true })
      continue
    }
    const scenario = validateScenario(name, entry, merged, schema, providers, problems)
    if (scenario) resolved.set(name, scenario)
  }
  // Messages place each problem by line and column, which a precompiled file (not parsed here) cannot.
  if (problems.length > 0 && precompiled) return buildScenarios(sources, providers)
  // A parent's problem is found again through each child: say it once.
  if (problems.length > 0) throw new ScenarioError([...new Set(problems)])
  return resolved
}

/**
 * The build's result for this scenario when it is exactly what the build
 * validated: the same file text under the same name, and every `extends`
 * parent the same too (a user's `default` under a bundled child changes it).
 */
function reusable(read: Read, name: string, entry: Entry, depth = 0): PrecompiledScenario | undefined {
  const pre = entry.pre
  if (!pre || pre.name !== name || depth > read.raw.size) return undefined
  const parentName = entry.doc.extends
  if (parentName === undefined) return pre
  if (typeof parentName !== 'string' || parentName === name) return undefined
  const parent = read.raw.get(parentName)
  return parent && pre.doc.extends === parentName && reusable(read, parentName, parent, depth + 1) ? pre : undefined
}

/**
 * Every bundled file as the build stores it: parsed and validated, with all
 * providers mounted. Throws ScenarioError as buildScenarios does.
 */
export function precompileScenarios(
  sources: readonly ScenarioSource[],
  providers: readonly AnyProvider[],
): PrecompiledScenario[] {
  const problems: string[] = []
  const read = readSources(sources, problems)
  const schema = scenarioSchema(providers)
  const out: PrecompiledScenario[] = []
  for (const [name, entry] of read.raw) {
    const merged = resolveExtends(read, name, [], entry, problems)
    if (!merged) continue
    const parsed = schema.safeParse({ ...merged.doc, name })
    if (validateScenario(name, entry, merged, schema, providers, problems) && parsed.success)
      out.push({ file: entry.source.file, name, raw: entry.doc, doc: parsed.data })
  }
  if (problems.length > 0) throw new ScenarioError([...new Set(problems)])
  return out
}

/** Parses each source and names it; the user's files layer over the bundled ones (the same name replaces it). */
function readSources(sources: readonly ScenarioSource[], problems: string[], precompiled?: PrecompiledScenarios): Read {
  const raw = new Map<string, Entry>()
  const shadowed = new Map<string, Entry>()
  for (const source of sources) {
    const pre = precompiled?.get(source.text)
    const parsed = pre ? undefined : parseText(source, problems)
    if (!pre && parsed === undefined) continue
    const doc = pre ? pre.raw : parsed?.value
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      problems.push(`${source.file}: (root): expected a mapping (name, description, providers, ...)`)
      continue
    }
    const record = doc as Record<string, unknown>
    const stem = source.file.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/i, '')
    const name = typeof record.name === 'string' ? record.name : stem
    if (!SCENARIO_NAME.test(name)) {
      problems.push(`${source.file}: name: "${name}" is not a valid scenario name (letters, digits, ".", "_", "-")`)
      continue
    }
    const clash = raw.get(name)
    if (clash && (clash.source.origin ?? 'user') === 'bundled' && (source.origin ?? 'user') === 'user') {
      shadowed.set(name, clash)
      raw.set(name, {
        source,
        doc: record,
        ...(parsed && { parsed }),
        ...(pre && { pre }),
        overrides: clash.source.file,
      })
    } else if (clash) {
      problems.push(`${source.file}: name: scenario "${name}" is also defined in ${clash.source.file}`)
    } else {
      raw.set(name, { source, doc: record, ...(parsed && { parsed }), ...(pre && { pre }) })
    }
  }
  return { raw, shadowed }
}

/** Where a path of a (merged) document was written: `file:line:col: path-in-that-file`. */
type Locate = (path: readonly PropertyKey[]) => string

/** A scenario's document with its `extends` chain merged in, and where each part of it came from. */
interface Resolved {
  doc: Record<string, unknown>
  locate: Locate
}

function ownLocate(entry: Entry): Locate {
  return (path) => `${placeIn(entry.source.file, entry.parsed, path)}: ${formatPath(path)}`
}

/** The scenario's document with its `extends` chain merged in (parent first). */
function resolveExtends(
  read: Read,
  name: string,
  chain: string[],
  entry: Entry,
  problems: string[],
): Resolved | undefined {
  const own = ownLocate(entry)
  const parentName = entry.doc.extends
  if (parentName === undefined || typeof parentName !== 'string') return { doc: entry.doc, locate: own } // the schema reports a bad type
  // A user's `default` that says `extends: default` builds on the bundled one it replaces.
  const replaced = parentName === name && entry.overrides !== undefined ? read.shadowed.get(name) : undefined
  const parentEntry = replaced ?? read.raw.get(parentName)
  if (!replaced && chain.includes(parentName)) {
    problems.push(`${own(['extends'])}: cycle ${[...chain, name, parentName].join(' -> ')}`)
    return undefined
  }
  if (!parentEntry) {
    const known = [...read.raw.keys()].sort().join(', ')
    problems.push(`${own(['extends'])}: unknown scenario "${parentName}" (known: ${known})`)
    return undefined
  }
  const parent = resolveExtends(
    read,
    parentName,
    [...chain, replaced ? `${name} (bundled)` : name],
    parentEntry,
    problems,
  )
  if (!parent) return undefined
  const doc = mergeScenario(parent.doc, entry.doc) as Record<string, unknown>
  return { doc, locate: mergedLocate(doc, entry.doc, own, parent) }
}

const step = (v: unknown, key: PropertyKey): unknown =>
  (isPlain(v) || Array.isArray(v)) && Object.hasOwn(v, key) ? (v as Record<PropertyKey, unknown>)[key] : undefined

/**
 * Maps a path of the merged document back to the file that wrote it. Lists of
 * records merge by identity, so merged index 7 may be the child's index 0 or
 * the parent's index 7: the record's key finds it in each. The child wins
 * where it wrote the value (or part of it); otherwise the parent's own
 * locator continues (a parent may itself extend another).
 */
function mergedLocate(merged: unknown, child: unknown, childLocate: Locate, parent: Resolved): Locate {
  return (path) => {
    let m = merged
    let c: unknown = child
    let p: unknown = parent.doc
    let cDepth = 0
    let pDepth = 0
    const cPath: PropertyKey[] = []
    const pPath: PropertyKey[] = []
    for (const seg of path) {
      let ci: PropertyKey = seg
      let pi: PropertyKey = seg
      if (typeof seg === 'number' && Array.isArray(m)) {
        const record = m[seg]
        const key = Array.isArray(p) && Array.isArray(c) ? identityKey(p) : undefined
        if (key !== undefined && identityKey(c as unknown[]) === key && isPlain(record)) {
          ci = (c as Record<string, unknown>[]).findIndex((r) => r[key] === record[key])
          pi = (p as Record<string, unknown>[]).findIndex((r) => r[key] === record[key])
        } else if (Array.isArray(c))
          pi = -1 // the child's list replaced the parent's whole
        else ci = -1
      }
      c = typeof ci === 'number' && ci < 0 ? undefined : step(c, ci)
      p = typeof pi === 'number' && pi < 0 ? undefined : step(p, pi)
      if (c !== undefined) cDepth++
      if (p !== undefined) pDepth++
      cPath.push(c === undefined && typeof ci === 'number' && ci < 0 ? seg : ci)
      pPath.push(p === undefined && typeof pi === 'number' && pi < 0 ? seg : pi)
      m = step(m, seg)
    }
    return cDepth >= pDepth || cDepth === path.length ? childLocate(cPath) : parent.locate(pPath)
  }
}

/** The merged document checked against the schema and the cross-references, as a Scenario. */
function validateScenario(
  name: string,
  entry: Entry,
  { doc: merged, locate }: Resolved,
  schema: ReturnType<typeof scenarioSchema>,
  providers: readonly AnyProvider[],
  problems: string[],
  options: { ownFileOnly?: boolean } = {},
): Scenario | undefined {
  const before = problems.length
  const parsed = schema.safeParse({ ...merged, name })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // Without its parent a file's cross-record checks (an item's order is in orders) would be guesses.
      if (options.ownFileOnly && issue.code === 'custom') continue
      problems.push(`${locate(issue.path)}: ${describeIssue(issue)}`)
    }
  }
  checkReferences(merged, locate, providers, problems)
  if (!parsed.success || problems.length > before) return undefined
  return toScenario(name, entry, parsed.data)
}

/** The Scenario of a validated document. */
function toScenario(name: string, { source, overrides }: Entry, doc: ScenarioDocument): Scenario {
  return {
    name,
    description: doc.description,
    file: source.file,
    origin: source.origin ?? 'user',
    ...(overrides !== undefined && { overrides }),
    ...(doc.extends !== undefined && { extends: doc.extends }),
    seed: doc.seed,
    refDate: new Date(parseInstant(doc.refDate)!.seconds * 1000),
    ...(doc.now !== undefined && { now: parseInstant(doc.now)! }),
    disabledRules: new Set(doc.rules.disabled),
    faults: doc.faults,
    providers: doc.providers as Record<string, unknown>,
  }
}

/**
 * Fault names and providers, and disabled rule ids, read from the document as
 * written (not the schema's output), so they are checked even when the schema
 * found other errors.
 */
function checkReferences(
  doc: Record<string, unknown>,
  locate: Locate,
  providers: readonly AnyProvider[],
  problems: string[],
): void {
  const faults = Array.isArray(doc.faults) ? doc.faults : []
  const faultNames = new Set<string>()
  faults.forEach((f, i) => {
    if (!isPlain(f)) return
    if (typeof f.name === 'string') {
      if (faultNames.has(f.name)) problems.push(`${locate(['faults', i, 'name'])}: duplicate fault name "${f.name}"`)
      faultNames.add(f.name)
    }
    const provider = isPlain(f.match) ? f.match.provider : undefined
    if (typeof provider === 'string' && !providers.some((p) => p.name === provider)) {
      problems.push(`${locate(['faults', i, 'match', 'provider'])}: unknown provider "${provider}"`)
    }
  })
  const ruleIds = new Set(providers.flatMap((p) => p.rules.map((r) => r.id)))
  const disabled = isPlain(doc.rules) && Array.isArray(doc.rules.disabled) ? doc.rules.disabled : []
  disabled.forEach((id, i) => {
    if (typeof id === 'string' && !ruleIds.has(id))
      problems.push(`${locate(['rules', 'disabled', i])}: unknown rule id "${id}" (see GET /__mock/rules)`)
  })
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
  return issue.message
}
