import type { Filters } from '../state/filters'

/** The scope part of every analysis request, as the API names it. */
export interface ScopeParams {
  stream: string | undefined
  team: string | undefined
  period: string
  from: string | undefined
  to: string | undefined
  tz: string | undefined
}

/** The API's scope query from the dashboard filters (the type filter is applied in the views). */
export function scopeParams(filters: Filters): ScopeParams {
  const { stream, team, period, from, to, tz } = filters
  return { stream, team, period, from, to, tz }
}
