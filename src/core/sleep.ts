/**
 * Injected delays that a shutdown can end at once, so an X-Mock-Delay of a
 * minute never holds a shutdown. Each wait's timer is cleared when it ends,
 * so nothing keeps the process alive after `endAll()`. (One set of pending
 * waits rather than an AbortSignal listener per wait: a thousand concurrent
 * delays would trip the platform's listener-leak warning.)
 */
export class Delays {
  readonly #pending = new Set<() => void>()
  #ended = false

  /** Resolves after `ms` milliseconds, or at once if `endAll()` is (or was) called. */
  wait(ms: number): Promise<void> {
    if (this.#ended || ms <= 0) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.#pending.delete(done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.#pending.add(done)
    })
  }

  /** Ends every pending wait, and every later one before it starts. */
  endAll(): void {
    this.#ended = true
    for (const done of [...this.#pending]) done()
  }

  get ended(): boolean {
    return this.#ended
  }

  /** Waits pending right now. */
  get size(): number {
    return this.#pending.size
  }
}
