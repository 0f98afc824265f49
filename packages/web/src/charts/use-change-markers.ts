import { useMemo } from 'react'
import { useExperimentsQuery } from '../api/queries/use-experiment-queries'
import type { ChangeMarker } from './change-markers'

/**
 * The process changes (experiments' change dates) of `stream` to mark on its time charts; none
 * while loading, or without one stream in scope.
 */
export function useChangeMarkers(stream: string | undefined): readonly ChangeMarker[] {
  const experiments = useExperimentsQuery(stream)
  return useMemo(
    () =>
      stream === undefined
        ? []
        : (experiments.data?.experiments ?? []).map(({ definition: d }) => ({
            date: d.changeDate,
            name: d.name,
          })),
    [experiments.data, stream],
  )
}
