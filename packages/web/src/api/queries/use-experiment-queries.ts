import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { request } from '../client'
import type {
  ExperimentDefinitionResponse,
  ExperimentInput,
  ExperimentListResponse,
  ExperimentReportResponse,
  SuggestionListResponse,
} from '../types'

/** Recorded experiments of the readable streams, or of one (`GET /api/v1/experiments`). */
export function useExperimentsQuery(stream?: string) {
  return useQuery({
    queryKey: ['experiments', { stream }],
    queryFn: ({ signal }) =>
      request<ExperimentListResponse>('/api/v1/experiments', { query: { stream }, signal }),
  })
}

/** An experiment measured (`GET /api/v1/experiments/{id}/report`). */
export function useExperimentReportQuery(id: string) {
  return useQuery({
    queryKey: ['experiments', 'report', id],
    queryFn: ({ signal }) =>
      request<ExperimentReportResponse>(`/api/v1/experiments/${encodeURIComponent(id)}/report`, {
        signal,
      }),
  })
}

/** Change points of a stream offered as candidates (`GET /api/v1/experiments/suggestions`). */
export function useSuggestionsQuery(stream: string | undefined) {
  return useQuery({
    queryKey: ['experiments', 'suggestions', { stream }],
    queryFn: ({ signal }) =>
      request<SuggestionListResponse>('/api/v1/experiments/suggestions', {
        query: { stream },
        signal,
      }),
    enabled: Boolean(stream),
  })
}

/** Records or replaces an experiment of a stream (`PUT /api/v1/experiments/{stream}/{id}`). */
export function useSaveExperimentMutation() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { stream: string; id: string; body: ExperimentInput }) =>
      request<ExperimentDefinitionResponse>(
        `/api/v1/experiments/${encodeURIComponent(input.stream)}/${encodeURIComponent(input.id)}`,
        { method: 'PUT', body: input.body },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['experiments'] }),
  })
}
