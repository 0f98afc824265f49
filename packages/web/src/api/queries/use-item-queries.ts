import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { request } from '../client'
import type { ItemJourneyResponse, ItemSearchResponse } from '../types'

/** Search across sources by key, title and text (`GET /api/v1/items?q=`). */
export function useItemSearchQuery(q: string, page: { limit: number; offset: number }) {
  const text = q.trim()
  return useQuery({
    queryKey: ['items:search', { q: text, ...page }],
    queryFn: ({ signal }) =>
      request<ItemSearchResponse>('/api/v1/items', { query: { q: text, ...page }, signal }),
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
  })
}

/** One item's journey, time per state, age and forecast (`GET /api/v1/items/{source}/{key}`). */
export function useItemJourneyQuery(source: string, key: string) {
  return useQuery({
    queryKey: ['items:journey', { source, key }],
    queryFn: ({ signal }) =>
      request<ItemJourneyResponse>(
        `/api/v1/items/${encodeURIComponent(source)}/${encodeURIComponent(key)}`,
        { signal },
      ),
    enabled: Boolean(source && key),
  })
}
