// The ceiling: raw node:http answering every request with the same JSON (the documented order item).

import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'

const body = readFileSync(new URL('../fixtures/order-item.json', import.meta.url))
const server = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length })
    res.end(body)
  })
})
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
