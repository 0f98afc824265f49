import type { FlowDataset } from '@openvmo/core'
import type { Store } from '../../store/store'
import { findItemIndex, listChildren } from './item-lookup'

/** Link types from an item to the work that delivers it (outgoing from the delivered item). */
export const DELIVERED_BY_LINKS = ['delivered_by', 'is delivered by', 'implemented_by'] as const
/** Link types from the delivering work to what it delivers (incoming to the delivered item). */
export const DELIVERS_LINKS = ['implements', 'delivers'] as const

/** Limits of {@link collectDeliveryGraph}: 5 levels down, 2,000 items. */
const MAX_DEPTH = 5
const MAX_NODES = 2_000

/**
 * Which items deliver which below item `start` (dataset indexes): its children, the items it is
 * delivered by (`delivered_by`) and those that implement it (`implements`), then theirs, across
 * tools (request → epic → stories → pull requests). Without a store (a history file), children
 * only. The engine's roll-up forecast reads it; the CLI and the API build it the same way.
 */
export async function collectDeliveryGraph(
  store: Store | undefined,
  dataset: FlowDataset,
  start: number,
): Promise<Map<number, number[]>> {
  const graph = new Map<number, number[]>()
  const seen = new Set<number>([start])
  let frontier = [start]
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: number[] = []
    for (const i of frontier) {
      const below = await deliveringItems(store, dataset, i)
      graph.set(i, below)
      for (const j of below) {
        if (seen.has(j) || seen.size >= MAX_NODES) continue
        seen.add(j)
        next.push(j)
      }
    }
    frontier = next
  }
  return graph
}

async function deliveringItems(
  store: Store | undefined,
  dataset: FlowDataset,
  i: number,
): Promise<number[]> {
  const out = new Set<number>(listChildren(dataset, i))
  if (store) {
    const source = dataset.sources.valueOf(dataset.itemSource[i] ?? 0)
    for (const link of await store.listLinks(source, dataset.itemKey[i] ?? '')) {
      const type = link.type.toLowerCase()
      const delivering =
        link.direction === 'outgoing'
          ? (DELIVERED_BY_LINKS as readonly string[]).includes(type)
          : (DELIVERS_LINKS as readonly string[]).includes(type)
      if (!delivering) continue
      const j = findItemIndex(dataset, link.other.source, link.other.key)
      if (j >= 0) out.add(j)
    }
  }
  out.delete(i)
  return [...out]
}
