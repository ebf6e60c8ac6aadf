// node scripts/documented-examples.mjs BASE_URL
// Sends Omnitron's documented Update Order and Update Order Item examples to a
// running mock (BASE_URL, e.g. http://127.0.0.1:4010) and exits 1 unless each
// answers 200 with exactly the documented body, keys in the documented order.
// The examples come from test/fixtures/omnitron-docs.ts, the same ones the
// contract tests use, so the image is held to the same contract.
import { readFileSync } from 'node:fs'
import { isDeepStrictEqual } from 'node:util'
import ts from 'typescript'

const base = process.argv[2]
if (!base) {
  console.error('usage: node scripts/documented-examples.mjs BASE_URL')
  process.exit(2)
}

const source = readFileSync(new URL('../src/providers/omnitron/documented.ts', import.meta.url), 'utf8')
const { outputText } = ts.transpileModule(source, {
  compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
})
const docs = await import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`)

const examples = [
  {
    name: 'Update Order',
    path: '/omnitron/api/v1/orders/12345/',
    now: '2025-01-18T10:10:00Z',
    body: { is_send: true },
    expected: docs.documentedOrderResponse,
  },
  {
    name: 'Update Order Item',
    path: '/omnitron/api/v1/order_items/1340653/',
    now: '2025-01-24T08:45:18.831693Z',
    body: docs.documentedItemRequest,
    expected: docs.documentedItemResponse,
  },
]

let failed = 0
for (const { name, path, now, body, expected } of examples) {
  const res = await fetch(base + path, {
    method: 'PATCH',
    headers: {
      Authorization: 'Token omnitron-test-token',
      'Content-Type': 'application/json',
      'X-Mock-Now': now,
    },
    body: JSON.stringify(body),
  })
  const text = await res.text()
  let actual
  try {
    actual = JSON.parse(text)
  } catch {
    actual = text
  }
  const sameKeys = actual && typeof actual === 'object' && isDeepStrictEqual(Object.keys(actual), Object.keys(expected))
  if (res.status === 200 && sameKeys && isDeepStrictEqual(actual, expected)) continue
  failed++
  console.error(`documented ${name} example: answered ${res.status}, not 200 with the documented body:`)
  for (const key of new Set([...Object.keys(expected), ...Object.keys(actual ?? {})])) {
    if (!isDeepStrictEqual(actual?.[key], expected[key]))
      console.error(`  ${key}: expected ${JSON.stringify(expected[key])}, got ${JSON.stringify(actual?.[key])}`)
  }
  if (!sameKeys) console.error('  keys differ in order or set')
}
process.exit(failed ? 1 : 0)
