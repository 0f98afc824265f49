import { useEffect, useRef } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { request } from '../client'
import type { StatusResponse } from '../types'

/** How often open dashboards ask whether the data changed (also on window focus). */
export const STATUS_POLL_MS = 15_000

/** The served data and mapping versions and the sources syncing now (`GET /api/v1/status`). */
export function useStatusQuery() {
  return useQuery({
    queryKey: ['status'],
    queryFn: ({ signal }) => request<StatusResponse>('/api/v1/status', { signal }),
    refetchInterval: STATUS_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
  })
}

/**
 * Keeps open pages current: polls the status, and when the data or mapping version moved since
 * the last answer (a sync, an import, a mapping saved elsewhere), invalidates every other query
 * so the pages on screen re-fetch.
 */
export function useRefreshOnDataChange(): void {
  const client = useQueryClient()
  const { data } = useStatusQuery()
  const seen = useRef<string | undefined>(undefined)
  useEffect(() => {
    if (!data) return
    const version = `${data.dataVersion}/${data.mappingVersion ?? 0}`
    if (seen.current !== undefined && seen.current !== version) {
      void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'status' })
    }
    seen.current = version
  }, [client, data])
}
