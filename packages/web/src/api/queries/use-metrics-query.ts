import { useQuery } from '@tanstack/react-query'
import { request } from '../client'
import type { ScopeParams } from '../scope-query'
import type { FlowMetricsReportResponse, PortfolioResponse } from '../types'

/** The five Flow Metrics per period of one scope (`GET /api/v1/metrics`). */
export function useMetricsQuery(scope: ScopeParams) {
  return useQuery({
    queryKey: ['metrics', scope],
    queryFn: ({ signal }) =>
      request<FlowMetricsReportResponse>('/api/v1/metrics', { query: { ...scope }, signal }),
  })
}

/** Every value stream with its metrics, trend, distribution and warnings (`GET /api/v1/portfolio`). */
export function usePortfolioQuery(scope: Omit<ScopeParams, 'stream'>) {
  return useQuery({
    queryKey: ['portfolio', scope],
    queryFn: ({ signal }) =>
      request<PortfolioResponse>('/api/v1/portfolio', { query: { ...scope }, signal }),
  })
}
