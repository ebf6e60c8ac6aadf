/**
 * The Laravel validator's ways through a rule table — `a.*.b` keys expanded
 * straight from their container, explicit keys an expansion meets, patterns
 * whose prefixes nest, general wildcards, data keys holding `.` or `*`, own
 * `__proto__` keys — each answer (keys, order, first messages) taken from
 * Laravel's own Validator (test/oracle/laravel/validator.php). A table is
 * compiled once and reused: every case runs twice on the same table object.
 */
import { describe, expect, it } from 'vitest'
import { strTrim } from '../../src/frameworks/laravel/input.js'
import { phpJsonDecode } from '../../src/frameworks/laravel/php-json.js'
import { type RuleSet, validate } from '../../src/frameworks/laravel/validator.js'

const tables = {
  direct: {
    order_id: ['required', 'string'],
    order_items: ['required', 'array'],
    'order_items.*.sku_code': ['required', 'string', { in: ['A', 'B'] }],
    'order_items.*.quantity': ['nullable', 'integer'],
    shipping_address: ['required', 'array'],
    'shipping_address.city': ['required', 'string'],
    'customer.email': ['nullable', 'email'],
  },
  collide: {
    'order_items.0.sku_code': ['required', 'integer'],
    'order_items.*.sku_code': ['required', 'string'],
    'order_items.1.sku_code': ['nullable', 'numeric'],
    order_items: ['required', 'array'],
  },
  nested: { 'a.*.b': ['required', 'integer'], 'a.b.*.c': ['nullable', 'string'], 'a.x.b': ['required'] },
  general: { '*.city': ['required', 'string'], 'x.*': ['required', 'integer'], 'a.*.b.*.c': ['required', 'integer'] },
} satisfies Record<string, RuleSet>

const REQUIRED = (a: string) => `The ${a} field is required.`
const cases: [keyof typeof tables, string, [string, string][]][] = [
  ['direct', '{"order_id":"o","order_items":[{"sku_code":"A","quantity":2}],"shipping_address":{"city":"D"}}', []],
  [
    'direct',
    '{"order_id":"o","order_items":[{"sku_code":"C","quantity":1.0},{"quantity":"x"}],"shipping_address":{"city":""}}',
    [
      ['shipping_address.city', REQUIRED('shipping address.city')],
      ['order_items.0.sku_code', 'The selected order_items.0.sku_code is invalid.'],
      ['order_items.1.sku_code', REQUIRED('order_items.1.sku_code')],
      ['order_items.1.quantity', 'The order_items.1.quantity field must be an integer.'],
    ],
  ],
  [
    'direct',
    '{"order_items":{"k":{"sku_code":"A"},"a.b":{"sku_code":1},"*":{}},"shipping_address":{"a.b":1},"customer":{"email":"nope"}}',
    [
      ['order_id', REQUIRED('order id')],
      ['shipping_address.city', REQUIRED('shipping address.city')],
      ['customer.email', 'The customer.email field must be a valid email address.'],
      ['order_items.a.b.sku_code', 'The order items.a.b.sku code field must be a string.'],
      ['order_items.*.sku_code', REQUIRED('order_items.*.sku_code')],
    ],
  ],
  [
    'direct',
    '{"order_id":"o","__proto__":{"x":1},"order_items":[{"__proto__":{"sku_code":"A"},"sku_code":"B"}],"shipping_address":{"__proto__":"x","city":"D"}}',
    [],
  ],
  [
    'direct',
    '{"order_id":"","order_items":[],"shipping_address":[]}',
    [
      ['order_id', REQUIRED('order id')],
      ['order_items', REQUIRED('order items')],
      ['shipping_address', REQUIRED('shipping address')],
      ['shipping_address.city', REQUIRED('shipping address.city')],
    ],
  ],
  [
    'collide',
    '{"order_items":[{"sku_code":5},{"sku_code":"7"}]}',
    [['order_items.0.sku_code', 'The order_items.0.sku_code field must be a string.']],
  ],
  [
    'collide',
    '{"order_items":{"a":{"sku_code":5},"0":{}}}',
    [
      ['order_items.0.sku_code', REQUIRED('order_items.0.sku_code')],
      ['order_items.a.sku_code', 'The order_items.a.sku_code field must be a string.'],
    ],
  ],
  [
    'nested',
    '{"a":{"b":{"c":{"c":5},"b":"x"},"x":{"b":null},"y":{"b":2}}}',
    [
      ['a.x.b', REQUIRED('a.x.b')],
      ['a.b.b', 'The a.b.b field must be an integer.'],
      ['a.b.c.c', 'The a.b.c.c field must be a string.'],
    ],
  ],
  [
    'nested',
    '{"a":[{"b":1},{"c":2}]}',
    [
      ['a.x.b', REQUIRED('a.x.b')],
      ['a.1.b', REQUIRED('a.1.b')],
    ],
  ],
  [
    'general',
    '{"p":{"city":1},"q":{"city":"ok"},"x":{"a":"1","b":"z"},"a":[{"b":[{"c":1},{"c":"w"}]}]}',
    [
      ['p.city', 'The p.city field must be a string.'],
      ['x.city', REQUIRED('x.city')],
      ['a.city', REQUIRED('a.city')],
      ['x.b', 'The x.b field must be an integer.'],
      ['a.0.b.1.c', 'The a.0.b.1.c field must be an integer.'],
    ],
  ],
  [
    'general',
    '{"x":[],"a":{"k":{"b":{"m":{}}}}}',
    [
      ['x.city', REQUIRED('x.city')],
      ['a.city', REQUIRED('a.city')],
      ['a.k.b.m.c', REQUIRED('a.k.b.m.c')],
    ],
  ],
]

describe('Laravel validator: rule table paths (answers from Laravel)', () => {
  it.each(cases)('%s %s', (table, body, expected) => {
    const data = phpJsonDecode(new TextEncoder().encode(body))!.value
    const before = JSON.stringify(data)
    for (let run = 0; run < 2; run++) {
      const errors = validate(data, tables[table])
      expect(Object.entries(errors)).toEqual(expected)
      expect(Object.getPrototypeOf(errors)).toBe(Object.prototype)
    }
    // The data is read, never changed (it is used without a copy when no key needs hiding).
    expect(JSON.stringify(data)).toBe(before)
    expect(({} as Record<string, unknown>).x).toBeUndefined()
    expect(({} as Record<string, unknown>).sku_code).toBeUndefined()
  })

  it('an error under an own __proto__ key stays an own key of the answer', () => {
    const data = phpJsonDecode(new TextEncoder().encode('{"__proto__":{"city":5}}'))!.value
    const errors = validate(data, { '__proto__.city': ['nullable', 'string'] })
    expect(Object.keys(errors)).toEqual(['__proto__.city'])
    expect(Object.getPrototypeOf(errors)).toBe(Object.prototype)
  })
})

describe('Str::trim', () => {
  it('leaves a string with printable ASCII ends as it is, inner spaces included', () => {
    for (const s of ['a', 'a b', 'a\u00a0b', 'x\u2028y', '"q"', '~']) expect(strTrim(s), JSON.stringify(s)).toBe(s)
    expect(strTrim('\u00a0a b\u200b')).toBe('a b')
    expect(strTrim(' ')).toBe('')
  })
})
