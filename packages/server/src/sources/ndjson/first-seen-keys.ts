const FIRST_SLOTS = 1 << 12

/** FNV-1a over the UTF-16 code units of `text`, seeded with `seed`. */
function hashText(text: string, seed: number): number {
  let hash = Math.imul(0x811c9dc5 ^ seed, 0x01000193)
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash
}

/**
 * The line on which each source+key of a history file was first seen, for the reader's
 * duplicate check. A hash table with open addressing whose slots hold a key's hash beside its
 * entry (one memory access per probe), hand-written because a nested Map of 1M keys cost about a
 * tenth of a 1M-item import (rehashing and GC).
 */
export class FirstSeenKeys {
  readonly #sourceIds = new Map<string, number>()
  /** Per slot: [hash, entry + 1]; entry 0 marks an empty slot. */
  #slots = new Int32Array(2 * FIRST_SLOTS)
  readonly #keys: string[] = []
  #entrySource = new Int32Array(FIRST_SLOTS / 2)
  #entryLine = new Float64Array(FIRST_SLOTS / 2)

  /** The line on which `source`+`key` was first seen, or undefined (then `line` is remembered). */
  firstLine(source: string, key: string, line: number): number | undefined {
    let sourceId = this.#sourceIds.get(source)
    if (sourceId === undefined) {
      sourceId = this.#sourceIds.size
      this.#sourceIds.set(source, sourceId)
    }
    const hash = hashText(key, sourceId)
    const slots = this.#slots
    const mask = (slots.length >> 1) - 1
    let slot = hash & mask
    for (;;) {
      const stored = slots[2 * slot + 1] ?? 0
      if (stored === 0) break
      const entry = stored - 1
      if (
        slots[2 * slot] === hash &&
        this.#entrySource[entry] === sourceId &&
        this.#keys[entry] === key
      )
        return this.#entryLine[entry]
      slot = (slot + 1) & mask
    }
    const entry = this.#keys.length
    if (entry === this.#entryLine.length) this.#growEntries()
    this.#keys.push(key)
    this.#entrySource[entry] = sourceId
    this.#entryLine[entry] = line
    slots[2 * slot] = hash
    slots[2 * slot + 1] = entry + 1
    if (4 * this.#keys.length > slots.length) this.#rehash()
    return undefined
  }

  #growEntries(): void {
    const size = 2 * this.#entryLine.length
    const source = new Int32Array(size)
    source.set(this.#entrySource)
    this.#entrySource = source
    const line = new Float64Array(size)
    line.set(this.#entryLine)
    this.#entryLine = line
  }

  /** Doubles the slots (kept at most half full). */
  #rehash(): void {
    const old = this.#slots
    const slots = new Int32Array(2 * old.length)
    const mask = (slots.length >> 1) - 1
    for (let s = 0; s < old.length; s += 2) {
      const hash = old[s] ?? 0
      const entry = old[s + 1] ?? 0
      if (entry === 0) continue
      let slot = hash & mask
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask
      slots[2 * slot] = hash
      slots[2 * slot + 1] = entry
    }
    this.#slots = slots
  }
}
