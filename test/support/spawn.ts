import { type ChildProcess, spawn } from 'node:child_process'

export interface Spawned {
  child: ChildProcess
  url: string
  output: () => string
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/**
 * Starts the CLI (`node <bin> --port 0 ...`) and resolves once its
 * "listening on" line names the URL. Fails with the output if it exits first
 * or does not start within the time limit.
 */
export function spawnCli(
  bin: string,
  args: string[] = [],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Spawned> {
  const child = spawn(process.execPath, [bin, '--port', '0', ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`CLI did not start within ${options.timeoutMs ?? 15000} ms:\n${out}`))
    }, options.timeoutMs ?? 15_000)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`CLI exited with ${code} before listening:\n${out}`))
    })
    const onData = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (!m) return
      clearTimeout(timer)
      child.stdout!.off('data', onData)
      resolve({
        child,
        url: m[1]!,
        output: () => out,
        stop: (signal = 'SIGTERM') => {
          if (child.exitCode === null) child.kill(signal)
          return exited
        },
      })
    }
    child.stdout!.on('data', onData)
  })
}

/** Runs the CLI to completion (for --help, bad arguments, bad scenarios). */
export function runCli(
  bin: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    }),
  )
}
