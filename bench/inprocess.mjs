// In-process: the same request through the mock's MSW handlers and through a static MSW
// handler returning the same JSON, alternating rounds in one process. Prints mean µs of each.
import { readFileSync } from 'node:fs'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { createMock } from '../dist/index.js'

const N = Number(process.argv[2] ?? 3000)
const body = JSON.parse(readFileSync(new URL('./fixtures/order-item.json', import.meta.url), 'utf8'))
const mock = await createMock({ baseUrls: { omnitron: 'https://omnitron.example.com' } })
const server = setupServer(
  ...mock.handlers,
  http.all('https://static.example.com/*', () => HttpResponse.json(body)),
)
server.listen({ onUnhandledRequest: 'error' })

const init = {
  method: 'PATCH',
  headers: { Authorization: 'Token omnitron-test-token', 'Content-Type': 'application/json' },
  body: '{"tracking_number":"TR"}',
}
async function run(url, n) {
  const started = performance.now()
  for (let i = 0; i < n; i++) await (await fetch(url, init)).arrayBuffer()
  return performance.now() - started
}
const MOCK_URL = 'https://omnitron.example.com/api/v1/order_items/7105/'
const STATIC_URL = 'https://static.example.com/api/v1/order_items/7105/'
await run(MOCK_URL, Math.min(200, N))
await run(STATIC_URL, Math.min(200, N))
let mockMs = 0
let staticMs = 0
const rounds = 5
for (let r = 0; r < rounds; r++) {
  mockMs += await run(MOCK_URL, N / rounds)
  staticMs += await run(STATIC_URL, N / rounds)
}
server.close()
process.stdout.write(
  JSON.stringify({
    requests: N,
    mockMeanUs: Math.round((mockMs / N) * 1000),
    staticMeanUs: Math.round((staticMs / N) * 1000),
  }),
)
