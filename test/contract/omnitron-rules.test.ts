/**
 * Every Key Point of Update Order Item (docs/providers/omnitron.md) as a named rule: one case where it fires and one
 * where its condition is absent, through both transports, asserting the
 * response and the state after it. Fixtures: scenarios/default.yaml.
 */
import { describe, expect, it } from 'vitest'
import { AUTH, type Client, forEachTransport, JSON_HEADERS, json } from '../support/transports.js'

const NOW = '2025-02-01T10:00:00.250000Z'
const patchItem = (api: Client, pk: number, body: unknown) =>
  api(`/api/v1/order_items/${pk}/`, {
    method: 'PATCH',
    headers: { ...JSON_HEADERS, 'X-Mock-Now': NOW },
    body: JSON.stringify(body),
  })
const getItem = async (api: Client, pk: number) => json(await api(`/api/v1/order_items/${pk}/`, { headers: AUTH }))
const getOrder = async (api: Client, pk: number) => json(await api(`/api/v1/orders/${pk}/`, { headers: AUTH }))

/** A rejected write answers 400 with these errors and leaves item and order as they were. */
async function expectRejected(api: Client, pk: number, order: number, body: unknown, errors: unknown) {
  const [itemBefore, orderBefore] = [await getItem(api, pk), await getOrder(api, order)]
  const res = await patchItem(api, pk, body)
  expect(res.status).toBe(400)
  expect(await json(res)).toEqual(errors)
  expect(await getItem(api, pk)).toEqual(itemBefore)
  expect(await getOrder(api, order)).toEqual(orderBefore)
}

async function expectAccepted(api: Client, pk: number, body: unknown) {
  const res = await patchItem(api, pk, body)
  expect(res.status).toBe(200)
  return json(res)
}

forEachTransport((t) => {
  describe('rule 1 omnitron.item.status.no-cancel-or-refund', () => {
    it.each(['100', '600'])('fires for status %s: rejected, nothing changes', async (status) => {
      await expectRejected(
        t().client('omnitron'),
        7105,
        7100,
        { status, invoice_number: 'INV-1' },
        {
          status: [
            `The status cannot be changed to ${status} (${status === '100' ? 'cancelled' : 'refunded'}) through this endpoint.`,
          ],
        },
      )
    })
    it('does not fire for another status', async () => {
      expect((await expectAccepted(t().client('omnitron'), 7105, { status: '450' })).status).toBe('450')
    })
  })

  describe('rule 2 omnitron.item.attributes.forbidden-keys', () => {
    it('fires for forbidden keys in attributes and attributes_kwargs, listing each', async () => {
      await expectRejected(
        t().client('omnitron'),
        7105,
        7100,
        {
          attributes: { old_price: '1.00', color: 'red', new_price: '2.00' },
          attributes_kwargs: { split_from_order_item_pk: {} },
        },
        {
          attributes: [
            'The key "old_price" is not allowed in attributes.',
            'The key "new_price" is not allowed in attributes.',
          ],
          attributes_kwargs: ['The key "split_from_order_item_pk" is not allowed in attributes_kwargs.'],
        },
      )
    })
    it('does not fire for other keys', async () => {
      expect((await expectAccepted(t().client('omnitron'), 7105, { attributes: { color: 'red' } })).attributes).toEqual(
        { color: 'red' },
      )
    })
  })

  describe('rule 3 omnitron.item.cancel-status.approved-needs-next (item 7101, cancel_status approved)', () => {
    it.each([
      [{ tracking_number: 'T1' }, 'A non-null cancel_status is required while the current cancel_status is approved.'],
      [{ cancel_status: null }, 'A non-null cancel_status is required while the current cancel_status is approved.'],
      [{ cancel_status: 'confirmed' }, 'cancel_status cannot change from approved to confirmed.'],
    ])('fires for %j', async (body, message) => {
      await expectRejected(t().client('omnitron'), 7101, 7100, body, { cancel_status: [message] })
    })
    it('does not fire for another next cancel_status', async () => {
      expect((await expectAccepted(t().client('omnitron'), 7101, { cancel_status: 'rejected' })).cancel_status).toBe(
        'rejected',
      )
    })
    it('does not fire for an item whose cancel_status is not approved', async () => {
      expect((await expectAccepted(t().client('omnitron'), 7105, { cancel_status: 'confirmed' })).cancel_status).toBe(
        'confirmed',
      )
    })
  })

  describe('rule 4 omnitron.item.cancel-status.waiting-for-payment-needs-next (item 7102)', () => {
    it.each(['waiting', 'confirmation_waiting', 'confirmed', 'approved', 'rejected'])(
      'fires for cancel_status %s',
      async (next) => {
        await expectRejected(
          t().client('omnitron'),
          7102,
          7100,
          { cancel_status: next },
          {
            cancel_status: [`cancel_status cannot change from waiting_for_payment to ${next}.`],
          },
        )
      },
    )
    it('fires when cancel_status is missing', async () => {
      await expectRejected(
        t().client('omnitron'),
        7102,
        7100,
        { invoice_number: 'I' },
        {
          cancel_status: [
            'A non-null cancel_status is required while the current cancel_status is waiting_for_payment.',
          ],
        },
      )
    })
    it('does not fire for waiting_for_payment again', async () => {
      expect(
        (await expectAccepted(t().client('omnitron'), 7102, { cancel_status: 'waiting_for_payment' })).cancel_status,
      ).toBe('waiting_for_payment')
    })
  })

  describe('rule 5 omnitron.item.final-status.locks-tracking (items 7103 at 100, 7104 at 600)', () => {
    it.each([
      [7103, '100 (cancelled)'],
      [7104, '600 (refunded)'],
    ])('fires for item %i, every locked field named', async (pk, status) => {
      const message = `This field cannot be updated while the order item status is ${status}.`
      await expectRejected(
        t().client('omnitron'),
        pk,
        7100,
        {
          tracking_number: 'T',
          defined_tracking_url: 'https://t',
          defined_shipping_company: 'X',
          invoice_number: 'OK',
        },
        { tracking_number: [message], defined_tracking_url: [message], defined_shipping_company: [message] },
      )
    })
    it('does not fire for other fields of a final item', async () => {
      expect(
        (await expectAccepted(t().client('omnitron'), 7103, { carrier_shipping_code: 'C' })).carrier_shipping_code,
      ).toBe('C')
    })
    it('does not fire for an item in another status', async () => {
      expect(
        (await expectAccepted(t().client('omnitron'), 7105, { defined_shipping_company: 'X' }))
          .defined_shipping_company,
      ).toBe('X')
    })
  })

  describe('several rules at once', () => {
    it('collects the errors of every rule that rejects', async () => {
      await expectRejected(
        t().client('omnitron'),
        7101,
        7100,
        { status: '600', attributes: { old_price: '1' }, cancel_status: 'confirmed' },
        {
          status: ['The status cannot be changed to 600 (refunded) through this endpoint.'],
          attributes: ['The key "old_price" is not allowed in attributes.'],
          cancel_status: ['cancel_status cannot change from approved to confirmed.'],
        },
      )
    })
  })

  describe('rule 6 omnitron.item.shipped-date.auto', () => {
    it('fires: status 500 on an item with no shipped_date sets it to now', async () => {
      const api = t().client('omnitron')
      expect((await expectAccepted(api, 7105, { status: '500' })).shipped_date).toBe(NOW)
    })
    it('does not fire when the item already has a shipped_date', async () => {
      const api = t().client('omnitron')
      await expectAccepted(api, 7105, { shipped_date: '2025-01-01T00:00:00Z' })
      expect((await expectAccepted(api, 7105, { status: '500' })).shipped_date).toBe('2025-01-01T00:00:00Z')
    })
    it('does not fire for another status, nor when the payload sets the date', async () => {
      const api = t().client('omnitron')
      expect((await expectAccepted(api, 7105, { status: '450' })).shipped_date).toBeNull()
      expect(
        (await expectAccepted(api, 7105, { status: '500', shipped_date: '2025-01-02T03:04:05Z' })).shipped_date,
      ).toBe('2025-01-02T03:04:05Z')
    })
  })

  describe('rule 7 omnitron.item.delivered-date.auto', () => {
    it('fires: status 550 on an item with no delivered_date sets it to now', async () => {
      expect((await expectAccepted(t().client('omnitron'), 7105, { status: '550' })).delivered_date).toBe(NOW)
    })
    it('does not fire when delivered_date is set, or for status 500', async () => {
      const api = t().client('omnitron')
      const shipped = await expectAccepted(api, 7105, { status: '500' })
      expect(shipped.delivered_date).toBeNull()
      await expectAccepted(api, 7105, { delivered_date: '2025-01-05T00:00:00Z' })
      expect((await expectAccepted(api, 7105, { status: '550' })).delivered_date).toBe('2025-01-05T00:00:00Z')
    })
  })

  describe('rule 8 omnitron.item.invoice-or-tracking.promotes-approved', () => {
    it.each([{ invoice_number: 'INV-8' }, { tracking_number: 'TR-8' }, { tracking_number: 'TR-8', status: '500' }])(
      'fires for %j on an item in 400: status becomes 450',
      async (body) => {
        expect((await expectAccepted(t().client('omnitron'), 7105, body)).status).toBe('450')
      },
    )
    it('does not fire for an item not in 400', async () => {
      const api = t().client('omnitron')
      await expectAccepted(api, 7105, { status: '450' })
      expect((await expectAccepted(api, 7105, { status: '500', tracking_number: 'TR' })).status).toBe('500')
    })
    it('does not fire without invoice_number or tracking_number', async () => {
      expect((await expectAccepted(t().client('omnitron'), 7105, { carrier_shipping_code: 'C' })).status).toBe('400')
    })
  })

  describe('rule 9 omnitron.item.propagates-to-order', () => {
    it("fires: the sent fields reach the order (with the item's resulting status), visible on GET /orders/{pk}/", async () => {
      const api = t().client('omnitron')
      await expectAccepted(api, 7105, {
        invoice_number: 'INV-9',
        invoice_date: '2025-01-30T12:00:00Z',
        e_archive_url: 'https://e/9',
        tracking_number: 'TR-9',
        shipping_company: 'aras',
        defined_tracking_url: 'https://t/9',
        status: '500',
      })
      expect(await getOrder(api, 7100)).toMatchObject({
        invoice_number: 'INV-9',
        invoice_date: '2025-01-30T12:00:00Z',
        e_archive_url: 'https://e/9',
        tracking_number: 'TR-9',
        shipping_company: 'aras',
        defined_tracking_url: 'https://t/9',
        status: '450',
        modified_date: NOW,
      })
    })
    it('fires but keeps the tracking number of a pay-on-delivery order that has one', async () => {
      const api = t().client('omnitron')
      await expectAccepted(api, 7201, { tracking_number: 'NEW-TRACK', invoice_number: 'INV-POD' })
      expect(await getOrder(api, 7200)).toMatchObject({ tracking_number: 'POD-TRACK-0001', invoice_number: 'INV-POD' })
      expect((await getItem(api, 7201)).tracking_number).toBe('NEW-TRACK')
    })
    it('does not fire for fields outside the list: the order is not saved', async () => {
      const api = t().client('omnitron')
      const before = await getOrder(api, 7100)
      await expectAccepted(api, 7105, { carrier_shipping_code: 'C', defined_shipping_company: 'X' })
      expect(await getOrder(api, 7100)).toEqual(before)
    })
  })

  describe('rule 10 omnitron.modified-date.auto', () => {
    it('fires on every saved record, even when nothing else changed', async () => {
      const api = t().client('omnitron')
      expect((await expectAccepted(api, 7105, {})).modified_date).toBe(NOW)
    })
    it('does not fire on a rejected write', async () => {
      const api = t().client('omnitron')
      const before = (await getItem(api, 7105)).modified_date
      await patchItem(api, 7105, { status: '100' })
      expect((await getItem(api, 7105)).modified_date).toBe(before)
    })
  })

  describe('which rules fired', () => {
    it('is said per request in X-Mock-Rules', async () => {
      const res = await patchItem(t().client('omnitron'), 7105, { tracking_number: 'TR', status: '500' })
      expect(res.headers.get('x-mock-rules')).toBe(
        'omnitron.item.shipped-date.auto, omnitron.item.invoice-or-tracking.promotes-approved, omnitron.item.propagates-to-order, omnitron.modified-date.auto',
      )
      const rejected = await patchItem(t().client('omnitron'), 7105, { status: '100' })
      expect(rejected.headers.get('x-mock-rules')).toBe('omnitron.item.status.no-cancel-or-refund')
    })
  })

  describe('rules switched off by a scenario', () => {
    it('a disabled rule neither rejects nor derives', async () => {
      const api = t().client('omnitron', { scenario: 'rules-relaxed' })
      expect((await expectAccepted(api, 7105, { status: '100' })).status).toBe('100')
      expect((await expectAccepted(api, 7104, { tracking_number: 'T' })).tracking_number).toBe('T')
    })
  })
})
