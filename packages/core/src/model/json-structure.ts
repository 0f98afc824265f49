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
/** Members of one object compared one by one; a larger object gets a Set of its names. */
const LINEAR_MEMBERS = 16

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

/** A member name as JSON.parse would decode it (escapes are rare: decode only those). */
function memberName(text: string, open: number, close: number): string {
  const raw = text.slice(open + 1, close)
  return raw.includes('\\') ? (JSON.parse(text.slice(open, close + 1)) as string) : raw
}

/** One open object's member names: a list while short, then also a Set. */
class MemberNames {
  readonly names: string[] = []
  set: Set<string> | undefined = undefined

  /** Adds `name`; false when the object already has it. */
  add(name: string): boolean {
    const set = this.set
    if (set !== undefined) {
      if (set.has(name)) return false
      set.add(name)
      return true
    }
    const names = this.names
    for (let i = 0; i < names.length; i++) if (names[i] === name) return false
    names.push(name)
    if (names.length > LINEAR_MEMBERS) this.set = new Set(names)
    return true
  }
}

/**
 * Walks the containers of a JSON text: depth, and the member names of every open object. Strings
 * are skipped with `indexOf` (they are most of a line); only the bytes between them are looked at.
 */
class StructureWalk {
  readonly #text: string
  /** Per open container: its member names (objects) or undefined (arrays). */
  readonly #open: (MemberNames | undefined)[] = []
  /** Whether the next string of the innermost object is a member name. */
  #expectName = false
  /** The last member name of the line's own object: where a problem is. */
  #topMember = ''

  constructor(text: string) {
    this.#text = text
  }

  run(): string | undefined {
    const text = this.#text
    for (let at = 0; at < text.length; at++) {
      const c = text.charCodeAt(at)
      if (c === QUOTE) {
        const close = stringEnd(text, at)
        if (close < 0) return undefined
        if (this.#expectName) {
          const problem = this.#name(memberName(text, at, close))
          if (problem !== undefined) return problem
        }
        at = close
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (this.#open.length === MAX_JSON_DEPTH) return this.#tooDeep()
        this.#open.push(c === OPEN_BRACE ? new MemberNames() : undefined)
        this.#expectName = c === OPEN_BRACE
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.#open.pop()
      } else if (c === COMMA) {
        this.#expectName = this.#open[this.#open.length - 1] !== undefined
      } else if (c === COLON) {
        this.#expectName = false
      }
    }
    return undefined
  }

  #name(name: string): string | undefined {
    this.#expectName = false
    const depth = this.#open.length
    if (depth === 1) this.#topMember = name
    if (this.#open[depth - 1]!.add(name)) return undefined
    const where = depth === 1 ? '' : ` in "${this.#topMember}"`
    return `duplicate member ${JSON.stringify(name)}${where}`
  }

  #tooDeep(): string {
    const what = this.#topMember === '' ? 'the line' : `"${this.#topMember}"`
    return `${what} is nested deeper than ${MAX_JSON_DEPTH} levels`
  }
}

/**
 * Why a JSON text that JSON.parse accepts is still not a good history line, or undefined: a value
 * nested deeper than {@link MAX_JSON_DEPTH} levels, or an object (at any depth, `fields` and
 * changes included) that names a member twice, which JSON.parse silently resolves to the last
 * value. Reasons name the member (`duplicate member "key"`, `duplicate member "priority" in
 * "fields"`, `"fields" is nested deeper than 64 levels`). Iterative, so any depth is safe.
 */
export function findJsonStructureProblem(text: string): string | undefined {
  return new StructureWalk(text).run()
}
