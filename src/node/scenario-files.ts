import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import type { AnyProvider } from '../core/provider.js'
import {
  buildScenarios,
  type Scenario,
  ScenarioError,
  type ScenarioOrigin,
  type ScenarioSource,
} from '../core/scenario/registry.js'
import { PACKAGE_ROOT } from './package-root.js'

/** The scenarios shipped with the package (`scenarios/` beside `dist/`). */
export const BUNDLED_SCENARIOS_DIR = `${join(PACKAGE_ROOT, 'scenarios')}${sep}`

const SCENARIO_FILE = /\.(ya?ml|json)$/i

/**
 * The scenario files of a directory as sources (not recursive; the JSON
 * Schema is skipped). Throws ScenarioError when the folder cannot be read or
 * holds none.
 */
export function readScenarioDir(dir: string, origin: ScenarioOrigin = 'user'): ScenarioSource[] {
  let names: string[]
  try {
    if (!statSync(dir).isDirectory()) throw new ScenarioError([`${dir}: not a directory`])
    names = readdirSync(dir).sort()
  } catch (error) {
    if (error instanceof ScenarioError) throw error
    throw new ScenarioError([
      `${dir}: cannot read the scenarios directory (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    ])
  }
  const sources: ScenarioSource[] = []
  for (const name of names) {
    if (!SCENARIO_FILE.test(name) || name.endsWith('.schema.json')) continue
    const file = join(dir, name)
    sources.push({ file: relative(process.cwd(), file) || file, text: readFileSync(file, 'utf8'), origin })
  }
  if (sources.length === 0) throw new ScenarioError([`${dir}: no scenario files (*.yaml, *.yml, *.json)`])
  return sources
}

/** Builds the scenarios of one directory alone (no bundled ones layered under it). */
export function loadScenarioDir(dir: string, providers: readonly AnyProvider[]): Map<string, Scenario> {
  return buildScenarios(readScenarioDir(dir), providers)
}
