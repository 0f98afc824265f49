import type { FlowDataset, WorkItemRecord } from '@openvmo/core'
import type { Store } from '../../store/store'
import type { ItemLink } from '../../store/store-types'
import { parseLinkTarget } from '../../store/tables/work-item.table'
import { findItemIndex, listChildren } from './item-lookup'

/** Where the links of an item are read: the store, or the records of a history file. */
export type LinkLookup = Pick<Store, 'listLinks'>

/**
 * The links of history records, looked up as the store's (both directions, a target without a
 * `source:` prefix in the record's own source), for commands that read a file instead of a store.
 */
export function linksOfRecords(records: readonly WorkItemRecord[]): LinkLookup {
  const byItem = new Map<string, ItemLink[]>()
  const add = (source: string, key: string, link: ItemLink) => {
    const id = `${source}\u0000${key}`
    const list = byItem.get(id)
    if (list) list.push(link)
    else byItem.set(id, [link])
  }
  for (const record of records) {
    for (const link of record.links ?? []) {
      const other = parseLinkTarget(link.target, record.source)
      const self = { source: record.source, key: record.key }
      add(self.source, self.key, { direction: 'outgoing', type: link.type, other })
      add(other.source, other.key, { direction: 'incoming', type: link.type, other: self })
    }
  }
  return {
    listLinks: (source, key) => Promise.resolve(byItem.get(`${source}\u0000${key}`) ?? []),
  }
}

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
 * tools (request → epic → stories → pull requests), with links read from the store or from a
 * history file's records ({@link linksOfRecords}). The engine's roll-up forecast reads it; the
 * CLI and the API build it the same way.
 */
export async function collectDeliveryGraph(
  store: LinkLookup,
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
  store: LinkLookup,
  dataset: FlowDataset,
  i: number,
): Promise<number[]> {
  const out = new Set<number>(listChildren(dataset, i))
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
  out.delete(i)
  return [...out]
}
