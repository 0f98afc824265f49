/**
 * A bounded least-recently-used cache: `get` refreshes an entry, `set` evicts the oldest entry
 * once `maxEntries` is exceeded. Relies on Map keeping insertion order.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, V>()
  readonly #maxEntries: number

  constructor(maxEntries: number) {
    if (!(maxEntries >= 1)) throw new RangeError(`maxEntries must be >= 1, got ${maxEntries}`)
    this.#maxEntries = maxEntries
  }

  /** The number of entries held. */
  get size(): number {
    return this.#entries.size
  }

  /** The value of `key` (now the most recently used), or undefined. */
  get(key: K): V | undefined {
    const value = this.#entries.get(key)
    if (value === undefined) return undefined
    this.#entries.delete(key)
    this.#entries.set(key, value)
    return value
  }

  /** Stores `value` as the most recently used entry, evicting the oldest beyond the bound. */
  set(key: K, value: V): void {
    this.#entries.delete(key)
    this.#entries.set(key, value)
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next()
      if (!oldest.done) this.#entries.delete(oldest.value)
    }
  }

  /** Drops every entry. */
  clear(): void {
    this.#entries.clear()
  }
}
