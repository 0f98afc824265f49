import type { AgingWipResponse } from '../../api/types'

/** The state a drill-down is open on. */
export interface DrillState {
  source: string
  status: string
}

/** Which items the drill-down lists: in the state now, or completed items that passed through it. */
export type DrillList = 'now' | 'completed'

/** URL parameters of the drill-down: `state`, `stateSource` and, for the completed list, `stateList`. */
export const DRILL_PARAMS = { status: 'state', source: 'stateSource', list: 'stateList' } as const

/** The open drill-down read from URL search parameters; undefined when none is open. */
export function readDrill(
  params: URLSearchParams,
): { state: DrillState; list: DrillList } | undefined {
  const status = params.get(DRILL_PARAMS.status)
  const source = params.get(DRILL_PARAMS.source)
  if (!status || !source) return undefined
  return {
    state: { status, source },
    list: params.get(DRILL_PARAMS.list) === 'completed' ? 'completed' : 'now',
  }
}

/** A copy of `params` with the drill-down written in (or removed, when `drill` is undefined). */
export function writeDrill(
  params: URLSearchParams,
  drill: { state: DrillState; list: DrillList } | undefined,
): URLSearchParams {
  const out = new URLSearchParams(params)
  for (const key of Object.values(DRILL_PARAMS)) out.delete(key)
  if (drill) {
    out.set(DRILL_PARAMS.status, drill.state.status)
    out.set(DRILL_PARAMS.source, drill.state.source)
    if (drill.list === 'completed') out.set(DRILL_PARAMS.list, 'completed')
  }
  return out
}

/** The items in progress sitting in `state` now, longest there first (then oldest first). */
export function waitingIn(
  aging: AgingWipResponse | undefined,
  state: DrillState,
): AgingWipResponse['items'] {
  return (aging?.items ?? [])
    .filter((item) => item.source === state.source && item.status === state.status)
    .sort((a, b) => b.daysInStatus - a.daysInStatus || b.ageDays - a.ageDays)
}
