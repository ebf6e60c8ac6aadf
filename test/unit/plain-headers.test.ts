import { describe, expect, it } from 'vitest'
import { PlainHeaders } from '../../src/core/plain-headers.js'
import { MockResponse, textResponse, toTransport } from '../../src/core/respond.js'

// The mock's answers carry PlainHeaders instead of the platform's Headers: the same list, read the same way.
type Step = ['set' | 'append' | 'delete', string, string?]
const scripts: { init: HeadersInit; steps: Step[] }[] = [
  { init: { 'Content-Type': 'application/json', Vary: 'Accept' }, steps: [['set', 'Allow', 'GET, PATCH']] },
  {
    init: [
      ['X-B', ' 1 '],
      ['x-a', '\t2'],
    ],
    steps: [
      ['append', 'X-B', '3'],
      ['delete', 'x-a'],
    ],
  },
  {
    init: {},
    steps: [
      ['append', 'Set-Cookie', 'a=1'],
      ['append', 'set-cookie', 'b=2'],
      ['set', 'Z', 'z'],
    ],
  },
  {
    init: { 'Retry-After': '1' },
    steps: [
      ['set', 'retry-after', '2'],
      ['append', 'Warning', 'x'],
    ],
  },
]

function apply(h: Headers | PlainHeaders, steps: Step[]) {
  for (const [op, name, value] of steps) {
    if (op === 'delete') h.delete(name)
    else h[op](name, value!)
  }
}

describe('PlainHeaders', () => {
  it.each(scripts)('reads like the platform Headers after %j', ({ init, steps }) => {
    const platform = new Headers(init)
    const plain = new PlainHeaders(init)
    apply(platform, steps)
    apply(plain, steps)
    expect([...plain]).toEqual([...platform])
    expect([...plain.keys()]).toEqual([...platform.keys()])
    expect(plain.getSetCookie()).toEqual(platform.getSetCookie())
    for (const name of ['x-b', 'X-A', 'set-cookie', 'content-type', 'missing'])
      expect([plain.get(name), plain.has(name)]).toEqual([platform.get(name), platform.has(name)])
  })

  it('refuses what the platform refuses: a bad name or a value with CR, LF or NUL', () => {
    for (const [name, value] of [
      ['bad name', 'v'],
      ['X-Ok', 'a\r\nInjected: 1'],
      ['X-Ok', 'a\0b'],
      ['', 'v'],
    ]) {
      expect(() => new Headers().set(name!, value!)).toThrow(TypeError)
      expect(() => new PlainHeaders().set(name!, value!)).toThrow(TypeError)
    }
  })

  it("reads Node's header lines as the server's Request would (pseudo-headers left out)", () => {
    const raw = ['Host', 'x', 'Cookie', 'a=1', ':path', '/', 'cookie', 'b=2', 'X-Mock-Session', ' s1 ']
    expect([...PlainHeaders.fromRaw(raw)]).toEqual([
      ['cookie', 'a=1; b=2'],
      ['host', 'x'],
      ['x-mock-session', 's1'],
    ])
  })
})

describe('MockResponse', () => {
  it('is a Response with the status, headers and body the platform would give', async () => {
    const init = { status: 201, headers: { 'Content-Type': 'application/json', Vary: 'Accept' } }
    const mock = textResponse('{"a":1}', init)
    const platform = new Response('{"a":1}', init)
    expect(mock).toBeInstanceOf(Response)
    expect([mock.status, mock.ok, [...mock.headers]]).toEqual([platform.status, platform.ok, [...platform.headers]])
    expect(await mock.clone().json()).toEqual({ a: 1 })
    expect(await mock.text()).toBe('{"a":1}')
  })

  it('gets the default content type of a text body, and none without a body', () => {
    expect(textResponse('x', { status: 200 }).headers.get('content-type')).toBe(
      new Response('x').headers.get('content-type'),
    )
    expect(textResponse(null, { status: 204 }).headers.has('content-type')).toBe(false)
  })

  it('refuses the statuses the Response constructor refuses', () => {
    for (const [text, status] of [
      [null, 199],
      [null, 600],
      ['body', 204],
      ['body', 304],
    ] as const) {
      expect(() => new Response(text, { status })).toThrow()
      expect(() => new MockResponse(text, { status })).toThrow()
    }
  })

  it('leaves the app as the platform Response, or as the transport class with a plain header object', async () => {
    const mock = textResponse('{}', { status: 200, headers: { 'Content-Type': 'application/json' } })
    const platform = toTransport(mock)
    expect(platform).not.toBeInstanceOf(MockResponse)
    expect(platform.constructor).toBe(Response)
    expect(await platform.text()).toBe('{}')
    class Transport extends Response {}
    const out = toTransport(mock, Transport)
    expect(out).toBeInstanceOf(Transport)
    expect(out.headers.get('content-type')).toBe('application/json')
  })

  it('keeps a header named __proto__ as a field of its plain object, as the platform keeps it in its list', () => {
    const h = new PlainHeaders([
      ['__proto__', 'x'],
      ['a', '1'],
    ])
    const platform = new Headers([
      ['__proto__', 'x'],
      ['a', '1'],
    ])
    const plain = h.toObject()
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype)
    expect(Object.entries(plain)).toEqual([...platform])
  })
})
