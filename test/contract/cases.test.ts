/**
 * The contract cases the drift check sends to the real provider, run here
 * against the mock itself over both transports: the cases are written once
 * (src/verify/cases), and each must get the answer it was written for with
 * the default scenario's records.
 */
import { describe, expect, it } from 'vitest'
import { CONTRACT_CASES, defaultRecords, placeholders, resolveRequest } from '../../src/verify/cases/index.js'
import { forEachTransport, json, type Transport } from '../support/transports.js'

const providers = Object.values(CONTRACT_CASES)

describe('the case list', () => {
  it.each(providers.map((p) => [p.provider, p] as const))(
    '%s: ids are unique and records name every placeholder',
    (_, p) => {
      const ids = p.cases.map((c) => c.id)
      expect(new Set(ids).size).toBe(ids.length)
      for (const c of p.cases) {
        expect(c.id.startsWith(`${p.provider}.`)).toBe(true)
        const used = [...placeholders(c.request)].filter((n) => n !== 'credential').sort()
        expect({ id: c.id, records: [...c.records].sort() }).toEqual({ id: c.id, records: used })
        for (const name of c.records) expect(Object.keys(p.records)).toContain(name)
      }
    },
  )

  it('has safe reads, authentication errors and refused writes for each provider, and writes apart', () => {
    for (const p of providers) {
      const safe = p.cases.filter((c) => c.tag === 'safe')
      expect(safe.some((c) => c.request.method === 'GET' && c.expect.status === 200)).toBe(true)
      expect(safe.filter((c) => c.expect.status === 401)).toHaveLength(2)
      expect(safe.some((c) => c.request.method !== 'GET' && c.expect.status >= 400)).toBe(true)
      // A safe case never expects a write to succeed.
      for (const c of safe) if (c.request.method !== 'GET') expect(c.expect.status).toBeGreaterThanOrEqual(400)
      expect(p.cases.some((c) => c.tag === 'writes')).toBe(true)
    }
  })
})

async function state(t: Transport, session: string) {
  return (await json(await t.admin('/state', { headers: { 'X-Mock-Session': session } }))).state
}

forEachTransport((t) => {
  for (const p of providers) {
    describe(p.provider, () => {
      it.each(p.cases.map((c) => [c.id, c] as const))('%s', async (_, c) => {
        const section = t().app.engine.scenarios.get('default')!.providers[p.provider]
        const credential = p.mockCredential(section)
        expect(credential).toBeTruthy()
        const request = resolveRequest(c.request, { ...defaultRecords(p), credential: credential! })
        const api = t().client(p.provider)
        const before = c.tag === 'safe' ? await state(t(), api.session) : undefined
        const res = await api(request.path, {
          method: request.method,
          headers: request.headers ?? {},
          ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
        })
        expect(res.status).toBe(c.expect.status)
        expect(res.headers.get('content-type')).toMatch(/^application\/json/)
        const body = await json(res)
        if (c.expect.body !== undefined) expect(body).toMatchObject(c.expect.body as object)
        // Safe cases change nothing, whatever they send.
        if (before !== undefined) expect(await state(t(), api.session)).toEqual(before)
      })
    })
  }
})
