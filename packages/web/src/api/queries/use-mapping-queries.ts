import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { request } from '../client'
import type {
  MappingPreviewResponse,
  MappingResponse,
  MappingSavedResponse,
  MappingSuggestionResponse,
} from '../types'

/**
 * The current mapping file, parsed, with its version (`GET /api/v1/mapping`; admins only:
 * `enabled` false skips it for others).
 */
export function useMappingQuery(enabled = true) {
  return useQuery({
    queryKey: ['mapping'],
    enabled,
    queryFn: ({ signal }) => request<MappingResponse>('/api/v1/mapping', { signal }),
  })
}

/**
 * What `vmo map suggest` proposes for the stored items, each value with its item count and basis,
 * and the fields rules and value streams can match (`GET /api/v1/mapping/suggestion`).
 */
export function useMappingSuggestionQuery() {
  return useQuery({
    queryKey: ['mapping:suggestion'],
    queryFn: ({ signal }) =>
      request<MappingSuggestionResponse>('/api/v1/mapping/suggestion', { signal }),
  })
}

/**
 * What saving `yaml` would change: problems, unmapped values with counts, and the five metrics per
 * stream before and after (`POST /api/v1/mapping/preview`), over the 12 weeks before `asOf`
 * (ISO instant; default now). Cached by the text previewed and the as-of.
 */
export function useMappingPreviewQuery(yaml: string | undefined, asOf?: string) {
  return useQuery({
    queryKey: ['mapping:preview', { yaml, asOf }],
    queryFn: ({ signal }) =>
      request<MappingPreviewResponse>(
        `/api/v1/mapping/preview${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`,
        {
          method: 'POST',
          body: { yaml },
          signal,
        },
      ),
    enabled: yaml !== undefined,
    staleTime: Infinity,
  })
}

/**
 * Saves a mapping as a new version (`PUT /api/v1/mapping`), only over the version read: sends
 * `If-Match` with the ETag `GET /api/v1/mapping` gave (`"<version>"`, `"0"` while none is saved);
 * a 409 means someone saved meanwhile.
 */
export function useSaveMappingMutation() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { yaml: string; version: number | null }) =>
      request<MappingSavedResponse>('/api/v1/mapping', {
        method: 'PUT',
        body: { yaml: input.yaml },
        headers: { 'if-match': `"${input.version ?? 0}"` },
      }),
    // Every figure depends on the mapping: drop all cached analysis.
    onSuccess: () => client.invalidateQueries(),
  })
}
