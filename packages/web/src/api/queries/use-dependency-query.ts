import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { request } from '../client'
import type { ScopeParams } from '../scope-query'
import type { DependencyGraphResponse } from '../types'

/** How the dependency graph groups items. */
export type DependencyGrouping = DependencyGraphResponse['by']

/** The dependency graph of the scope (`GET /api/v1/dependencies`). */
export function useDependencyQuery(scope: ScopeParams, by: DependencyGrouping) {
  return useQuery({
    queryKey: ['dependencies', { ...scope, by }],
    queryFn: ({ signal }) =>
      request<DependencyGraphResponse>('/api/v1/dependencies', {
        query: { ...scope, by },
        signal,
      }),
    placeholderData: keepPreviousData,
  })
}
