// Compares the mock's Laravel validator with Laravel's own on the email and date rules.
// Needs php-cli and php-laravel-framework (Debian):
//   node test/oracle/laravel/rules-diff.mjs
// Prints each case that differs and a count. Not part of npm test (it needs PHP).

import { execFileSync } from 'node:child_process'
import { validate } from './source.mjs'

const emails = [
  'a@b.co',
  'a.b+c@example.com',
  '"a b"@x.com',
  'a@localhost',
  'ü@例え.jp',
  'a@[127.0.0.1]',
  'a',
  '@b.com',
  'a@',
  'a..b@c.com',
  '.a@b.com',
  'a.@b.com',
  'a@b..com',
  'a@-b.com',
  'a@b-.com',
  'a@b_c.com',
  'a b@c.com',
  'a@b.com.',
  `x@${'a'.repeat(64)}.com`,
  'a@b@c.com',
  '"a"b@c.com',
  'a\\b@c.com',
  'a(comment)@b.com',
  'a@b.com (x)',
  'a@[IPv6:::1]',
  'a@1.2.3.4',
  'Ab-C_D.e@Sub-1.EXAMPLE.org',
  'a@xn--bcher-kva.ch',
  'a!#$%&*+/=?^`{|}~@b.c',
  'a@b.c-d.e',
  "o'neil@x.ie",
  'a"b@c.com',
  '""@b.com',
  '"\\""@b.com',
  'a@b.123',
  'a@-',
  'a@b.c.',
  'é@é.é',
  '(c)a@b.com',
  'a(c)b@b.com',
  'a.(c)b@b.com',
  '(c)@b.com',
  'a(c@b.com',
  'a@b(c).com',
  'a@(c)b.com',
  'user+tag@sub.domain.co.uk',
  'a@b.c_d',
  'a@b..',
  'a@b.c--d.e',
  '12345@678.90',
  'a@b.c-',
  '-a@b.c',
  'a-@b.c',
  `a@${'b'.repeat(63)}.c`,
  `a@${'b'.repeat(250)}.cc`,
]
const dates = [
  '2023-07-28T09:00:00+03',
  '2023-07-28 09:00:00.5',
  '2023-07-28T09:00Z',
  'Jul 28, 2023 10:00 PM',
  '28-Jul-2023',
  '2023-Jul-28',
  '07/28/23',
  '7/8/2023',
  '2023-07-28 09:00:00 +0000',
  'Friday 28 July 2023',
  '2023-07-28 12pm',
  '2023-07-28T9:00:00',
  '2023-06-31',
  '2024-02-29',
  '2023-02-29',
  '1999-12-31 23:59:60',
  '2023-07-28 23:60',
  '2023-07-28 00:00:00 PST',
  '2023-07-28 00:00:00 XYZ',
  '2023-07-28 00:00:00 America/New_York',
  '10 September 2000',
  'September 10, 2000',
  '2000-09-10 noon',
  '2023-07-28 midnight',
  '2023-07-28T10:00:00+14:00',
  '2023-07-28T10:00:00-25:00',
  '0099-06-01',
  '99-06-01',
  '1/1/1',
  '2023/7/8',
  '28.07.2023 10:00',
  '2023-07-28 10.30',
  '2023-Jul-28 10:00',
  '2023-07-28 00:00:00 CEST',
  '2023-07-28 00:00:00 FOO',
  '2023-07-28 noon',
  '2023-07-28T10:00:00.000000Z',
  '2023-07-28T10:00:00.000+0000',
  'Sat, 29 Jul 2023 10:00:00 +0200',
  '29 Jul 2023 10:00:00 +0200',
  '2023-07-28 10:00 am',
  '2023-07-28 13:00 pm',
  '2023-07-28 1pm',
  '1/1/70',
  '12/31/99',
  '2023-07-28T10',
  '2023-07-28T1000',
  '2023-07-28 10:00:00Z+1',
  '2023-07-28 10:00 GMT+2',
  '2023-07-28 10:00 UTC+05:30',
  '2023-7-28T1:2:3',
  '  2023-07-28',
  '2023-07-28\n',
  'July 28th, 2023',
  '28th July 2023',
  'Jul-28-2023',
  '28-Jul-23',
  '2023.07.28 10:00',
]
const rows = [...emails.map((e) => ({ e })), ...dates.map((d) => ({ d }))]
const phpRules = { e: 'email', d: 'date' }
const cases = rows.map((r) => JSON.stringify({ body: JSON.stringify(r), rules: phpRules }))
const php = execFileSync('php', [new URL('./validator.php', import.meta.url).pathname], {
  input: `${cases.join('\n')}\n`,
})
  .toString()
  .trim()
  .split('\n')
let diff = 0
rows.forEach((r, i) => {
  const mine = Object.entries(validate(r, { e: ['email'], d: ['date'] }))
  const theirs = JSON.parse(php[i])
  if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
    diff++
    console.log(JSON.stringify(r), 'mine', mine.length ? 'FAIL' : 'ok', 'php', theirs.length ? 'FAIL' : 'ok')
  }
})
console.log(rows.length, 'cases,', diff, 'differ')
