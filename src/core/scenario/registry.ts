import { parseDocument } from 'yaml'
import type { z } from 'zod'
import { type Instant, parseInstant } from '../clock.js'
import type { FaultSpec } from '../faults.js'
import type { AnyProvider } from '../provider.js'
import { mergeScenario } from './merge.js'
import { SCENARIO_NAME, scenarioSchema } from './schema.js'

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

/** Parses YAML (or JSON, which is YAML) text; errors carry line and column. */
function parseText(source: ScenarioSource, problems: string[]): unknown {
  const doc = parseDocument(source.text, { prettyErrors: true, uniqueKeys: true })
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
  try {
    return doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    // e.g. "Excessive alias count": an alias bomb.
    problems.push(`${source.file}: ${(error as Error).message.split('\n')[0]}`)
    return undefined
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`
  return out || '(root)'
}

type Entry = { source: ScenarioSource; doc: Record<string, unknown>; overrides?: string }
/** The files read, by scenario name, and the bundled ones a user's file of the same name replaced. */
type Read = { raw: Map<string, Entry>; shadowed: Map<string, Entry> }

/**
 * Reads every source, resolves `extends`, validates the result against the
 * full schema (core + every provider's section) and checks cross-references
 * (disabled rule ids, fault providers). Throws one ScenarioError listing every problem.
 */
export function buildScenarios(
  sources: readonly ScenarioSource[],
  providers: readonly AnyProvider[],
): Map<string, Scenario> {
  const problems: string[] = []
  const read = readSources(sources, problems)
  const schema = scenarioSchema(providers)
  const resolved = new Map<string, Scenario>()
  for (const [name, entry] of read.raw) {
    const merged = resolveExtends(read, name, [], entry, problems)
    if (!merged) continue
    const scenario = validateScenario(name, entry, merged, schema, providers, problems)
    if (scenario) resolved.set(name, scenario)
  }
  if (problems.length > 0) throw new ScenarioError(problems)
  return resolved
}

/** Parses each source and names it; the user's files layer over the bundled ones (the same name replaces it). */
function readSources(sources: readonly ScenarioSource[], problems: string[]): Read {
  const raw = new Map<string, Entry>()
  const shadowed = new Map<string, Entry>()
  for (const source of sources) {
    const doc = parseText(source, problems)
    if (doc === undefined) continue
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
      raw.set(name, { source, doc: record, overrides: clash.source.file })
    } else if (clash) {
      problems.push(`${source.file}: name: scenario "${name}" is also defined in ${clash.source.file}`)
    } else {
      raw.set(name, { source, doc: record })
    }
  }
  return { raw, shadowed }
}

/** The scenario's document with its `extends` chain merged in (parent first). */
function resolveExtends(
  read: Read,
  name: string,
  chain: string[],
  entry: Entry,
  problems: string[],
): Record<string, unknown> | undefined {
  const parentName = entry.doc.extends
  if (parentName === undefined) return entry.doc
  if (typeof parentName !== 'string') return entry.doc // the schema reports the type
  // A user's `default` that says `extends: default` builds on the bundled one it replaces.
  const replaced = parentName === name && entry.overrides !== undefined ? read.shadowed.get(name) : undefined
  const parentEntry = replaced ?? read.raw.get(parentName)
  if (!replaced && chain.includes(parentName)) {
    problems.push(`${entry.source.file}: extends: cycle ${[...chain, name, parentName].join(' -> ')}`)
    return undefined
  }
  if (!parentEntry) {
    const known = [...read.raw.keys()].sort().join(', ')
    problems.push(`${entry.source.file}: extends: unknown scenario "${parentName}" (known: ${known})`)
    return undefined
  }
  const parent = resolveExtends(
    read,
    parentName,
    [...chain, replaced ? `${name} (bundled)` : name],
    parentEntry,
    problems,
  )
  return parent && (mergeScenario(parent, entry.doc) as Record<string, unknown>)
}

/** The merged document checked against the schema and the cross-references, as a Scenario. */
function validateScenario(
  name: string,
  { source, overrides }: Entry,
  merged: Record<string, unknown>,
  schema: ReturnType<typeof scenarioSchema>,
  providers: readonly AnyProvider[],
  problems: string[],
): Scenario | undefined {
  const parsed = schema.safeParse({ ...merged, name })
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${source.file}: ${formatPath(issue.path)}: ${describeIssue(issue)}`)
    return undefined
  }
  const doc = parsed.data
  const before = problems.length
  const faultNames = new Set<string>()
  doc.faults.forEach((f, i) => {
    if (faultNames.has(f.name)) problems.push(`${source.file}: faults[${i}].name: duplicate fault name "${f.name}"`)
    faultNames.add(f.name)
    if (f.match.provider !== undefined && !providers.some((p) => p.name === f.match.provider)) {
      problems.push(`${source.file}: faults[${i}].match.provider: unknown provider "${f.match.provider}"`)
    }
  })
  const ruleIds = new Set(providers.flatMap((p) => p.rules.map((r) => r.id)))
  for (const [i, id] of doc.rules.disabled.entries()) {
    if (!ruleIds.has(id))
      problems.push(`${source.file}: rules.disabled[${i}]: unknown rule id "${id}" (see GET /__mock/rules)`)
  }
  if (problems.length > before) return undefined
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

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
  return issue.message
}
