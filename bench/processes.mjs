// The benches' child processes: servers started and stopped, their CPU time, and the load
// generator (bench/load.mjs) in a process of its own. Shared by run.mjs and writes.mjs.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

const children = new Set()
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL')
})

/** Spawns a process; resolves when its output matches `ready` (default: a server printing its URL). */
export function spawnServer(command, args, { env = {}, ready = /listening on (http:\/\/\S+)/, url } = {}) {
  const started = performance.now()
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let out = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${args.join(' ')}\n${out}`)), 60_000)
    const look = (d) => {
      out += d
      const m = ready.exec(out)
      if (m) {
        clearTimeout(timer)
        child.stdout.off('data', look)
        child.stderr.off('data', look)
        resolve({ child, url: url ?? m[1], pid: child.pid, listeningMs: performance.now() - started, started })
      }
    }
    child.stderr.on('data', look)
    child.stdout.on('data', look)
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)))
  })
}

/** Stops a server: `signal` (SIGINT lets node write a --cpu-prof profile), SIGKILL after `graceMs`. */
export function stop(server, { signal = 'SIGTERM', graceMs = 5000 } = {}) {
  children.delete(server.child)
  server.child.removeAllListeners('exit')
  return new Promise((resolve) => {
    server.child.once('exit', resolve)
    server.child.kill(signal)
    setTimeout(() => server.child.kill('SIGKILL'), graceMs).unref()
  })
}

/** CPU time (user + system) a process has used, in µs: /proc/<pid>/stat counts USER_HZ ticks (100 a second on every Linux this runs on); null when unreadable. */
export function cpuUs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10_000
  } catch {
    return null
  }
}

/** One autocannon run (bench/load.mjs) in its own process; resolves with its JSON result. */
export function runLoad(opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench', 'load.mjs'), JSON.stringify(opts)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator failed (${code})`)),
    )
  })
}
