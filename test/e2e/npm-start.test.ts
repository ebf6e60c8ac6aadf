/**
 * `npm start` serves from an up-to-date dist/ without recompiling, and
 * killing npm stops the server (nothing left listening).
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/__mock/health`, { signal: AbortSignal.timeout(1000) })).ok
  } catch {
    return false
  }
}

it('starts from dist/ when it is up to date, and stops when npm is killed', async () => {
  const npm = spawn('npm', ['start', '--', '--port', '0', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  npm.stdout!.on('data', (d) => (out += d))
  npm.stderr!.on('data', (d) => (out += d))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not listen within 30 s:\n${out}`)), 30_000)
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    }
    npm.stdout!.on('data', check)
    npm.stderr!.on('data', check)
  })
  try {
    // scripts/start.mjs says so when it builds; npm test built dist/ just before.
    expect(out).not.toMatch(/newer than dist\/; building/)
    expect(await answers(url)).toBe(true)
  } finally {
    npm.kill('SIGTERM')
  }
  // The server notices npm is gone and stops: bounded wait, polled.
  let alive = true
  for (let i = 0; i < 40 && alive; i++) {
    await new Promise((r) => setTimeout(r, 250))
    alive = await answers(url)
  }
  expect(alive).toBe(false)
}, 60_000)
