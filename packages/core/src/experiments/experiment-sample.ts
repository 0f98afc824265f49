import type { FlowInput } from '../metrics/flow-metrics-report'
import type { Scope } from '../engine/selection'
import { selectScope } from '../engine/selection'
import { indexCompletions } from '../engine/completions'
import { computeDailyLoad } from '../metrics/daily-load'
import { computeFlowLoad } from '../metrics/flow-load'
import { dateOfInstant, dayBoundaries, periodBoundaries, startOfDate } from '../time/periods'
import type { FlowItemType } from '../model/flow-vocabulary'
import { FLOW_ITEM_TYPES } from '../model/flow-vocabulary'
import { percentileSorted } from '../stats/percentile'
import { sortNumbers } from '../stats/sort-numbers'
import type { ExperimentScope } from './experiment'

const DAY_MS = 86_400_000

/** The items one window of an experiment saw: completions, their flow and active time, the load. */
export interface WindowSample {
  /** `YYYY-MM-DD`, inclusive. */
  from: string
  /** `YYYY-MM-DD`, exclusive. */
  to: string
  /** Days of the window up to the as-of time (fewer than asked when the window is not over). */
  days: number
  /** Flow time in days of each item completed in the window, in completion-index order. */
  flowTimesDays: Float64Array
  /** Active days of the same items (capped at their flow time). */
  activeDays: Float64Array
  completedByType: Record<FlowItemType, number>
  /** Mean daily flow load over the window's days; null when none is sampled. */
  averageLoad: number | null
}

/** The engine's {@link Scope} of an experiment's scope. */
export function toEngineScope(scope: ExperimentScope): Scope {
  return {
    valueStream: scope.stream,
    ...(scope.teams.length > 0 ? { teams: scope.teams } : {}),
    ...(scope.types.length > 0 ? { types: scope.types } : {}),
  }
}

/**
 * The items of `scope` completed in `[window.from, window.to)` (dates in the mapping's zone, the
 * end clipped at the as-of time), as FLOW-METRICS.md counts them: Flow Items whose end falls in
 * the window, with `end − start` as flow time and the time in `active` (at most the flow time).
 */
export function collectWindowSample(
  input: FlowInput,
  scope: ExperimentScope,
  window: { from: string; to: string },
): WindowSample {
  const zone = input.mapping.timezone
  const fromMs = startOfDate(window.from, zone)
  const endMs = startOfDate(window.to, zone)
  const toMs = Math.max(fromMs, Math.min(endMs, input.timelines.asOfMs))
  const selection = selectScope(input, toEngineScope(scope))
  const index = indexCompletions(input.timelines, selection, Float64Array.of(fromMs, toMs))
  const count = index.offset[1]! - index.offset[0]!
  const flowTimesDays = new Float64Array(count)
  const activeDays = new Float64Array(count)
  const completedByType = Object.fromEntries(FLOW_ITEM_TYPES.map((t) => [t, 0])) as Record<
    FlowItemType,
    number
  >
  const { startMs, endMs: ends, activeMs, flowItem } = input.timelines
  for (let k = 0; k < count; k++) {
    const i = index.items[k]!
    const flow = ends[i]! - startMs[i]!
    flowTimesDays[k] = flow / DAY_MS
    activeDays[k] = Math.min(activeMs[i]!, flow) / DAY_MS
    const type = FLOW_ITEM_TYPES[flowItem[i]!]
    if (type !== undefined) completedByType[type]++
  }
  const load = computeDailyLoad(input, selection, dayBoundaries(fromMs, endMs, zone))
  const flowLoad = computeFlowLoad(load, { first: 0, last: load.days.length - 1 })
  return {
    ...window,
    days: (toMs - fromMs) / DAY_MS,
    flowTimesDays,
    activeDays,
    completedByType,
    averageLoad: flowLoad.average,
  }
}

/** One week of a scope: its completions and their flow time percentiles (null without any). */
export interface WeekFigures {
  /** `YYYY-MM-DD` of the week's Monday. */
  weekStart: string
  completed: number
  flowTimeP50: number | null
  flowTimeP85: number | null
  /** False for the week the as-of time falls in (not over: its figures cover part of it). */
  complete: boolean
}

/**
 * The ISO weeks overlapping `[range.from, range.to)` of `scope`: completions and flow time p50 and
 * p85 per week (items completed that week), up to the as-of time.
 */
export function collectWeeklyFigures(
  input: FlowInput,
  scope: ExperimentScope,
  range: { from: string; to: string },
): WeekFigures[] {
  const zone = input.mapping.timezone
  const weeks = periodBoundaries(range, 'week', zone)
  const selection = selectScope(input, toEngineScope(scope))
  const index = indexCompletions(input.timelines, selection, weeks)
  const { startMs, endMs, asOfMs } = input.timelines
  const out: WeekFigures[] = []
  for (let p = 0; p < index.periodCount && weeks[p]! < asOfMs; p++) {
    const days = new Float64Array(index.offset[p + 1]! - index.offset[p]!)
    for (let k = 0; k < days.length; k++) {
      const i = index.items[index.offset[p]! + k]!
      days[k] = (endMs[i]! - startMs[i]!) / DAY_MS
    }
    const sorted = sortNumbers(days)
    out.push({
      weekStart: dateOfInstant(weeks[p]!, zone),
      completed: days.length,
      flowTimeP50: percentileSorted(sorted, 0.5),
      flowTimeP85: percentileSorted(sorted, 0.85),
      complete: weeks[p + 1]! <= asOfMs,
    })
  }
  return out
}
