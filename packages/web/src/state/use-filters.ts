import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import type { Filters } from './filters'
import { parseFilters, writeFilters } from './filters'

/** The global filters read from, and written to, the URL: every view is a shareable link. */
export function useFilters(): {
  filters: Filters
  setFilters: (patch: Partial<Filters>) => void
} {
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => parseFilters(params), [params])
  const setFilters = useCallback(
    (patch: Partial<Filters>) => {
      setParams((current) => writeFilters({ ...parseFilters(current), ...patch }, current), {
        replace: false,
      })
    },
    [setParams],
  )
  return { filters, setFilters }
}
