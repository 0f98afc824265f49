import { blockerEnd } from './blocking-links'

/** Link types from an item to the work that delivers it: `from` waits on `to`. */
const DELIVERED_BY = new Set([
  'delivered_by',
  'is delivered by',
  'implemented_by',
  'is implemented by',
])
/** Link types from delivering work to what it delivers: `to` waits on `from`. */
const DELIVERS = new Set(['implements', 'delivers'])

const phrase = (type: string) => type.trim().toLowerCase().replace(/\s+/g, ' ')

/**
 * Which end of a link waits on the other, for the dependency graph: `'from'` when the link's
 * `from` item waits on its `to` item, `'to'` for the reverse, null when the link is no dependency.
 * Dependencies are the blocking relations of {@link blockerEnd} (blocks / is blocked by, depends
 * on, prerequisites) and delivery (delivered by / implements): the delivered item (a request, an
 * epic) waits on the work that delivers it. Parent links are not links here: a parent waits on
 * its children (see `dependencyPairsOf` callers).
 */
export function waitingEnd(type: string): 'from' | 'to' | null {
  const link = { from: 'a', to: 'b', type }
  if (blockerEnd(link, 'b') === 'from') return 'to'
  if (blockerEnd(link, 'a') === 'to') return 'from'
  const kind = phrase(type)
  if (DELIVERED_BY.has(kind)) return 'from'
  if (DELIVERS.has(kind)) return 'to'
  return null
}

/** Dependency pairs in columnar form: item `dependent[k]` waits on item `blocker[k]`. */
export interface DependencyPairs {
  readonly dependent: Int32Array
  readonly blocker: Int32Array
}

/**
 * The dependency pairs of resolved links (dataset indexes; -1 for a link end not in the data,
 * which is skipped) and of parents (`parentOf[i]`, -1 for none: the parent waits on the child).
 * Pairs are sorted by dependent, then blocker, without duplicates or self-pairs, so the result
 * does not depend on the order of the links.
 */
export function createDependencyPairs(
  links: { from: Int32Array; to: Int32Array; types: readonly string[] },
  parentOf?: Int32Array,
): DependencyPairs {
  const keys: number[] = []
  const push = (dependent: number, blocker: number) => {
    if (dependent >= 0 && blocker >= 0 && dependent !== blocker) {
      keys.push(dependent * 2 ** 26 + blocker)
    }
  }
  const ends = new Map<string, 'from' | 'to' | null>()
  for (let k = 0; k < links.from.length; k++) {
    const type = links.types[k] ?? ''
    let end = ends.get(type)
    if (end === undefined) ends.set(type, (end = waitingEnd(type)))
    if (end === 'from') push(links.from[k]!, links.to[k]!)
    else if (end === 'to') push(links.to[k]!, links.from[k]!)
  }
  if (parentOf) for (let i = 0; i < parentOf.length; i++) push(parentOf[i]!, i)
  const sorted = Float64Array.from(keys).sort()
  let n = 0
  for (let k = 0; k < sorted.length; k++)
    if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[n++] = sorted[k]!
  const dependent = new Int32Array(n)
  const blocker = new Int32Array(n)
  for (let k = 0; k < n; k++) {
    dependent[k] = Math.floor(sorted[k]! / 2 ** 26)
    blocker[k] = sorted[k]! % 2 ** 26
  }
  return { dependent, blocker }
}
