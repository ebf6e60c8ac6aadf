import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createApp as createNeutralApp } from '../../src/index.js'
import { createApp, createMock } from '../../src/node/index.js'

const erp = { file: 'mine/erp.yaml', text: 'extends: default\ndescription: my ERP data\n' }

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ocm-scenarios-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

describe('own scenarios layer over the bundled ones', () => {
  it('in-process sources: `extends: default` works and the bundled scenarios stay', () => {
    const app = createNeutralApp({ scenarioSources: [erp] })
    expect(app.engine.scenarioNames()).toEqual(['default', 'erp', 'flaky', 'rules-relaxed'])
    const scenario = app.engine.scenarios.get('erp')!
    expect(scenario.origin).toBe('user')
    expect(scenario.extends).toBe('default')
    expect(app.engine.scenarios.get('default')!.origin).toBe('bundled')
  })

  it('a user file named like a bundled one replaces it, and may extend the bundled one it replaces', async () => {
    const app = createNeutralApp({
      scenarioSources: [{ file: 'mine/default.yaml', text: 'extends: default\ndescription: my default\n' }],
    })
    const res = await app.request('/__mock/scenarios')
    const body = (await res.json()) as { scenarios: Record<string, unknown>[] }
    expect(body.scenarios.find((s) => s.name === 'default')).toEqual({
      name: 'default',
      description: 'my default',
      origin: 'user',
      file: 'mine/default.yaml',
      overrides: 'scenarios/default.yaml',
      extends: 'default',
      providers: ['omnitron', 'hamgam', 'aymakan'],
      faults: expect.any(Array),
    })
    expect(body.scenarios.find((s) => s.name === 'flaky')).toMatchObject({
      origin: 'bundled',
      file: 'scenarios/flaky.yaml',
    })
    // The replaced default still seeds the bundled records (it extends them).
    const login = await app.request('/omnitron/api/v1/orders/1/', { headers: { Authorization: 'Token nope' } })
    expect(login.status).toBe(401)
  })

  it('bundledScenarios: false serves only the given ones', () => {
    const app = createNeutralApp({
      bundledScenarios: false,
      defaultScenario: 'solo',
      scenarioSources: [{ file: 'solo.yaml', text: 'description: alone\n' }],
    })
    expect(app.engine.scenarioNames()).toEqual(['solo'])
  })

  it('a scenarios folder (server, Docker mount, createMock) layers the same way', async () => {
    const dir = folder({ 'erp.yaml': erp.text })
    const app = createApp({ scenariosDir: dir })
    expect(app.engine.scenarioNames()).toEqual(['default', 'erp', 'flaky', 'rules-relaxed'])
    const mock = await createMock({ scenariosDir: dir, baseUrls: { omnitron: 'https://omnitron.example.com' } })
    expect(mock.engine.scenarios.get('erp')!.origin).toBe('user')
    expect(mock.engine.defaultScenario).toBe('default')
  })

  it('two user files of one name are still refused, naming both', () => {
    expect(() =>
      createNeutralApp({
        scenarioSources: [
          { file: 'a/erp.yaml', text: erp.text },
          { file: 'b/erp.yaml', text: erp.text },
        ],
      }),
    ).toThrow('b/erp.yaml: name: scenario "erp" is also defined in a/erp.yaml')
  })
})
