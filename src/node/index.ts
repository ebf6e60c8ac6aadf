/**
 * order-contract-mock/node: everything of the platform-neutral entry, plus
 * what needs Node — the HTTP server, scenario folders on disk, the CLI's
 * pieces. Under Node the package root resolves here (conditional exports).
 */
import * as neutral from '../index.js'
import { readScenarioDir } from './scenario-files.js'

export * from '../index.js'
export { BUNDLED_SCENARIOS_DIR, loadScenarioDir, readScenarioDir } from './scenario-files.js'
export { type RunningServer, type ServerOptions, startServer } from './server.js'

export interface NodeScenarioOptions {
  /**
   * A folder of your own scenario files (YAML or JSON). It layers over the
   * bundled scenarios: the same name replaces the bundled one, and
   * `extends: default` builds on the bundled `default`.
   */
  scenariosDir?: string
}

export type CreateAppOptions = neutral.CreateAppOptions & NodeScenarioOptions
export type CreateMockOptions = neutral.CreateMockOptions & NodeScenarioOptions

/** The options with `scenariosDir` read into `scenarioSources` (the folder's files after any given texts). */
export function withScenarioDir<
  O extends NodeScenarioOptions & { scenarioSources?: readonly neutral.ScenarioSource[] },
>(options: O): Omit<O, 'scenariosDir'> {
  const { scenariosDir, ...rest } = options
  if (scenariosDir === undefined) return rest
  return { ...rest, scenarioSources: [...(rest.scenarioSources ?? []), ...readScenarioDir(scenariosDir)] }
}

export function createEngine(options: CreateAppOptions = {}): neutral.MockEngine {
  return neutral.createEngine(withScenarioDir(options))
}

/** The Hono app (fetch handler) with every provider and the admin API. Throws ScenarioError on bad scenario files. */
export function createApp(options: CreateAppOptions = {}): neutral.MockApp {
  return neutral.createApp(withScenarioDir(options))
}

/** The in-process mock. Needs `msw` installed (an optional peer dependency). */
export function createMock(options: CreateMockOptions): Promise<neutral.Mock> {
  return neutral.createMock(withScenarioDir(options))
}
