// The load generator, in its own process: autocannon against one URL; prints its result as JSON.
// Usage: node bench/load.mjs '<json options>' — url, method, headers, body, connections, duration (s),
// sampleInt (ms between samples, default 1000), sessions (vary X-Mock-Session per request).
import autocannon from 'autocannon'

const opts = JSON.parse(process.argv[2])
const SAMPLE_MS = opts.sampleInt ?? 1000
let n = 0
const result = await autocannon({
  url: opts.url,
  method: opts.method ?? 'GET',
  headers: opts.headers ?? {},
  body: opts.body,
  connections: opts.connections ?? 32,
  duration: opts.duration ?? 5,
  sampleInt: SAMPLE_MS,
  ...(opts.amount && { amount: opts.amount }),
  ...(opts.sessions && {
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          headers: { ...req.headers, 'x-mock-session': `bench-${n++ % opts.sessions}` },
        }),
      },
    ],
  }),
})
process.stdout.write(
  JSON.stringify({
    // autocannon's request statistics are per sample; scale them to per second.
    requestsPerSecond: (result.requests.average * 1000) / SAMPLE_MS,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    statusCodes: result.statusCodeStats,
  }),
)
