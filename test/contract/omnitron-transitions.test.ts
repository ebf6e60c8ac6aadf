/**
 * Status transitions: the documents are silent on leaving a final status, so
 * by default the mock allows it (an assumption, in the fidelity table); the
 * opt-in `settings.transitions: strict` refuses it under its own rule id.
 */
import { expect, it } from 'vitest'
import { AUTH, type Client, forEachTransport, JSON_HEADERS, json } from '../support/transports.js'

const STRICT = `
name: strict-transitions
extends: default
providers:
  omnitron:
    settings: { transitions: strict }
`
const STRICT_BUT_DISABLED = `
name: strict-disabled
extends: strict-transitions
rules:
  disabled: [omnitron.item.final-status-is-final]
`
const RULE = 'omnitron.item.final-status-is-final'

const patchItem = (api: Client, pk: number, body: unknown) =>
  api(`/api/v1/order_items/${pk}/`, { method: 'PATCH', headers: JSON_HEADERS, body: JSON.stringify(body) })
const statusOf = async (api: Client, pk: number) =>
  (await json(await api(`/api/v1/order_items/${pk}/`, { headers: AUTH }))).status

forEachTransport(
  (t) => {
    it('documented policy (default): a cancelled item (100) can be moved back to 450', async () => {
      const api = t().client('omnitron')
      const res = await patchItem(api, 7103, { status: '450' })
      expect(res.status).toBe(200)
      expect((await json(res)).status).toBe('450')
      expect(res.headers.get('x-mock-rules') ?? '').not.toContain(RULE)
    })

    it('strict: an item in 100 or 600 cannot leave it; 400 under status, the rule named, nothing written', async () => {
      const api = t().client('omnitron', { scenario: 'strict-transitions' })
      for (const [pk, status, name] of [
        [7103, '100', 'cancelled'],
        [7104, '600', 'refunded'],
      ] as const) {
        const res = await patchItem(api, pk, { status: '450', invoice_number: 'INV-9' })
        expect(res.status).toBe(400)
        expect(await json(res)).toEqual({
          status: [`The status cannot change from ${status} (${name}): it is final (transition policy strict).`],
        })
        expect(res.headers.get('x-mock-rules')).toContain(RULE)
        expect(await statusOf(api, pk)).toBe(status)
      }
      const order = await json(await api('/api/v1/orders/7100/', { headers: AUTH }))
      expect(order.invoice_number).toBeNull()
    })

    it('strict: the bulk update refuses the entry, atomically', async () => {
      const api = t().client('omnitron', { scenario: 'strict-transitions' })
      const res = await api('/api/i1/order_items/bulk_status_update/', {
        method: 'PATCH',
        headers: JSON_HEADERS,
        body: JSON.stringify({
          orderitem_set: [
            { id: 7105, status: '450' },
            { id: 7103, status: '500' },
          ],
        }),
      })
      expect(res.status).toBe(400)
      expect(await json(res)).toEqual([
        {
          message: {
            status: ['The status cannot change from 100 (cancelled): it is final (transition policy strict).'],
          },
          args: { orderitem_id: '7103' },
        },
      ])
      expect(await statusOf(api, 7105)).toBe('400')
    })

    it('strict: other items move as documented, and the final status itself may be re-sent untouched', async () => {
      const api = t().client('omnitron', { scenario: 'strict-transitions' })
      expect((await patchItem(api, 7105, { status: '450' })).status).toBe(200)
      expect((await patchItem(api, 7103, { invoice_number: 'INV-1' })).status).toBe(200)
    })

    it('strict with the rule switched off by id: allowed again', async () => {
      const api = t().client('omnitron', { scenario: 'strict-disabled' })
      expect((await patchItem(api, 7103, { status: '450' })).status).toBe(200)
    })

    it('GET /__mock/rules lists the rule as an assumption', async () => {
      const { rules } = await json(await t().admin('/rules'))
      expect(rules).toContainEqual(
        expect.objectContaining({
          id: RULE,
          provider: 'omnitron',
          source: expect.objectContaining({ kind: 'assumption' }),
        }),
      )
    })
  },
  {
    scenarioSources: [
      { file: 'strict-transitions.yaml', text: STRICT },
      { file: 'strict-disabled.yaml', text: STRICT_BUT_DISABLED },
    ],
  },
)
