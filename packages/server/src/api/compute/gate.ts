import { VmoError } from '@openvmo/core'

/**
 * A counting gate: at most `limit` holders at once, the others wait in arrival order. A waiter
 * whose signal aborts leaves the line (its `enter` rejects with the signal's reason).
 */
export class Gate {
  readonly #limit: number
  #holders = 0
  readonly #line: { admit: () => void }[] = []

  constructor(limit: number) {
    if (!(limit >= 1)) throw new VmoError('INVALID_CONFIG', `gate limit must be >= 1, got ${limit}`)
    this.#limit = limit
  }

  /** Holders plus waiters. */
  get load(): number {
    return this.#holders + this.#line.length
  }

  /** Waits for a place; call {@link leave} once done. */
  enter(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error)
    if (this.#holders < this.#limit) {
      this.#holders++
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        admit: () => {
          signal?.removeEventListener('abort', drop)
          this.#holders++
          resolve()
        },
      }
      const drop = () => {
        const at = this.#line.indexOf(waiter)
        if (at >= 0) this.#line.splice(at, 1)
        reject(signal?.reason as Error)
      }
      signal?.addEventListener('abort', drop, { once: true })
      this.#line.push(waiter)
    })
  }

  /** Gives the place to the next waiter. */
  leave(): void {
    this.#holders--
    this.#line.shift()?.admit()
  }
}
