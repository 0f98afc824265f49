import { ByteInterner } from './byte-interner'

/**
 * Values by the bytes they were read from, for values that repeat (a source, a team, a label
 * list, a `fields` object): a hit costs a hash and a comparison instead of decoding and a new
 * allocation. Holds at most `capacity` values, so once it is full values that never repeat
 * stop being added.
 */
export class ByteCache<T> {
  readonly #ids = new ByteInterner()
  readonly #values: T[] = []
  readonly #capacity: number

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  /** The value of the bytes `start..end` when cached; else undefined, and `add` may follow. */
  find(bytes: Uint8Array, start: number, end: number): T | undefined {
    const id = this.#ids.find(bytes, start, end)
    return id < 0 ? undefined : this.#values[id]
  }

  /** Caches `value` for the bytes of the last {@link find} (unless full). */
  add(value: T): void {
    if (this.#values.length >= this.#capacity) return
    this.#ids.remember(this.#values.length)
    this.#values.push(value)
  }
}
