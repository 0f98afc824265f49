// Byte codes of JSON's syntax, shared with the history-line scanner.
export const TAB = 0x09
export const LF = 0x0a
export const CR = 0x0d
export const SPACE = 0x20
export const QUOTE = 0x22
export const PLUS = 0x2b
export const COMMA = 0x2c
export const MINUS = 0x2d
export const DOT = 0x2e
export const SLASH = 0x2f
export const DIGIT_0 = 0x30
export const DIGIT_1 = 0x31
export const DIGIT_9 = 0x39
export const COLON = 0x3a
export const UPPER_E = 0x45
export const OPEN_BRACKET = 0x5b
export const BACKSLASH = 0x5c
export const CLOSE_BRACKET = 0x5d
export const LOWER_E = 0x65
export const OPEN_BRACE = 0x7b
export const CLOSE_BRACE = 0x7d
const LOWER_U = 0x75
const SIMPLE_ESCAPES = new Set([QUOTE, BACKSLASH, SLASH, 0x62, 0x66, 0x6e, 0x72, 0x74])

/** Deeper values are left to the reference parser. */
const MAX_DEPTH = 32
/** Objects with more members are left to the reference parser (names are compared pairwise). */
const MAX_MEMBERS = 256

/** 1 for the bytes that stand for themselves inside a JSON string (printable ASCII but `"` `\`). */
export const PLAIN = new Uint8Array(256)
for (let b = SPACE; b < 0x7f; b++) PLAIN[b] = 1
PLAIN[0x7f] = 1
PLAIN[QUOTE] = 0
PLAIN[BACKSLASH] = 0

const HEX = new Uint8Array(256)
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1

export const LITERALS = ['true', 'false', 'null']

// Flags of a scanned string.
export const ESCAPED = 1
export const NON_ASCII = 2

/**
 * JSON syntax over bytes, for {@link HistoryLineScanner}: whitespace, strings (escapes and UTF-8
 * checked as a fatal TextDecoder would), numbers, literals and any value skipped with its
 * nesting checked. Each method takes a position in `bytes` (before `end`) and returns the
 * position after what it read, or -1 when the bytes are not that piece of JSON.
 *
 * Hand-written (the team otherwise prefers a library) because it runs over every byte of a
 * 10M-change import; a parser that builds values is what the scanner exists to avoid.
 */
export class JsonByteLexer {
  bytes: Uint8Array = new Uint8Array(0)
  /** End of the bytes being read (exclusive). */
  protected end = 0
  /** Flags of the last string scanned, and of all strings since `anyFlags` was reset. */
  protected flags = 0
  protected anyFlags = 0
  /**
   * Byte ranges of the member names of the objects being read, innermost last: an object's
   * names from the `nameCount` it started at. A repeated name makes the line the reference
   * parser's, which reports it.
   */
  #nameStart = new Int32Array(64)
  #nameEnd = new Int32Array(64)
  protected nameCount = 0

  /** The byte at `pos`, or -1 past the end of the line. */
  protected at(pos: number): number {
    return pos < this.end ? this.bytes[pos]! : -1
  }

  protected ws(pos: number): number {
    const bytes = this.bytes
    while (pos < this.end) {
      const b = bytes[pos]
      if (b !== SPACE && b !== TAB && b !== CR && b !== LF) break
      pos++
    }
    return pos
  }

  /** Scans a string's content from `pos` (after its quote); returns its closing quote or -1. */
  protected string(pos: number): number {
    const bytes = this.bytes
    const end = this.end
    let flags = 0
    for (;;) {
      while (pos < end && PLAIN[bytes[pos]!] === 1) pos++
      if (pos >= end) return -1
      const b = bytes[pos]!
      if (b === QUOTE) break
      if (b === BACKSLASH) {
        pos = this.escape(pos)
        flags |= ESCAPED
      } else if (b >= 0x80) {
        pos = this.utf8(pos)
        flags |= NON_ASCII
      } else return -1
      if (pos < 0) return -1
    }
    this.flags = flags
    this.anyFlags |= flags
    return pos
  }

  /** The position after the escape sequence at `pos`, or -1 when it is not JSON. */
  protected escape(pos: number): number {
    const next = this.at(pos + 1)
    if (SIMPLE_ESCAPES.has(next)) return pos + 2
    if (next !== LOWER_U || pos + 6 > this.end) return -1
    const bytes = this.bytes
    for (let i = pos + 2; i < pos + 6; i++) if (HEX[bytes[i]!] !== 1) return -1
    return pos + 6
  }

  /**
   * The position after the UTF-8 sequence at `pos`, or -1 when it is not well-formed (the same
   * rules as a fatal TextDecoder: no overlong forms, no surrogates, nothing above U+10FFFF).
   */
  protected utf8(pos: number): number {
    const b = this.bytes[pos]!
    let length: number
    let low = 0x80
    let high = 0xbf
    if (b >= 0xc2 && b <= 0xdf) length = 2
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3
      if (b === 0xe0) low = 0xa0
      else if (b === 0xed) high = 0x9f
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4
      if (b === 0xf0) low = 0x90
      else if (b === 0xf4) high = 0x8f
    } else return -1
    if (pos + length > this.end) return -1
    const second = this.bytes[pos + 1]!
    if (second < low || second > high) return -1
    for (let i = pos + 2; i < pos + length; i++) {
      const c = this.bytes[i]!
      if (c < 0x80 || c > 0xbf) return -1
    }
    return pos + length
  }

  /** Whether the bytes at `pos` are `word` (ASCII). */
  protected literal(pos: number, word: string): boolean {
    if (pos + word.length > this.end) return false
    for (let i = 0; i < word.length; i++)
      if (this.bytes[pos + i] !== word.charCodeAt(i)) return false
    return true
  }

  /**
   * Records the member name `start..end` (content of a string without escapes) of the object
   * whose names start at `first`; false when that object already has it, or has too many names
   * to compare.
   */
  protected addName(first: number, start: number, end: number): boolean {
    const count = this.nameCount
    if (count - first >= MAX_MEMBERS) return false
    const bytes = this.bytes
    const length = end - start
    for (let k = first; k < count; k++) {
      const other = this.#nameStart[k]!
      if (this.#nameEnd[k]! - other !== length) continue
      let i = 0
      while (i < length && bytes[other + i] === bytes[start + i]) i++
      if (i === length) return false
    }
    if (count === this.#nameStart.length) this.#growNames()
    this.#nameStart[count] = start
    this.#nameEnd[count] = end
    this.nameCount = count + 1
    return true
  }

  #growNames(): void {
    const starts = new Int32Array(2 * this.#nameStart.length)
    const ends = new Int32Array(starts.length)
    starts.set(this.#nameStart)
    ends.set(this.#nameEnd)
    this.#nameStart = starts
    this.#nameEnd = ends
  }

  /** Checks any JSON value at `pos`; returns the position after it or -1. */
  protected skip(pos: number, depth: number): number {
    const b = this.at(pos)
    if (b === QUOTE) {
      const close = this.string(pos + 1)
      return close < 0 ? -1 : close + 1
    }
    if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      return depth >= MAX_DEPTH ? -1 : this.skipContainer(pos, depth + 1)
    }
    if (b === MINUS || (b >= DIGIT_0 && b <= DIGIT_9)) return this.number(pos)
    for (const word of LITERALS) if (this.literal(pos, word)) return pos + word.length
    return -1
  }

  /**
   * An object or array at `pos`; returns the position after it or -1 (also for an object that
   * repeats a member name, or has a name with escapes, which the reference parser compares).
   */
  protected skipContainer(pos: number, depth: number): number {
    const first = this.nameCount
    const after = this.#container(pos, depth, first)
    this.nameCount = first
    return after
  }

  #container(pos: number, depth: number, first: number): number {
    const object = this.at(pos) === OPEN_BRACE
    const close = object ? CLOSE_BRACE : CLOSE_BRACKET
    pos = this.ws(pos + 1)
    if (this.at(pos) === close) return pos + 1
    for (;;) {
      if (object) {
        if (this.at(pos) !== QUOTE) return -1
        const end = this.string(pos + 1)
        if (end < 0 || (this.flags & ESCAPED) !== 0 || !this.addName(first, pos + 1, end)) return -1
        pos = this.ws(end + 1)
        if (this.at(pos) !== COLON) return -1
        pos = this.ws(pos + 1)
      }
      pos = this.skip(pos, depth)
      if (pos < 0) return -1
      pos = this.ws(pos)
      const b = this.at(pos)
      if (b === close) return pos + 1
      if (b !== COMMA) return -1
      pos = this.ws(pos + 1)
    }
  }

  /** A JSON number at `pos`: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?; the position after it or -1. */
  protected number(pos: number): number {
    if (this.at(pos) === MINUS) pos++
    const first = this.at(pos)
    if (first === DIGIT_0) pos++
    else if (first >= DIGIT_1 && first <= DIGIT_9) pos = this.digits(pos)
    else return -1
    if (this.at(pos) === DOT) {
      const after = this.digits(pos + 1)
      if (after === pos + 1) return -1
      pos = after
    }
    const e = this.at(pos)
    if (e === LOWER_E || e === UPPER_E) {
      pos++
      const sign = this.at(pos)
      if (sign === PLUS || sign === MINUS) pos++
      const after = this.digits(pos)
      if (after === pos) return -1
      pos = after
    }
    return pos
  }

  protected digits(pos: number): number {
    for (;;) {
      const d = this.at(pos)
      if (d < DIGIT_0 || d > DIGIT_9) return pos
      pos++
    }
  }
}
