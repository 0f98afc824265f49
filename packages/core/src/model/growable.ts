type NumericArray = Float64Array | Int32Array | Uint32Array | Uint8Array | Uint16Array
type NumericArrayConstructor<T extends NumericArray> = new (length: number) => T

/** An append-only typed array that doubles its capacity; `toArray` returns an exact-size copy view. */
export class GrowableArray<T extends NumericArray> {
  #data: T
  #length = 0
  readonly #ctor: NumericArrayConstructor<T>

  constructor(ctor: NumericArrayConstructor<T>, capacity = 1024) {
    this.#ctor = ctor
    this.#data = new ctor(capacity)
  }

  get length(): number {
    return this.#length
  }

  push(value: number): void {
    if (this.#length === this.#data.length) {
      const next = new this.#ctor(this.#data.length * 2)
      next.set(this.#data)
      this.#data = next
    }
    this.#data[this.#length++] = value
  }

  /** Overwrites the value at `index` (which must be below `length`). */
  set(index: number, value: number): void {
    this.#data[index] = value
  }

  get(index: number): number {
    return this.#data[index] ?? NaN
  }

  /** The contents, trimmed to `length` (a copy, so the builder's spare capacity is released). */
  toArray(): T {
    return this.#data.slice(0, this.#length) as T
  }
}
