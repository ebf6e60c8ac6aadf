import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // The e2e suites spawn processes and ports; keep files in parallel but bounded on 2 cores.
    maxWorkers: 2,
  },
})
