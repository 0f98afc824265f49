import { QUALIFIER_SEPARATOR } from '../model/dictionary'

/** What a configured name maps to, and its position in the file (for workflow order). */
export interface NameTarget<T> {
  target: T
  rank: number
}

/**
 * Resolves a tool's name (status or artifact type) of a source to its configured target. Names
 * compare case-insensitively; an entry `source:name` whose prefix is one of the dataset's sources
 * applies to that source only and wins over an unqualified entry; any other entry (including one
 * whose prefix is not a known source, e.g. `Status: Blocked`) is an unqualified name. The first
 * entry of a name wins (the loader refuses duplicates).
 */
export interface NameLookup<T> {
  find(source: string, name: string): NameTarget<T> | undefined
}

/** A configured name, its target, and its rank (order within the configuration). */
export interface NameEntry<T> {
  name: string
  target: T
  rank: number
}

function normalise(text: string): string {
  return text.trim().toLowerCase()
}

function keyOf(entryName: string, sources: ReadonlySet<string>): string {
  const colon = entryName.indexOf(':')
  if (colon <= 0) return normalise(entryName)
  const source = normalise(entryName.slice(0, colon))
  if (!sources.has(source)) return normalise(entryName)
  return source + QUALIFIER_SEPARATOR + normalise(entryName.slice(colon + 1))
}

/** Creates a {@link NameLookup} over `entries` for a dataset whose sources are `sources`. */
export function createNameLookup<T>(
  entries: Iterable<NameEntry<T>>,
  sources: readonly string[],
): NameLookup<T> {
  const known = new Set(sources.map(normalise))
  const byKey = new Map<string, NameTarget<T>>()
  for (const { name, target, rank } of entries) {
    const key = keyOf(name, known)
    if (!byKey.has(key)) byKey.set(key, { target, rank })
  }
  return {
    find: (source, name) =>
      byKey.get(normalise(source) + QUALIFIER_SEPARATOR + normalise(name)) ??
      byKey.get(normalise(name)),
  }
}
