// Random bodies (seeded) through the mock's Laravel validator and Laravel's own (validator.php):
// odd keys ("*", "a.b", "", digits), every PHP type, nesting where rules expect scalars and back.
// Needs php-cli and php-laravel-framework (Debian):
//   node test/oracle/laravel/fuzz-diff.mjs [cases] [seed]
import { execFileSync } from 'node:child_process'
import { phpJsonDecode, validate } from './source.mjs'

const count = Number(process.argv[2] ?? 500)
let seed = Number(process.argv[3] ?? 1)
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}
const pick = (xs) => xs[Math.floor(rnd() * xs.length)]
const S = ['nullable', 'string']
const N = ['nullable', 'numeric']
const rules = {
  order_id: ['required', 'string'],
  order_items: ['required', 'array'],
  'order_items.*.sku_code': ['required', 'string', { in: ['SKU-AC-47', 'SKU-AC-48'] }],
  'order_items.*.quantity': ['nullable', 'integer'],
  'order_items.*.is_substituted': ['nullable', 'boolean'],
  'order_items.*.price': N,
  payment_method: ['required', { in: ['prepaid', 'postpaid'] }],
  shipping_address: ['required', 'array'],
  'shipping_address.city': ['required', 'string'],
  'shipping_address.latitude': N,
  customer: ['nullable', 'array'],
  'customer.email': ['nullable', 'email'],
  'customer.name': S,
  order_created_at: ['nullable', 'date'],
  meta_data: ['nullable', 'array'],
}
const phpRules = Object.fromEntries(
  Object.entries(rules).map(([k, v]) => [
    k,
    v.map((r) => (typeof r === 'string' ? r : `in:${r.in.join(',')}`)).join('|'),
  ]),
)
const KEYS = [
  'sku_code',
  'quantity',
  'is_substituted',
  'price',
  'city',
  'latitude',
  'email',
  'name',
  '*',
  'a.b',
  '',
  '0',
  '1',
  'x',
]
const scalar = () =>
  pick([
    'SKU-AC-47',
    'nope',
    '',
    ' ',
    '1',
    '0',
    'true',
    '007',
    '1e3',
    '2023-07-28',
    'a@b.co',
    'prepaid',
    '1.0',
    1,
    0,
    1.5,
    '1.0',
    true,
    false,
    null,
    -1,
    1e20,
  ])
function value(depth) {
  const r = rnd()
  if (depth > 3 || r < 0.55) {
    const v = scalar()
    return v === '1.0' && rnd() < 0.5 ? { raw: '1.0' } : v
  }
  if (r < 0.75) return Array.from({ length: Math.floor(rnd() * 3) }, () => value(depth + 1))
  return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 4) }, () => [pick(KEYS), value(depth + 1)]))
}
const item = () =>
  rnd() < 0.2
    ? value(2)
    : Object.fromEntries(Array.from({ length: Math.floor(rnd() * 4) }, () => [pick(KEYS), value(2)]))
function body() {
  const b = {}
  if (rnd() < 0.8) b.order_id = rnd() < 0.7 ? 'ord-1' : value(1)
  if (rnd() < 0.9) {
    const items = Array.from({ length: Math.floor(rnd() * 4) }, item)
    b.order_items = rnd() < 0.7 ? items : Object.fromEntries(items.map((x) => [pick(KEYS), x]))
  }
  if (rnd() < 0.8) b.payment_method = rnd() < 0.6 ? 'prepaid' : value(1)
  if (rnd() < 0.8) b.shipping_address = rnd() < 0.6 ? { city: value(2), latitude: value(2) } : value(1)
  if (rnd() < 0.5) b.customer = rnd() < 0.6 ? { email: value(2), name: value(2) } : value(1)
  if (rnd() < 0.4) b.order_created_at = value(1)
  if (rnd() < 0.3) b.meta_data = value(1)
  return JSON.stringify(b).replace(/\{"raw":"1\.0"\}/g, '1.0')
}
const bodies = Array.from({ length: count }, body)
const php = execFileSync('php', [new URL('./validator.php', import.meta.url).pathname], {
  input: `${bodies.map((b) => JSON.stringify({ body: b, rules: phpRules })).join('\n')}\n`,
  maxBuffer: 1 << 28,
})
  .toString()
  .trim()
  .split('\n')
let diff = 0
bodies.forEach((b, i) => {
  const data = phpJsonDecode(new TextEncoder().encode(b)).value
  const mine = JSON.stringify(Object.entries(validate(data, rules)))
  if (mine !== php[i]) {
    diff++
    if (diff <= 10) console.log('BODY', b, '\n mine', mine, '\n php ', php[i])
  }
})
const withErrors = php.filter((p) => p !== '[]').length
console.log(count, 'cases,', withErrors, 'with errors,', diff, 'differ')
