/**
 * The README's pytest fixture, run as written: the code block after
 * `<!-- test: python-fixture -->` is extracted, and the machine's Python runs
 * it with pytest against a live server. If the README or the admin API
 * drifts, this fails.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/node/index.js'

const run = promisify(execFile)

/** The fenced block that follows the marker comment in the README. */
function readmeBlock(marker: string): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const at = readme.indexOf(`<!-- test: ${marker} -->`)
  if (at === -1) throw new Error(`README has no "<!-- test: ${marker} -->" block`)
  const m = /```[a-z]*\n([\s\S]*?)\n```/.exec(readme.slice(at))
  if (!m) throw new Error(`no code block after the ${marker} marker`)
  return m[1]!
}

/** The first Python on the machine that has pytest (the pyenv one, else Debian's python3-pytest). */
async function pythonWithPytest(): Promise<string> {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      await run(python, ['-c', 'import pytest'])
      return python
    } catch {}
  }
  throw new Error('No python3 with pytest on this machine: install it (apt-get install -y python3-pytest)')
}

let server: RunningServer
let dir: string
beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1' })
  dir = mkdtempSync(join(tmpdir(), 'ocm-pytest-'))
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

it('the README pytest fixture passes against the server', async () => {
  const file = join(dir, 'test_mock_fixture.py')
  writeFileSync(file, readmeBlock('python-fixture'))
  const python = await pythonWithPytest()
  const { stdout } = await run(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', file], {
    cwd: dir,
    env: { ...process.env, MOCK_URL: server.url, PYTHONDONTWRITEBYTECODE: '1' },
    timeout: 60_000,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`pytest failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`)
  })
  expect(stdout).toMatch(/\b3 passed\b/)
}, 90_000)
