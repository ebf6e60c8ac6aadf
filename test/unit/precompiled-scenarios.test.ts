/**
 * The bundled scenarios are parsed and validated at build time
 * (src/generated/precompiled-scenarios.ts); createApp uses that data instead
 * of parsing the YAML again. These prove it is the same data, that a user's
 * file of the very same text reuses it, and that anything else — a changed
 * file, a user's parent under a bundled child, a problem anywhere — takes the
 * full path with its exact messages. The build also seeds each one's first
 * session: those records are the ones drawing them at run time makes.
 */
import { describe, expect, it } from 'vitest'
import {
  buildScenarios,
  type PrecompiledScenario,
  ScenarioError,
  type ScenarioSource,
} from '../../src/core/scenario/registry.js'
import { createApp, scenarioSourcesOf } from '../../src/create-app.js'
import { PRECOMPILED_SCENARIOS_JSON } from '../../src/generated/precompiled-scenarios.js'
import { BUNDLED_SCENARIO_SOURCES } from '../../src/generated/scenarios.js'
import { allProviders } from '../../src/providers/index.js'

const precompiled = () => {
  const texts = new Map(BUNDLED_SCENARIO_SOURCES.map((s) => [s.file, s.text]))
  return new Map((JSON.parse(PRECOMPILED_SCENARIOS_JSON) as PrecompiledScenario[]).map((p) => [texts.get(p.file)!, p]))
}
const bundled = BUNDLED_SCENARIO_SOURCES
const defaultText = bundled.find((s) => s.file === 'scenarios/default.yaml')!.text
const flakyText = bundled.find((s) => s.file === 'scenarios/flaky.yaml')!.text

function problemsOf(build: () => unknown): string[] {
  try {
    build()
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError)
    return (error as ScenarioError).problems
  }
  throw new Error('expected a ScenarioError')
}

describe('precompiled bundled scenarios', () => {
  it('hold every bundled file', () => {
    expect(precompiled().size).toBe(bundled.length)
  })

  it('give the same scenarios as parsing and validating the files', () => {
    expect(buildScenarios(bundled, allProviders, precompiled())).toEqual(buildScenarios(bundled, allProviders))
  })

  it('give each app its own objects', () => {
    const a = buildScenarios(bundled, allProviders, precompiled())
    const b = buildScenarios(bundled, allProviders, precompiled())
    expect(a.get('default')!.providers).not.toBe(b.get('default')!.providers)
  })

  it('stand for a user file of the very same text (the container mounts the bundled files as /scenarios)', () => {
    const user: ScenarioSource[] = [
      { file: '/scenarios/default.yaml', text: defaultText, origin: 'user' },
      { file: '/scenarios/flaky.yaml', text: flakyText, origin: 'user' },
    ]
    const sources = [...bundled, ...user]
    const fast = buildScenarios(sources, allProviders, precompiled())
    expect(fast).toEqual(buildScenarios(sources, allProviders))
    expect(fast.get('default')).toMatchObject({
      file: '/scenarios/default.yaml',
      origin: 'user',
      overrides: 'scenarios/default.yaml',
    })
  })

  it('a bundled child over a user default of other content is validated again (its merged data differs)', () => {
    const user: ScenarioSource = {
      file: 'mine/default.yaml',
      text: 'extends: default\nseed: 7\n',
      origin: 'user',
    }
    const sources = [...bundled, user]
    const fast = buildScenarios(sources, allProviders, precompiled())
    expect(fast).toEqual(buildScenarios(sources, allProviders))
    expect(fast.get('flaky')!.seed).toBe(7)
  })

  it('an invalid user file gets the full path messages, line and column in the bundled parent included', () => {
    const user: ScenarioSource = {
      file: 'mine/bad.yaml',
      text: 'extends: default\nproviders:\n  omnitron:\n    orders:\n      - { pk: 12345, status: "999" }\n',
      origin: 'user',
    }
    const slow = problemsOf(() => buildScenarios([...bundled, user], allProviders))
    expect(problemsOf(() => buildScenarios([...bundled, user], allProviders, precompiled()))).toEqual(slow)
    expect(slow[0]).toMatch(/^mine\/bad\.yaml:5:\d+: providers\.omnitron\.orders\[0\]\.status: /)
  })

  it('are not used for an app that mounts only some providers (the bundled files name them all)', () => {
    const omnitronOnly = [allProviders[0]]
    const slow = problemsOf(() => buildScenarios(bundled, omnitronOnly))
    expect(problemsOf(() => createApp({ providers: omnitronOnly }))).toEqual(slow)
  })

  it('createApp serves the bundled scenarios from them', async () => {
    const app = createApp()
    expect(app.engine.scenarioNames()).toEqual(['default', 'drf-3.14-json-only', 'flaky', 'rules-relaxed'])
    expect([...app.engine.scenarios.values()]).toEqual([
      ...buildScenarios(scenarioSourcesOf({}), allProviders).values(),
    ])
  })

  describe('first seeds made by the build', () => {
    // The same files with a comment added: not the build's texts, so parsed, validated and drawn at run time.
    const drawn = () =>
      createApp({
        bundledScenarios: false,
        scenarioSources: bundled.map((s) => ({ ...s, text: `${s.text}\n# a copy\n` })),
      })
    const state = async (app: ReturnType<typeof createApp>, scenario: string, session = 'default') => {
      const res = await app.request('/__mock/state', {
        headers: { 'X-Mock-Scenario': scenario, 'X-Mock-Session': session },
      })
      expect(res.status).toBe(200)
      return JSON.stringify(((await res.json()) as { state: unknown }).state)
    }

    it('are stored for every bundled scenario and provider', () => {
      for (const pre of precompiled().values())
        expect(Object.keys(pre.seeds ?? {}), pre.file).toEqual(allProviders.map((p) => p.name))
    })

    it('are the records a run-time seed of the same scenario draws, byte for byte', async () => {
      const fast = createApp()
      const slow = drawn()
      for (const name of fast.engine.scenarioNames()) {
        const text = await state(fast, name)
        expect(text, name).toBe(await state(slow, name))
        expect(text.length, name).toBeGreaterThan(10_000)
      }
    })

    it('seed the providers a user scenario leaves as its parent has them (and only those), with the same records', async () => {
      // Only Omnitron's section differs from default's: Hamgam's and Aymakan's records are default's, the build's.
      const child = {
        file: 'mine/more.yaml',
        text: 'extends: default\nproviders:\n  omnitron:\n    generate: { orders: 1, itemsPerOrder: 30 }\n',
      }
      const reseeded = { file: 'mine/other-seed.yaml', text: 'extends: default\nseed: 8\n' }
      const fromTemplate: string[] = []
      const restore = allProviders.map((p) => {
        const seed = p.seed
        ;(p as { seed: unknown }).seed = (section: unknown, ctx: { template?: { json?: string } }) => {
          if (ctx.template?.json !== undefined) fromTemplate.push(p.name)
          return (seed as (s: unknown, c: unknown) => Promise<unknown>)(section, ctx)
        }
        return () => {
          ;(p as { seed: unknown }).seed = seed
        }
      })
      try {
        const fast = createApp({ scenarioSources: [child, reseeded] })
        const slow = createApp({
          bundledScenarios: false,
          scenarioSources: [...bundled.map((s) => ({ ...s, text: `${s.text}\n# a copy\n` })), child, reseeded],
        })
        expect(await state(fast, 'more')).toBe(await state(slow, 'more'))
        expect(fromTemplate).toEqual(['hamgam', 'aymakan'])
        // Another seed draws other records: nothing of the build's fits.
        expect(await state(fast, 'other-seed')).toBe(await state(slow, 'other-seed'))
        expect(fromTemplate).toEqual(['hamgam', 'aymakan'])
      } finally {
        for (const undo of restore) undo()
      }
    })

    it("give every session its own records: a write in one leaves the next one's as built", async () => {
      const app = createApp()
      const before = await state(app, 'default', 'a')
      const res = await app.request('/omnitron/api/v1/order_items/7105/', {
        method: 'PATCH',
        headers: {
          Authorization: 'Token omnitron-test-token',
          'Content-Type': 'application/json',
          'X-Mock-Session': 'a',
        },
        body: JSON.stringify({ tracking_number: 'TR-CHANGED' }),
      })
      expect(res.status).toBe(200)
      const after = await state(app, 'default', 'a')
      expect(after).not.toBe(before)
      expect(after).toContain('TR-CHANGED')
      expect(await state(app, 'default', 'b')).toBe(before)
      expect(await state(drawn(), 'default', 'b')).toBe(before)
    })
  })
})
