import { defineConfig } from 'vitest/config'

// The inner loop (`npm run test:quick`): unit and contract tests run the TypeScript sources
// directly, so they need no build.
const QUICK = ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts']

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // The e2e suites spawn processes and ports; keep files in parallel but bounded on 2 cores.
    maxWorkers: 2,
    projects: [
      // One module graph per worker instead of one per file: half the CPU of this project, whose
      // files import the same sources and keep no state outside their own apps and sessions. A
      // file here must not leave module state behind (vi.mock, stubbed globals).
      { extends: true, test: { name: 'quick', include: QUICK, isolate: false } },
      {
        extends: true,
        // Everything else (e2e, fuzz and any new folder): some of it runs dist/, which the
        // global setup rebuilds first when it is older than src/.
        test: {
          name: 'slow',
          include: ['test/**/*.test.ts'],
          exclude: QUICK,
          globalSetup: ['test/support/build-dist.ts'],
        },
      },
    ],
  },
})
