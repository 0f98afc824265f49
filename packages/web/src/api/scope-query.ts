import type { Filters } from '../state/filters'

/** The scope part of every analysis request, as the API names it. */
export interface ScopeParams {
  stream: string | undefined
  team: string | undefined
  period: string
  from: string | undefined
  to: string | undefined
  tz: string | undefined
  /** Flow Item types, comma-separated: every figure of the API counts only these. */
  type: string | undefined
  /** The as-of instant: the end of the chosen day in UTC. */
  asOf: string | undefined
}

const joined = (values: readonly string[]) => (values.length ? values.join(',') : undefined)

/** The API's scope query from the dashboard filters: streams, teams and types narrow every figure. */
export function scopeParams(filters: Filters): ScopeParams {
  const { period, from, to, tz } = filters
  return {
    stream: joined(filters.streams),
    team: joined(filters.teams),
    type: joined(filters.types),
    period,
    from,
    to,
    tz,
    asOf: filters.asOf ? `${filters.asOf}T23:59:59Z` : undefined,
  }
}
