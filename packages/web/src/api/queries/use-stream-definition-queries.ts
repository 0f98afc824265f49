import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { request } from '../client'
import type {
  MappingPreviewResponse,
  MappingSavedResponse,
  StreamDefinitionResponse,
} from '../types'

const pathOf = (stream: string) => `/api/v1/mapping/streams/${encodeURIComponent(stream)}`

/**
 * A value stream's definition in the mapping (its entry, teams and products, as YAML) with the
 * mapping's version (`GET /api/v1/mapping/streams/{stream}`; editors of the stream and admins).
 */
export function useStreamDefinitionQuery(stream: string, enabled: boolean) {
  return useQuery({
    queryKey: ['mapping:stream', stream],
    enabled,
    queryFn: ({ signal }) => request<StreamDefinitionResponse>(pathOf(stream), { signal }),
  })
}

/**
 * What saving the edited definition `yaml` would change: its problems (located in the
 * definition) and the stream's five metrics before and after; undefined `yaml`: not asked yet.
 */
export function useStreamDefinitionPreviewQuery(stream: string, yaml: string | undefined) {
  return useQuery({
    queryKey: ['mapping:stream:preview', stream, yaml],
    enabled: yaml !== undefined,
    staleTime: Infinity,
    queryFn: ({ signal }) =>
      request<MappingPreviewResponse>(`${pathOf(stream)}/preview`, {
        method: 'POST',
        body: { yaml },
        signal,
      }),
  })
}

/**
 * Saves the edited definition as the mapping's next version, only over the version read
 * (`If-Match`); a 409 means someone saved the mapping meanwhile.
 */
export function useSaveStreamDefinitionMutation(stream: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { yaml: string; version: number }) =>
      request<MappingSavedResponse>(pathOf(stream), {
        method: 'PUT',
        body: { yaml: input.yaml },
        headers: { 'if-match': `"${input.version}"` },
      }),
    // the stream's items, figures and model may all change: drop every cached answer
    onSuccess: () => client.invalidateQueries(),
  })
}
