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
  /** Items completed in the window (throughput counts every one of them). */
  completed: number
  /**
   * Flow time in days of each item that started and completed in the window, in completion-index
   * order: an item that straddles the window's start (the change) counts in neither window.
   */
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
 * the window. Their count is the window's throughput; flow time (`end − start`) and active time
 * (at most the flow time) are kept for those that also started in the window, so both windows
 * measure items of one regime under the same censoring (docs/experiments.md, "Windows").
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
  const completed = index.offset[1]! - index.offset[0]!
  const completedByType = Object.fromEntries(FLOW_ITEM_TYPES.map((t) => [t, 0])) as Record<
    FlowItemType,
    number
  >
  const { startMs, endMs: ends, activeMs, flowItem } = input.timelines
  const flows: number[] = []
  const actives: number[] = []
  for (let k = 0; k < completed; k++) {
    const i = index.items[k]!
    const type = FLOW_ITEM_TYPES[flowItem[i]!]
    if (type !== undefined) completedByType[type]++
    if (startMs[i]! < fromMs) continue
    const flow = ends[i]! - startMs[i]!
    flows.push(flow / DAY_MS)
    actives.push(Math.min(activeMs[i]!, flow) / DAY_MS)
  }
  const load = computeDailyLoad(input, selection, dayBoundaries(fromMs, endMs, zone))
  const flowLoad = computeFlowLoad(load, { first: 0, last: load.days.length - 1 })
  return {
    ...window,
    days: (toMs - fromMs) / DAY_MS,
    completed,
    flowTimesDays: Float64Array.from(flows),
    activeDays: Float64Array.from(actives),
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
