import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { request } from '../client'
import type { ScopeParams } from '../scope-query'
import type { WhenResponse } from '../types'

/** When will the next `items` items of the scope be done (`GET /api/v1/forecasts/when`). */
export function useWhenForecastQuery(scope: ScopeParams, items: number) {
  return useQuery({
    queryKey: ['forecasts:when', { ...scope, items }],
    queryFn: ({ signal }) =>
      request<WhenResponse>('/api/v1/forecasts/when', { query: { ...scope, items }, signal }),
    enabled: Number.isInteger(items) && items >= 1,
    placeholderData: keepPreviousData,
  })
}
