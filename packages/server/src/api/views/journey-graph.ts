import type { FlowDataset } from '@openvmo/core'
import type { Store } from '../../store/store'
import { findItemIndex, listChildren } from './item-lookup'

/** An item named by source and key (it may not be in the store). */
export interface ItemId {
  source: string
  key: string
}

/** The linked neighbourhood of an item: nodes with their link distance, and typed edges. */
export interface JourneyGraph {
  nodes: Map<string, { id: ItemId; depth: number }>
  edges: { from: string; to: string; type: string }[]
}

/** Limits of {@link collectJourneyGraph}: link distance 2 and 100 nodes by default. */
export interface JourneyLimits {
  maxDepth?: number
  maxNodes?: number
}

/** `source:key`, the id of a node on the wire. */
export const nodeId = (id: ItemId) => `${id.source}:${id.key}`

async function neighbours(store: Store, dataset: FlowDataset, id: ItemId) {
  const out: { other: ItemId; edge: { from: ItemId; to: ItemId; type: string } }[] = []
  for (const link of await store.listLinks(id.source, id.key)) {
    const outgoing = link.direction === 'outgoing'
    const edge = outgoing
      ? { from: id, to: link.other, type: link.type }
      : { from: link.other, to: id, type: link.type }
    out.push({ other: link.other, edge })
  }
  const i = findItemIndex(dataset, id.source, id.key)
  if (i < 0) return out
  const parent = dataset.itemParent[i]
  if (parent !== undefined) {
    const other = { source: id.source, key: parent }
    out.push({ other, edge: { from: id, to: other, type: 'parent' } })
  }
  for (const child of listChildren(dataset, i)) {
    const other = { source: id.source, key: dataset.itemKey[child] ?? '' }
    out.push({ other, edge: { from: other, to: id, type: 'parent' } })
  }
  return out
}

/**
 * The item's journey across tools: breadth-first over stored links (both directions, any
 * source) and parent/child relations, up to `maxDepth` links away and `maxNodes` nodes
 * (request → epic → stories → pull requests). Edges are deduplicated.
 */
export async function collectJourneyGraph(
  store: Store,
  dataset: FlowDataset,
  options: { start: ItemId } & JourneyLimits,
): Promise<JourneyGraph> {
  const { start, maxDepth = 2, maxNodes = 100 } = options
  const nodes: JourneyGraph['nodes'] = new Map([[nodeId(start), { id: start, depth: 0 }]])
  const edges = new Map<string, JourneyGraph['edges'][number]>()
  let frontier = [start]
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const next: ItemId[] = []
    for (const id of frontier) {
      for (const { other, edge } of await neighbours(store, dataset, id)) {
        const key = nodeId(other)
        if (!nodes.has(key) && nodes.size >= maxNodes) continue
        const wire = { from: nodeId(edge.from), to: nodeId(edge.to), type: edge.type }
        edges.set(`${wire.from}|${wire.to}|${wire.type}`, wire)
        if (nodes.has(key)) continue
        nodes.set(key, { id: other, depth })
        next.push(other)
      }
    }
    frontier = next
  }
  return { nodes, edges: [...edges.values()] }
}
