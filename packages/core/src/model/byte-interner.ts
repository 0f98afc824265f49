const EMPTY = -1
const FIRST_SLOTS = 64
const FIRST_POOL = 1024

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** FNV-1a over the bytes `start..end`, as a 32-bit integer. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, FNV_PRIME)
  return hash
}

/**
 * FNV-1a over the length and some of the bytes `start..end`: all up to 8, else the first three,
 * the middle one and the last three. Cheaper for names (a few dozen statuses, which it tells
 * apart as well); a poor hash for many values alike in the middle.
 */
export function hashSomeBytes(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start
  if (length <= 8) return Math.imul(hashBytes(bytes, start, end) ^ length, FNV_PRIME)
  let hash = Math.imul(FNV_OFFSET ^ length, FNV_PRIME)
  hash = Math.imul(hash ^ bytes[start]!, FNV_PRIME)
  hash = Math.imul(hash ^ bytes[start + 1]!, FNV_PRIME)
  hash = Math.imul(hash ^ bytes[start + 2]!, FNV_PRIME)
  hash = Math.imul(hash ^ bytes[start + (length >> 1)]!, FNV_PRIME)
  hash = Math.imul(hash ^ bytes[end - 3]!, FNV_PRIME)
  hash = Math.imul(hash ^ bytes[end - 2]!, FNV_PRIME)
  return Math.imul(hash ^ bytes[end - 1]!, FNV_PRIME)
}

/**
 * Maps byte strings to integers (a value's id in a dictionary, say) without making a string of
 * them: a hash table with open addressing over a pool of the bytes seen. `find` looks a byte
 * range up and remembers it, so a miss is followed by `remember(value)` to add that range.
 *
 * Hand-written for the NDJSON reader's fast path: it meets a status name in every change (10M per
 * benchmark run) and would otherwise decode each one to a string only to find it in a Map.
 */
export class ByteInterner {
  readonly #names: boolean
  #slots = new Int32Array(FIRST_SLOTS).fill(EMPTY)
  #pool = new Uint8Array(FIRST_POOL)
  #poolUsed = 0
  #entryStart = new Int32Array(FIRST_SLOTS / 2)
  #entryLength = new Int32Array(FIRST_SLOTS / 2)
  #entryHash = new Int32Array(FIRST_SLOTS / 2)
  #entryValue = new Int32Array(FIRST_SLOTS / 2)
  #count = 0
  // the range of the last `find`, for `remember`
  #bytes: Uint8Array = this.#pool
  #start = 0
  #end = 0
  #hash = 0

  /** With `names`, hashes only some bytes of long strings: faster for a few dozen names. */
  constructor(names = false) {
    this.#names = names
  }

  /** Number of byte strings held. */
  get size(): number {
    return this.#count
  }

  /** The value of the bytes `start..end`, or -1 when they were never remembered. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const hash = this.#names ? hashSomeBytes(bytes, start, end) : hashBytes(bytes, start, end)
    this.#bytes = bytes
    this.#start = start
    this.#end = end
    this.#hash = hash
    const mask = this.#slots.length - 1
    const length = end - start
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.#slots[slot]!
      if (entry === EMPTY) return -1
      if (
        this.#entryHash[entry] === hash &&
        this.#entryLength[entry] === length &&
        this.#holds(entry)
      )
        return this.#entryValue[entry]!
    }
  }

  /** Whether the entry's bytes equal the range of the current `find` (lengths are equal). */
  #holds(entry: number): boolean {
    const bytes = this.#bytes
    const pool = this.#pool
    for (let i = this.#start, j = this.#entryStart[entry]!; i < this.#end; i++, j++)
      if (bytes[i] !== pool[j]) return false
    return true
  }

  /** Adds the bytes of the last {@link find} (which found nothing) with `value`. */
  remember(value: number): void {
    const length = this.#end - this.#start
    if (this.#poolUsed + length > this.#pool.length) {
      const pool = new Uint8Array(Math.max(2 * this.#pool.length, this.#poolUsed + length))
      pool.set(this.#pool.subarray(0, this.#poolUsed))
      this.#pool = pool
    }
    this.#pool.set(this.#bytes.subarray(this.#start, this.#end), this.#poolUsed)
    const entry = this.#count++
    if (entry === this.#entryStart.length) this.#growEntries()
    this.#entryStart[entry] = this.#poolUsed
    this.#entryLength[entry] = length
    this.#entryHash[entry] = this.#hash
    this.#entryValue[entry] = value
    this.#poolUsed += length
    if (2 * this.#count > this.#slots.length) this.#rehash(2 * this.#slots.length)
    else this.#place(entry)
  }

  #place(entry: number): void {
    const mask = this.#slots.length - 1
    let slot = this.#entryHash[entry]! & mask
    while (this.#slots[slot] !== EMPTY) slot = (slot + 1) & mask
    this.#slots[slot] = entry
  }

  #growEntries(): void {
    const grow = (array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const next = new Int32Array(2 * array.length)
      next.set(array)
      return next
    }
    this.#entryStart = grow(this.#entryStart)
    this.#entryLength = grow(this.#entryLength)
    this.#entryHash = grow(this.#entryHash)
    this.#entryValue = grow(this.#entryValue)
  }

  #rehash(size: number): void {
    this.#slots = new Int32Array(size).fill(EMPTY)
    for (let entry = 0; entry < this.#count; entry++) this.#place(entry)
  }
}
