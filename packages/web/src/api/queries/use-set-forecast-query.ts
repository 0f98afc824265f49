import { useQuery } from '@tanstack/react-query'
import { request } from '../client'
import type { ItemSetForecastResponse } from '../types'

/** What a set is: any of these, combined (`GET /api/v1/forecasts/set`). */
export interface ItemSetParams {
  keys?: string
  epic?: string
  label?: string
  fixVersion?: string
  q?: string
  /** The as-of instant (the dashboard's as-of control). */
  asOf?: string
}

/** When a set of items will be done, what it waits on and its burn-up. */
export function useSetForecastQuery(params: ItemSetParams) {
  const query = Object.fromEntries(Object.entries(params).filter(([, v]) => Boolean(v)))
  return useQuery({
    queryKey: ['forecasts:set', query],
    queryFn: ({ signal }) =>
      request<ItemSetForecastResponse>('/api/v1/forecasts/set', { query, signal }),
    enabled: Object.keys(query).some((name) => name !== 'asOf'),
    retry: false,
  })
}
