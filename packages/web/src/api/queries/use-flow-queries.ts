import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { request } from '../client'
import type { ScopeParams } from '../scope-query'
import type {
  AgingWipResponse,
  CumulativeFlowResponse,
  DailyFlowResponse,
  DataQualityResponse,
  FlowTimesResponse,
  LittlesLawCheckResponse,
  TimeInStateItemsResponse,
  TimeInStateResponse,
} from '../types'

function flowQuery<T>(name: string, scope: ScopeParams) {
  return {
    queryKey: [`flow:${name}`, scope] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      request<T>(`/api/v1/flow/${name}`, { query: { ...scope }, signal }),
  }
}

/** Items per tool state at the end of each day (`GET /api/v1/flow/cfd`). */
export const useCumulativeFlowQuery = (scope: ScopeParams) =>
  useQuery(flowQuery<CumulativeFlowResponse>('cfd', scope))

/** Time in state and wait share of the range's completed items. */
export const useTimeInStateQuery = (scope: ScopeParams) =>
  useQuery(flowQuery<TimeInStateResponse>('time-in-state', scope))

/** Items in progress with their age against the flow-time percentiles. */
export const useAgingQuery = (scope: ScopeParams) =>
  useQuery(flowQuery<AgingWipResponse>('aging', scope))

/** The flow-time scatterplot: one point per completed item. */
export const useFlowTimesQuery = (scope: ScopeParams) =>
  useQuery(flowQuery<FlowTimesResponse>('flow-times', scope))

/** Throughput, arrivals and Flow Load per day. */
export const useDailyFlowQuery = (scope: ScopeParams) =>
  useQuery(flowQuery<DailyFlowResponse>('daily', scope))

/** Little's-law check over the range. */
export const useLittlesLawQuery = (scope: ScopeParams) =>
  useQuery(flowQuery<LittlesLawCheckResponse>('littles-law', scope))

/** The drill-down of one state: the completed items that spent time there, longest first. */
export function useTimeInStateItemsQuery(
  scope: ScopeParams,
  state: { status: string; source: string } | undefined,
  page: { limit: number; offset: number },
) {
  return useQuery({
    queryKey: ['flow:time-in-state:items', { ...scope, ...state, ...page }],
    queryFn: ({ signal }) =>
      request<TimeInStateItemsResponse>('/api/v1/flow/time-in-state/items', {
        query: { ...scope, ...state, ...page },
        signal,
      }),
    enabled: state !== undefined,
    placeholderData: keepPreviousData,
  })
}

/** The data-quality findings of the scope, per finding and per item (`GET /api/v1/flow/data-quality`). */
export const useDataQualityQuery = (scope: ScopeParams) =>
  useQuery(flowQuery<DataQualityResponse>('data-quality', scope))
