import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/index.js'

const scenario = `
description: own records inside the generated ranges
providers:
  omnitron:
    users: [{ username: u, password: p, token: t }]
    orders: [{ pk: 900001, status: "400" }]
    orderItems: [{ pk: 9000001, order: 900001 }]
    generate: { orders: 2, itemsPerOrder: 1 }
  hamgam:
    products: [{ id: 11, name: Saffron, sku: SAF, price: 100 }]
    orders: [{ id: 900001 }]
    generate: { orders: 1, itemsPerOrder: 0 }
`

describe('generated records', () => {
  it("skip the keys the scenario's own records use (no duplicate key, no failed seed)", async () => {
    const app = createApp({
      bundledScenarios: false,
      defaultScenario: 'mine',
      scenarioSources: [{ file: 'mine.yaml', text: scenario }],
    })
    const res = await app.request('/__mock/state')
    expect(res.status).toBe(200)
    const { state } = (await res.json()) as { state: Record<string, Record<string, { pk?: number; id?: number }[]>> }
    expect(state.omnitron!.orders!.map((o) => o.pk)).toEqual([900001, 900002, 900003])
    expect(state.omnitron!.orderItems!.map((i) => i.pk)).toEqual([9000001, 9000002, 9000003])
    expect(state.hamgam!.orders!.map((o) => o.id)).toEqual([900001, 900002])
  })
})
