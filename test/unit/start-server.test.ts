/**
 * startServer() builds and checks the scenarios before it loads node-server
 * (which only a server needs, so in-process users never load it): a bad
 * scenarios folder still throws at the call, synchronously, as createApp does.
 */
import { describe, expect, it } from 'vitest'
import { ScenarioError } from '../../src/core/scenario/registry.js'
import { startServer } from '../../src/node/index.js'

describe('startServer', () => {
  it('throws ScenarioError at the call for a bad scenarios folder, before listening', () => {
    expect(() => startServer({ port: 0, scenariosDir: '/nonexistent/scenarios' })).toThrow(ScenarioError)
  })

  it('serves and closes once node-server has loaded', async () => {
    const server = await startServer({ port: 0 })
    try {
      const res = await fetch(`${server.url}/omnitron/api/v1/orders/12345/`, {
        headers: { Authorization: 'Token omnitron-test-token' },
      })
      expect(res.status).toBe(200)
      expect((await res.json()).pk).toBe(12345)
    } finally {
      await server.close()
    }
  })
})
