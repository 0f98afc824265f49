import type { FlowDataset } from '@openvmo/core'
import { waitingEnd } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import type { Store } from '../../store/store'
import type { StoredLink } from '../../store/store-types'
import { parseLinkTarget } from '../../store/tables/work-item.table'
import type { ResolvedLinks } from './dependencies-view'
import { findItemIndex } from './item-lookup'

/**
 * The stored links that are dependencies ({@link waitingEnd}: blocking, depends on, delivery),
 * across sources, resolved to indexes of `dataset` (-1 for an end the data does not have).
 * The same for the API and `vmo deps`.
 */
export async function loadDependencyLinks(
  store: Pick<Store, 'listAllLinks'>,
  dataset: FlowDataset,
): Promise<ResolvedLinks> {
  const links = (await store.listAllLinks()).filter((link) => waitingEnd(link.type) !== null)
  return {
    from: Int32Array.from(links, (l) => findItemIndex(dataset, l.from.source, l.from.key)),
    to: Int32Array.from(links, (l) => findItemIndex(dataset, l.to.source, l.to.key)),
    types: links.map((l) => l.type),
  }
}

/** The links of history records as the store lists them (for commands that read a file). */
export function allLinksOfRecords(records: readonly WorkItemRecord[]): Pick<Store, 'listAllLinks'> {
  const links: StoredLink[] = records.flatMap((record) =>
    (record.links ?? []).map((link) => ({
      from: { source: record.source, key: record.key },
      type: link.type,
      to: parseLinkTarget(link.target, record.source),
    })),
  )
  return { listAllLinks: () => Promise.resolve(links) }
}
