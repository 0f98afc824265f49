import { EVENT_STATUS } from '../model/event-kinds'
import type { FlowDataset } from '../model/flow-dataset'

/**
 * How many of `items` (dataset item indexes) have at most one status change: nothing is known of
 * the states between their creation and their resolution (an archive with only `created` and
 * `resolved`, whose importer adds one change at the resolved date). Time in state needs more.
 */
export function countItemsWithoutStatusHistory(
  dataset: FlowDataset,
  items: ArrayLike<number>,
): number {
  const { eventOffset, eventKind } = dataset
  let without = 0
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!
    let changes = 0
    for (let e = eventOffset[item]!; e < eventOffset[item + 1]! && changes < 2; e++) {
      if (eventKind[e] === EVENT_STATUS) changes++
    }
    if (changes < 2) without++
  }
  return without
}

/** The latest instant the data records (a creation, a resolution or a change); NaN when empty. */
export function latestDataInstant(dataset: FlowDataset): number {
  let latest = Number.NEGATIVE_INFINITY
  const { createdMs, resolvedMs, eventAt } = dataset
  for (let i = 0; i < createdMs.length; i++) if (createdMs[i]! > latest) latest = createdMs[i]!
  // NaN (not resolved) never compares greater.
  for (let i = 0; i < resolvedMs.length; i++) if (resolvedMs[i]! > latest) latest = resolvedMs[i]!
  for (let e = 0; e < eventAt.length; e++) if (eventAt[e]! > latest) latest = eventAt[e]!
  return latest === Number.NEGATIVE_INFINITY ? Number.NaN : latest
}
