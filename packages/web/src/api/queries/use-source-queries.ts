import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { request } from '../client'
import type {
  AddSourceBody,
  AddedSourceResponse,
  ConnectionReportResponse,
  SourceStateListResponse,
  SyncStartedResponse,
} from '../types'

/** How often the Sources page re-reads the states while a sync runs. */
export const LIVE_POLL_MS = 1_000

const sourcePath = (name: string, action: string) =>
  `/api/v1/sources/${encodeURIComponent(name)}/${action}`

/**
 * Every source with its sync state (`GET /api/v1/sources`); re-read every second while any of
 * them syncs, so progress and then the result show live. Admins only: `enabled` false skips it.
 */
export function useSourcesQuery(enabled = true) {
  return useQuery({
    queryKey: ['sources'],
    enabled,
    queryFn: ({ signal }) => request<SourceStateListResponse>('/api/v1/sources', { signal }),
    refetchInterval: (query) =>
      query.state.data?.sources.some((s) => s.running) ? LIVE_POLL_MS : false,
    staleTime: 0,
  })
}

/** Tests a source's connection (`POST /api/v1/sources/{name}/test`): every check in words. */
export function useTestSourceMutation(name: string) {
  return useMutation({
    mutationFn: () =>
      request<ConnectionReportResponse>(sourcePath(name, 'test'), { method: 'POST', body: {} }),
  })
}

/** Starts a sync of a source now (`POST /api/v1/sources/{name}/sync`); 409 while one runs. */
export function useSyncSourceMutation(name: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (options: { full?: boolean } = {}) =>
      request<SyncStartedResponse>(sourcePath(name, 'sync'), { method: 'POST', body: options }),
    onSettled: () => client.invalidateQueries({ queryKey: ['sources'] }),
  })
}

/** Adds a source (`POST /api/v1/sources`, loopback servers only); the token stays on the server. */
export function useAddSourceMutation() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: AddSourceBody) =>
      request<AddedSourceResponse>('/api/v1/sources', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['sources'] }),
  })
}
