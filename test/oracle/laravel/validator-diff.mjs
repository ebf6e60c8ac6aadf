// Compares the mock's Laravel validator with Laravel's own on wildcard expansion, message order and attribute names.
// Needs php-cli and php-laravel-framework (Debian):
//   node test/oracle/laravel/validator-diff.mjs
// Prints each case that differs and a count. Not part of npm test (it needs PHP).

import { execFileSync } from 'node:child_process'
import { phpJsonDecode, validate } from './source.mjs'

const S = ['nullable', 'string'],
  N = ['nullable', 'numeric'],
  B = ['nullable', 'boolean']
const rules = {
  order_id: ['required', 'string'],
  order_items: ['required', 'array'],
  'order_items.*.sku_code': ['required', 'string', { in: ['SKU-AC-47', 'SKU-AC-48'] }],
  'order_items.*.name': S,
  'order_items.*.display_price': N,
  'order_items.*.is_substituted': B,
  'order_items.*.quantity': ['nullable', 'integer'],
  payment_method: ['required', { in: ['prepaid', 'postpaid'] }],
  shipping_address: ['required', 'array'],
  'shipping_address.address1': ['required', 'string'],
  'shipping_address.city': ['required', 'string'],
  'shipping_address.latitude': N,
  billing_address: ['nullable', 'array'],
  'billing_address.city': S,
  order_created_at: ['nullable', 'date'],
  customer: ['nullable', 'array'],
  'customer.first_name': S,
  'customer.email': ['nullable', 'email'],
  meta_data: ['nullable', 'array'],
  note: S,
  is_cash_on_delivery: B,
}
const phpRules = Object.fromEntries(
  Object.entries(rules).map(([k, v]) => [
    k,
    v.map((r) => (typeof r === 'string' ? r : `in:${r.in.join(',')}`)).join('|'),
  ]),
)
const bodies = [
  '{}',
  '[]',
  '"x"',
  '{"order_items":"x"}',
  '{"order_items":[]}',
  '{"order_items":[1,"a",null,[],{}]}',
  '{"order_items":{"*":{"quantity":1}}}',
  '{"order_items":{"a.b":{"quantity":1}}}',
  '{"order_items":{"":{"sku_code":"x"}}}',
  '{"order_items":[{"sku_code":"SKU-AC-47","quantity":1.0,"is_substituted":1.0,"display_price":"1e3"}]}',
  '{"order_items":[{"sku_code":["x"],"quantity":"007","is_substituted":"true","name":5}]}',
  '{"order_items":[{"sku_code":"nope"},{"sku_code":"SKU-AC-48","quantity":true}]}',
  '{"order_items":{"1":{"sku_code":"x"},"0":{"quantity":"a"}}}',
  '{"order_items":[{"sku_code":{"a":1}}],"order_id":5,"payment_method":["prepaid"]}',
  '{"order_items":[{"sku_code":"SKU-AC-47"}],"order_id":"a","payment_method":"prepaid","shipping_address":[],"billing_address":"x"}',
  '{"shipping_address":{"address1":"","city":" "},"customer":{"email":"a@b"},"note":null,"is_cash_on_delivery":"0"}',
  '{"order_created_at":"2023-02-30","customer":"x","meta_data":[1],"billing_address":{"city":["x"]}}',
  '{"order_items":[{"sku_code":"SKU-AC-47","quantity":9223372036854775807},{"sku_code":"SKU-AC-47","quantity":9223372036854775808},{"sku_code":"SKU-AC-47","quantity":-0.0}]}',
  '{"order_items":[{"SKU_CODE":"x","Sku.Code":1}],"Order_Id":"x"}',
  '{"order_items":[{"sku_code":"SKU-AC-47","display_price":1e400,"is_substituted":0}]}',
  '{"order_items":{"a":{"b":{"sku_code":1}}}}',
  '{"order_items":{"*":{"*":1},"**":{"sku_code":"SKU-AC-47"}}}',
  '{"order_items.0.sku_code":"x","order_items":[{}]}',
  '{"shipping_address":{"latitude":"1,5","address1":"x","city":"y"}}',
]
const cases = bodies.map((body) => JSON.stringify({ body, rules: phpRules }))
const php = execFileSync('php', [new URL('./validator.php', import.meta.url).pathname], {
  input: `${cases.join('\n')}\n`,
})
  .toString()
  .trim()
  .split('\n')
let diff = 0
bodies.forEach((body, i) => {
  const d = phpJsonDecode(new TextEncoder().encode(body))
  const v = d?.value
  const data =
    v && typeof v === 'object' && !Array.isArray(v) ? v : Array.isArray(v) ? { ...v } : v == null ? {} : { 0: v }
  const mine = Object.entries(validate(data, rules))
  const theirs = JSON.parse(php[i])
  if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
    diff++
    console.log('BODY', body, '\n mine  ', JSON.stringify(mine), '\n php   ', JSON.stringify(theirs))
  }
})
console.log(bodies.length, 'cases,', diff, 'differ')
