/**
 * Deepest nesting of arrays and objects a history line may have; the line's own object is level
 * 1, so `{"fields":{"a":[…]}}` reaches level 3 at the array. Deeper lines are refused: nothing in
 * a work item needs more, and code that walks values recursively (JSON.stringify, structured
 * clone) overflows the stack on a line nested a hundred thousand levels deep.
 */
export const MAX_JSON_DEPTH = 64

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
/** An object with more members is checked with a Set of its names instead of pairwise. */
const PAIRWISE_MEMBERS = 32

/** The index of the quote that closes the string opened at `open`, or -1. */
function stringEnd(text: string, open: number): number {
  let at = text.indexOf('"', open + 1)
  while (at > 0) {
    let backslashes = 0
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++
    if (backslashes % 2 === 0) return at
    at = text.indexOf('"', at + 1)
  }
  return -1
}

/** The member name whose string opens at `open` and closes at `close`, decoded. */
function memberName(text: string, open: number, close: number): string {
  return JSON.parse(text.slice(open, close + 1)) as string
}

/**
 * Walks the containers of a JSON text, keeping the depth and the member names of every open
 * object as ranges of the text (no string is made per name): strings are skipped with `indexOf`
 * (they are most of a line) and only the characters between them are looked at. Reused from
 * line to line (reset by `run`).
 */
class StructureWalk {
  #text = ''
  /** Per open container (innermost last): where its names start in the pool, -1 for arrays. */
  readonly #firstName = new Int32Array(MAX_JSON_DEPTH)
  #depth = 0
  /** Ranges of the names of the open objects. */
  #nameStart = new Int32Array(256)
  #nameEnd = new Int32Array(256)
  #names = 0
  /** Per open object: its decoded names, once it has a name with escapes or many names. */
  readonly #decoded: (Set<string> | undefined)[] = []
  /** Where the line's first backslash is, or -1. */
  #firstBackslash = -1
  /** Whether the next string of the innermost object is a member name. */
  #expectName = false
  /** The range of the last member name of the line's own object: where a problem is. */
  #topStart = 0
  #topEnd = 0

  run(text: string): string | undefined {
    this.#text = text
    this.#firstBackslash = text.indexOf('\\')
    this.#depth = 0
    this.#names = 0
    this.#expectName = false
    this.#topEnd = this.#topStart = 0
    for (let at = 0; at < text.length; at++) {
      const c = text.charCodeAt(at)
      if (c === QUOTE) {
        const close = stringEnd(text, at)
        if (close < 0) return undefined
        if (this.#expectName && !this.#addName(at + 1, close)) return this.#duplicate(at, close)
        at = close
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (this.#depth === MAX_JSON_DEPTH) return this.#tooDeep()
        this.#decoded[this.#depth] = undefined
        this.#firstName[this.#depth++] = c === OPEN_BRACE ? this.#names : -1
        this.#expectName = c === OPEN_BRACE
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        const first = this.#firstName[--this.#depth]!
        if (first >= 0) this.#names = first
      } else if (c === COMMA) {
        this.#expectName = this.#firstName[this.#depth - 1]! >= 0
      } else if (c === COLON) {
        this.#expectName = false
      }
    }
    return undefined
  }

  /** Adds the name `start..end` to the innermost object; false when it has that name already. */
  #addName(start: number, end: number): boolean {
    this.#expectName = false
    if (this.#depth === 1) {
      this.#topStart = start
      this.#topEnd = end
    }
    const first = this.#firstName[this.#depth - 1]!
    const count = this.#names
    const text = this.#text
    const length = end - start
    const decoded = this.#decoded[this.#depth - 1]
    if (decoded !== undefined) {
      const name = memberName(text, start - 1, end)
      if (decoded.has(name)) return false
      decoded.add(name)
    } else if (count - first >= PAIRWISE_MEMBERS || this.#hasBackslash(start, end)) {
      if (!this.#isNewDecoded(first, start, end)) return false
    } else {
      for (let k = first; k < count; k++) {
        const other = this.#nameStart[k]!
        if (this.#nameEnd[k]! - other === length && this.#sameText(other, start, length))
          return false
      }
    }
    if (count === this.#nameStart.length) this.#growNames()
    this.#nameStart[count] = start
    this.#nameEnd[count] = end
    this.#names = count + 1
    return true
  }

  /** Whether the line's texts of `length` at `a` and at `b` are equal. */
  #sameText(a: number, b: number, length: number): boolean {
    const text = this.#text
    for (let i = 0; i < length; i++)
      if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false
    return true
  }

  /** Whether `text[start..end]` holds a backslash (an escape); the line is searched once. */
  #hasBackslash(start: number, end: number): boolean {
    if (this.#firstBackslash < 0 || this.#firstBackslash >= end) return false
    const text = this.#text
    for (let i = start; i < end; i++) if (text.charCodeAt(i) === BACKSLASH) return true
    return false
  }

  /**
   * Switches the innermost object to decoded names (for names with escapes and large objects):
   * a Set of its names so far, then adds the name `start..end`; false when it was there.
   */
  #isNewDecoded(first: number, start: number, end: number): boolean {
    const text = this.#text
    const names = new Set<string>()
    for (let k = first; k < this.#names; k++)
      names.add(memberName(text, this.#nameStart[k]! - 1, this.#nameEnd[k]!))
    this.#decoded[this.#depth - 1] = names
    const name = memberName(text, start - 1, end)
    if (names.has(name)) return false
    names.add(name)
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

  #topMember(): string {
    return memberName(this.#text, this.#topStart - 1, this.#topEnd)
  }

  #duplicate(open: number, close: number): string {
    const name = memberName(this.#text, open, close)
    const where = this.#depth === 1 ? '' : ` in "${this.#topMember()}"`
    return `duplicate member ${JSON.stringify(name)}${where}`
  }

  #tooDeep(): string {
    const what = this.#topEnd === 0 ? 'the line' : `"${this.#topMember()}"`
    return `${what} is nested deeper than ${MAX_JSON_DEPTH} levels`
  }
}

const walk = new StructureWalk()

/**
 * Why a JSON text that JSON.parse accepts is still not a good history line, or undefined: a value
 * nested deeper than {@link MAX_JSON_DEPTH} levels, or an object (at any depth, `fields` and
 * changes included) that names a member twice, which JSON.parse silently resolves to the last
 * value. Reasons name the member (`duplicate member "key"`, `duplicate member "priority" in
 * "fields"`, `"fields" is nested deeper than 64 levels`). Iterative, so any depth is safe.
 */
export function findJsonStructureProblem(text: string): string | undefined {
  return walk.run(text)
}
