import type { Filters } from '../../state/filters'
import { filtersSearch } from '../../state/filters'

/** The dashboard path of an item's journey page, keeping the global filters. */
export function itemPath(item: { source: string; key: string }, filters?: Filters): string {
  const path = `/items/${encodeURIComponent(item.source)}/${encodeURIComponent(item.key)}`
  return filters ? `${path}${filtersSearch(filters)}` : path
}
