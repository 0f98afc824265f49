import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { request } from '../client'
import type {
  BusinessResultsResponse,
  ModelListResponse,
  ResultPointsInput,
  ResultCorrelationsResponse,
  ResultPointsOutcome,
  ResultStatusListResponse,
  ValueStreamListResponse,
} from '../types'
import type { ScopeParams } from '../scope-query'

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

/**
 * How the stream's flow metrics move with its business results over the scope's periods
 * (`GET /api/v1/business-results/correlations`): per metric and result, the strongest lag.
 */
export function useResultCorrelationsQuery(scope: ScopeParams) {
  return useQuery({
    queryKey: ['business-results', 'correlations', scope],
    queryFn: ({ signal }) =>
      request<ResultCorrelationsResponse>('/api/v1/business-results/correlations', {
        query: { ...scope },
        signal,
      }),
  })
}

/** Every defined business result with its latest point and status (`GET …/business-results/status`). */
export function useResultStatusQuery() {
  return useQuery({
    queryKey: ['business-results', 'status'],
    queryFn: ({ signal }) =>
      request<ResultStatusListResponse>('/api/v1/business-results/status', { signal }),
  })
}

/** Adds or corrects points of one series (`POST …/business-results/{stream}/{metric}/points`). */
export function useAddResultPointsMutation(stream: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { metric: string; body: ResultPointsInput }) =>
      request<ResultPointsOutcome>(
        `/api/v1/business-results/${encodeURIComponent(stream)}/${encodeURIComponent(input.metric)}/points`,
        { method: 'POST', body: input.body },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['business-results'] }),
  })
}
