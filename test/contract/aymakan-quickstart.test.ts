/** The README's Aymakan quick-start line: the stored example's e-mail is refused; a real address works. */
import { expect, it } from 'vitest'
import { documentedUpdateRequest } from '../fixtures/aymakan-docs.js'
import { forEachTransport, json } from '../support/transports.js'

const HEADERS = { 'api-key': 'aymakan-test-key', 'Content-Type': 'application/json', Accept: 'application/json' }

forEachTransport((t) => {
  it('the saved page\'s "[email protected]" is not an address: 422 on the e-mail', async () => {
    const api = t().client('aymakan')
    const request = {
      ...documentedUpdateRequest,
      customer: { ...documentedUpdateRequest.customer, email: '[email protected]' },
    }
    const res = await api('/api/v1/orders', { method: 'PUT', headers: HEADERS, body: JSON.stringify(request) })
    expect(res.status).toBe(422)
    expect(await json(res)).toEqual({
      success: false,
      message: 'Validation Error',
      data: null,
      meta: null,
      validation_errors: { 'customer.email': 'The customer.email field must be a valid email address.' },
    })
  })

  it('with john.doe@example.com, as the README says, the documented example succeeds', async () => {
    const api = t().client('aymakan')
    const res = await api('/api/v1/orders', {
      method: 'PUT',
      headers: HEADERS,
      body: JSON.stringify({
        ...documentedUpdateRequest,
        customer: { ...documentedUpdateRequest.customer, email: 'john.doe@example.com' },
      }),
    })
    expect(res.status).toBe(200)
    expect((await json(res)).data.customer.email).toBe('john.doe@example.com')
  })
})
