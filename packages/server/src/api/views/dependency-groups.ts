import type { FlowInput } from '../engine'
import type { ReadableStreams } from '../auth/stream-access'
import { isReadableName, readableItemMarks } from '../auth/stream-access'

/** What the dependency graph groups items by: their team now, or their first value stream. */
export const DEPENDENCY_GROUPINGS = ['team', 'stream'] as const
/** One of {@link DEPENDENCY_GROUPINGS}. */
export type DependencyGrouping = (typeof DEPENDENCY_GROUPINGS)[number]

/** Items grouped for the dependency graph: a group per item (-1 none) and each group's name. */
export interface DependencyGroups {
  itemGroup: Int32Array
  /** Group names; null for a group the reader may not see (it is never named). */
  names: (string | null)[]
  /** Per item: 1 when the reader may see it (named in lists), absent when all are visible. */
  visible: Uint8Array | null
}

/**
 * Groups items by team (the team now) or by value stream (the first stream of the mapping that
 * holds the item). With `readable`, streams the reader may not read, and teams with no item it
 * may read, become one unnamed group "restricted": a dependency on them shows as a wait, but
 * nothing of theirs is named.
 */
export function dependencyGroups(
  input: FlowInput,
  options: { by: DependencyGrouping; readable: ReadableStreams },
): DependencyGroups {
  const { dataset, mapping } = input
  const visible = readableItemMarks(mapping, options.readable, dataset.itemCount)
  const itemGroup = new Int32Array(dataset.itemCount).fill(-1)
  const names: (string | null)[] = []
  if (options.by === 'team') {
    for (let t = 0; t < dataset.teams.size; t++) names.push(dataset.teams.valueOf(t))
    itemGroup.set(dataset.itemTeam)
    if (visible) hideUnseenGroups({ itemGroup, names, visible })
    return { itemGroup, names, visible }
  }
  const restricted = mapping.valueStreams.length
  mapping.valueStreams.forEach((stream, s) => {
    const readable = isReadableName(options.readable, stream.name)
    names.push(readable ? stream.name : null)
    for (const i of stream.items) if (itemGroup[i] === -1) itemGroup[i] = readable ? s : restricted
  })
  names.push(null)
  return { itemGroup, names, visible }
}

/** Moves the items of groups none of whose items is visible into one unnamed last group. */
function hideUnseenGroups(groups: DependencyGroups & { visible: Uint8Array }) {
  const seen = new Uint8Array(groups.names.length)
  const restricted = groups.names.length
  groups.itemGroup.forEach((g, i) => {
    if (g >= 0 && groups.visible[i] === 1) seen[g] = 1
  })
  groups.itemGroup.forEach((g, i) => {
    if (g >= 0 && seen[g] !== 1) groups.itemGroup[i] = restricted
  })
  groups.names.forEach((_, g) => {
    if (seen[g] !== 1) groups.names[g] = null
  })
  groups.names.push(null)
}
