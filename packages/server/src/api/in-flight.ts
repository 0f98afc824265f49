/**
 * Computations in progress, by key: a second request for the same answer waits for the first
 * one's computation instead of starting its own. The computation is cancelled (its signal aborts)
 * only when every request waiting for it has gone away.
 */
export class InFlight {
  readonly #entries = new Map<
    string,
    { promise: Promise<string>; controller: AbortController; waiters: number }
  >()

  /** How many computations are running. */
  get size(): number {
    return this.#entries.size
  }

  /**
   * The answer of `key`: joins the running computation, or starts one with `start`. `signal` is
   * the waiting request's (aborts when its client goes away).
   */
  join(
    key: string,
    signal: AbortSignal | undefined,
    start: (signal: AbortSignal) => Promise<string>,
  ): Promise<string> {
    let entry = this.#entries.get(key)
    if (!entry) {
      const controller = new AbortController()
      const promise = start(controller.signal).finally(() => this.#entries.delete(key))
      entry = { promise, controller, waiters: 0 }
      this.#entries.set(key, entry)
    }
    const joined = entry
    joined.waiters++
    if (!signal) return joined.promise
    const leave = () => {
      joined.waiters--
      if (joined.waiters === 0) joined.controller.abort(signal.reason)
    }
    if (signal.aborted) leave()
    else signal.addEventListener('abort', leave, { once: true })
    joined.promise.then(
      () => signal.removeEventListener('abort', leave),
      () => signal.removeEventListener('abort', leave),
    )
    return joined.promise
  }
}
