/**
 * Results of a pure function kept by a string key, at most `limit` of them: when full, the memo
 * is emptied (the working set of a server, a few ranges and time zones, stays far below the
 * bound; a burst of distinct keys costs one refill). Used for the calendar arithmetic of time
 * zones, where each Luxon step reads the zone's offset through `Intl` (microseconds each, and
 * every request asks again for the same midnights).
 */
export class BoundedMemo<V> {
  readonly #values = new Map<string, V>()
  readonly #limit: number

  constructor(limit: number) {
    this.#limit = limit
  }

  /** The kept value of `key`, else `compute()` (kept unless it throws). */
  get(key: string, compute: () => V): V {
    let value = this.#values.get(key)
    if (value === undefined) {
      value = compute()
      if (this.#values.size >= this.#limit) this.#values.clear()
      this.#values.set(key, value)
    }
    return value
  }
}
