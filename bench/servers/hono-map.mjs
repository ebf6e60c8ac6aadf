// A bare Hono server doing what a naive mock does: a Map lookup, Object.assign, JSON out. No rules, no journal.
import { readFileSync } from 'node:fs'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const template = JSON.parse(readFileSync(new URL('../fixtures/order-item.json', import.meta.url), 'utf8'))
const items = new Map()
for (let pk = 1; pk <= 100; pk++) items.set(pk, { ...template, pk })
items.set(7105, { ...template, pk: 7105 })

const app = new Hono()
app.get('/omnitron/api/v1/order_items/:pk/', (c) => {
  const item = items.get(Number(c.req.param('pk')))
  return item ? c.json(item) : c.json({ detail: 'Not found.' }, 404)
})
app.patch('/omnitron/api/v1/order_items/:pk/', async (c) => {
  const item = items.get(Number(c.req.param('pk')))
  if (!item) return c.json({ detail: 'Not found.' }, 404)
  Object.assign(item, await c.req.json())
  return c.json(item)
})
app.get('/__mock/health', (c) => c.json({ status: 'ok' }))

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`listening on http://127.0.0.1:${info.port}\n`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
