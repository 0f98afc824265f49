import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { request } from '../client'
import type { ItemJourneyResponse, ItemSearchResponse } from '../types'

/** What the search narrows its hits to (empty lists: no narrowing). */
export interface ItemSearchFilters {
  state: 'open' | 'closed' | undefined
  streams: readonly string[]
  sources: readonly string[]
  types: readonly string[]
}

/**
 * Search across sources by key, title and text (`GET /api/v1/items?q=`), open items first,
 * narrowed by state, value streams, sources and Flow Item types, as of `page.asOf` (default now).
 */
export function useItemSearchQuery(
  q: string,
  filters: ItemSearchFilters,
  page: { limit: number; offset: number; asOf?: string },
) {
  const text = q.trim()
  const query = {
    q: text,
    state: filters.state,
    stream: [...filters.streams],
    source: [...filters.sources],
    type: [...filters.types],
    ...page,
  }
  return useQuery({
    queryKey: ['items:search', query],
    queryFn: ({ signal }) => request<ItemSearchResponse>('/api/v1/items', { query, signal }),
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
  })
}

/**
 * One item's journey, time per state, age and forecast (`GET /api/v1/items/{source}/{key}`), as
 * of the dashboard's as-of instant when one is chosen.
 */
export function useItemJourneyQuery(source: string, key: string, asOf?: string) {
  return useQuery({
    queryKey: ['items:journey', { source, key, asOf }],
    queryFn: ({ signal }) =>
      request<ItemJourneyResponse>(
        `/api/v1/items/${encodeURIComponent(source)}/${encodeURIComponent(key)}`,
        { query: { asOf }, signal },
      ),
    enabled: Boolean(source && key),
  })
}
