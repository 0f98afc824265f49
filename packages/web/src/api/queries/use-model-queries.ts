import { useQuery } from '@tanstack/react-query'
import { request } from '../client'
import type { BusinessResultsResponse, ModelListResponse, ValueStreamListResponse } from '../types'

/** Value streams with item counts, teams and distribution target (`GET /api/v1/value-streams`). */
export function useValueStreamsQuery() {
  return useQuery({
    queryKey: ['value-streams'],
    queryFn: ({ signal }) => request<ValueStreamListResponse>('/api/v1/value-streams', { signal }),
    staleTime: 60_000,
  })
}

/** Teams of the organisation model (`GET /api/v1/teams`). */
export function useTeamsQuery() {
  return useQuery({
    queryKey: ['teams'],
    queryFn: ({ signal }) => request<ModelListResponse>('/api/v1/teams', { signal }),
    staleTime: 60_000,
  })
}

/** Business results of one stream, one series per metric (`GET /api/v1/business-results`). */
export function useBusinessResultsQuery(stream: string | undefined) {
  return useQuery({
    queryKey: ['business-results', { stream }],
    queryFn: ({ signal }) =>
      request<BusinessResultsResponse>('/api/v1/business-results', { query: { stream }, signal }),
    enabled: Boolean(stream),
  })
}
