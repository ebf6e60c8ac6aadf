import { expect, it } from 'vitest'
import { createApp } from '../../src/index.js'

it('a fault path pattern that does not compile is a scenario error at load (never a failure per request)', () => {
  const text = 'faults:\n  - { name: x, match: { path: "/(a/" }, status: { code: 503 } }\n'
  expect(() => createApp({ scenarioSources: [{ file: 'f.yaml', text }] })).toThrow(
    /f\.yaml:\d+:\d+: faults\[0\]\.match\.path: not a glob \(`\*`\) or a \/regex\/ in RE2 syntax/,
  )
})
