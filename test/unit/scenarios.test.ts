import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MockEngine } from '../../src/core/engine.js'
import { buildScenarios, ScenarioError, type ScenarioSource } from '../../src/core/scenario/registry.js'
import { scenarioJsonSchemaText } from '../../src/node/json-schema.js'
import { BUNDLED_SCENARIOS_DIR, loadScenarioDir } from '../../src/node/scenario-files.js'
import { allProviders } from '../../src/providers/index.js'

const base: ScenarioSource = {
  file: 'scenarios/base.yaml',
  text: `
description: base
providers:
  omnitron:
    users: [{ username: u, password: p, token: t }]
    orders:
      - { pk: 1, status: "400", number: "N1" }
      - { pk: 2, status: "450" }
    orderItems:
      - { pk: 10, order: 1 }
`,
}

function problemsOf(sources: ScenarioSource[]): string[] {
  try {
    buildScenarios(sources, allProviders)
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError)
    return (error as ScenarioError).problems
  }
  throw new Error('expected a ScenarioError')
}

async function stateOf(sources: ScenarioSource[], name: string) {
  const engine = new MockEngine({
    providers: allProviders,
    scenarios: buildScenarios(sources, allProviders),
    defaultScenario: name,
  })
  return engine.state(await engine.session(name, 'x'))
}

describe('scenario files', () => {
  it('loads the bundled scenarios', () => {
    const scenarios = loadScenarioDir(BUNDLED_SCENARIOS_DIR, allProviders)
    expect([...scenarios.keys()]).toContain('default')
    expect(scenarios.get('default')!.description).not.toBe('')
  })

  it.each([
    [
      'a value of the wrong type, with the path inside the file',
      'providers:\n  omnitron:\n    orders:\n      - { pk: 1, status: "999" }\n',
      /^scenarios\/bad\.yaml:4:26: providers\.omnitron\.orders\[0\]\.status: Invalid option/,
    ],
    ['an unknown key', 'descripton: typo\n', /^scenarios\/bad\.yaml:1:1: \(root\): unknown key "descripton"$/],
    ['a YAML syntax error, with line and column', 'providers: [\n', /^scenarios\/bad\.yaml:\d+:\d+: /],
    [
      'an unknown parent',
      'extends: nowhere\n',
      /^scenarios\/bad\.yaml:1:10: extends: unknown scenario "nowhere" \(known: bad\)$/,
    ],
    [
      'an item of an order that is not there',
      'providers:\n  omnitron:\n    orderItems: [{ pk: 5, order: 77 }]\n',
      /^scenarios\/bad\.yaml:3:34: providers\.omnitron\.orderItems\[0\]\.order: order 77 is not in orders$/,
    ],
    [
      'an unknown rule id',
      'rules: { disabled: [no.such.rule] }\n',
      /^scenarios\/bad\.yaml:1:21: rules\.disabled\[0\]: unknown rule id "no\.such\.rule"/,
    ],
    [
      'a provider that does not exist',
      'providers: { shopify: {} }\n',
      /^scenarios\/bad\.yaml:1:12: providers: unknown key "shopify"$/,
    ],
    ['not a mapping', '- a\n- b\n', /^scenarios\/bad\.yaml: \(root\): expected a mapping/],
  ])('names the file and the path for %s', (_, text, pattern) => {
    const problems = problemsOf([{ file: 'scenarios/bad.yaml', text }])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(pattern)
  })

  it('reports every problem of every file at once', () => {
    const problems = problemsOf([
      { file: 'a.yaml', text: 'seed: -1\n' },
      { file: 'b.yaml', text: 'seed: "x"\nrefDate: yesterday\n' },
    ])
    expect(problems.map((p) => p.split(':')[0])).toEqual(['a.yaml', 'b.yaml', 'b.yaml'])
  })

  it('finds an extends cycle', () => {
    const problems = problemsOf([
      { file: 'a.yaml', text: 'extends: b\n' },
      { file: 'b.yaml', text: 'extends: a\n' },
    ])
    expect(problems[0]).toMatch(/extends: cycle/)
  })

  it('refuses two scenarios with one name', () => {
    const problems = problemsOf([
      { file: 'x/a.yaml', text: 'description: one\n' },
      { file: 'x/b.yaml', text: 'name: a\n' },
    ])
    expect(problems).toEqual(['x/b.yaml: name: scenario "a" is also defined in x/a.yaml'])
  })

  it('extends: objects merge, records merge by primary key, the parent is untouched', async () => {
    const child: ScenarioSource = {
      file: 'scenarios/child.yaml',
      text: `
extends: base
providers:
  omnitron:
    orders:
      - { pk: 1, status: "500" }
      - { pk: 3 }
`,
    }
    const state = await stateOf([base, child], 'child')
    const orders = state.omnitron!.orders as { pk: number; status: string; number: string }[]
    expect(orders.map((o) => o.pk)).toEqual([1, 2, 3])
    expect(orders[0]).toMatchObject({ status: '500', number: 'N1' })
    const parent = await stateOf([base, child], 'base')
    expect((parent.omnitron!.orders as { status: string }[])[0]!.status).toBe('400')
  })

  it('the same scenario seeds byte-identical data on every run; another seed differs', async () => {
    const generated = (seed: number): ScenarioSource => ({
      file: 'g.yaml',
      text: `seed: ${seed}\nproviders:\n  omnitron:\n    generate: { orders: 5, itemsPerOrder: 2 }\n`,
    })
    const a = JSON.stringify(await stateOf([generated(7)], 'g'))
    const b = JSON.stringify(await stateOf([generated(7)], 'g'))
    const c = JSON.stringify(await stateOf([generated(8)], 'g'))
    expect(a).toBe(b)
    expect(a).not.toBe(c)
    expect(JSON.parse(a).omnitron.orderItems).toHaveLength(10)
  })

  it('a __proto__ key in a scenario file stays data', async () => {
    const polluting: ScenarioSource = {
      file: 'p.yaml',
      text: 'providers:\n  omnitron:\n    orders:\n      - pk: 1\n        extra_field: { __proto__: { polluted: true }, a: 1 }\n',
    }
    const state = await stateOf([polluting], 'p')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.keys((state.omnitron!.orders[0] as { extra_field: object }).extra_field)).toContain('a')
  })

  it('the committed JSON Schema is the one the zod schemas generate (npm run schema)', () => {
    const committed = readFileSync(new URL('../../scenarios/scenario.schema.json', import.meta.url), 'utf8')
    expect(committed).toBe(scenarioJsonSchemaText(allProviders))
  })
})

describe('scenario errors: one pass, the user’s own file, line:column', () => {
  it('schema, extends, rule-id and fault errors come together', () => {
    const problems = problemsOf([
      {
        file: 'bad.yaml',
        text: 'extends: nowhere\nseed: -1\nrules: { disabled: [nope] }\nfaults: [{ name: a, status: { code: 500 }, match: { provider: shopify } }, { name: a, status: { code: 503 } }]\n',
      },
    ])
    expect(problems).toEqual([
      'bad.yaml:1:10: extends: unknown scenario "nowhere" (known: bad)',
      'bad.yaml:2:7: seed: Too small: expected number to be >=0',
      'bad.yaml:4:63: faults[0].match.provider: unknown provider "shopify"',
      'bad.yaml:4:84: faults[1].name: duplicate fault name "a"',
      'bad.yaml:3:21: rules.disabled[0]: unknown rule id "nope" (see GET /__mock/rules)',
    ])
  })

  it('with extends, a merged record is named by its index in the file that wrote it', () => {
    const child: ScenarioSource = {
      file: 'erp/child.yaml',
      text: 'extends: base\nproviders:\n  omnitron:\n    orders:\n      - { pk: 3, status: "999" }\n      - { pk: 2, status: "bad" }\n',
    }
    expect(problemsOf([base, child])).toEqual([
      expect.stringMatching(/^erp\/child\.yaml:6:26: providers\.omnitron\.orders\[1\]\.status: Invalid option/),
      expect.stringMatching(/^erp\/child\.yaml:5:26: providers\.omnitron\.orders\[0\]\.status: Invalid option/),
    ])
  })

  it("a parent's own mistake is named in the parent's file, once", () => {
    const parent: ScenarioSource = {
      file: 'p.yaml',
      text: 'providers:\n  omnitron:\n    orders: [{ pk: 1, status: "0" }]\n',
    }
    const child: ScenarioSource = {
      file: 'c.yaml',
      text: 'extends: p\nproviders:\n  omnitron:\n    orders: [{ pk: 2 }]\n',
    }
    expect(problemsOf([parent, child])).toEqual([
      expect.stringMatching(/^p\.yaml:3:31: providers\.omnitron\.orders\[0\]\.status: Invalid option/),
    ])
  })

  it("a fixture's shipping_company must be in the scenario's shippingCompanies", () => {
    const text = (companies: string) =>
      `providers:\n  omnitron:\n${companies}    orders: [{ pk: 1 }]\n    orderItems: [{ pk: 2, order: 1, shipping_company: Yurtici }]\n`
    expect(problemsOf([{ file: 'f.yaml', text: text('') }])).toEqual([
      expect.stringMatching(
        /^f\.yaml:4:55: providers\.omnitron\.orderItems\[0\]\.shipping_company: "Yurtici" is not one of the scenario's shippingCompanies \(yurtici, aras,/,
      ),
    ])
    expect(() =>
      buildScenarios([{ file: 'f.yaml', text: text('    shippingCompanies: [Yurtici]\n') }], allProviders),
    ).not.toThrow()
  })
})
