/**
 * Interns strings to dense integer ids, so the engine works on typed arrays of ids instead of
 * strings. Ids are assigned in order of first appearance (which `map suggest` relies on).
 */
export class Dictionary {
  readonly #ids = new Map<string, number>()
  readonly #values: string[] = []

  /** The id of `value`, assigning the next id on first sight. */
  intern(value: string): number {
    let id = this.#ids.get(value)
    if (id === undefined) {
      id = this.#values.length
      this.#ids.set(value, id)
      this.#values.push(value)
    }
    return id
  }

  /** The id of `value`, or -1 when it was never interned. */
  find(value: string): number {
    return this.#ids.get(value) ?? -1
  }

  /** The value with the given id; throws on an unknown id. */
  valueOf(id: number): string {
    const value = this.#values[id]
    if (value === undefined) throw new RangeError(`unknown dictionary id ${id}`)
    return value
  }

  /** Number of distinct values. */
  get size(): number {
    return this.#values.length
  }

  /** All values, index = id. */
  get values(): readonly string[] {
    return this.#values
  }
}

/** Separator of a source-qualified name (`jira` + SEP + `In Review`). */
export const QUALIFIER_SEPARATOR = '\u0000'

/** `source` and `name` joined into one dictionary key. */
export function qualify(source: string, name: string): string {
  return source + QUALIFIER_SEPARATOR + name
}

/** Splits a key made by {@link qualify}. */
export function unqualify(key: string): { source: string; name: string } {
  const at = key.indexOf(QUALIFIER_SEPARATOR)
  return { source: key.slice(0, at), name: key.slice(at + 1) }
}
