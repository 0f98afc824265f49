import { DateTime } from 'luxon'
import type { FlowDataset } from '../model/flow-dataset'
import type { CompiledMapping } from '../mapping/mapping-config'
import type { Timelines } from '../engine/timelines'
import type { Scope } from '../engine/selection'
import { selectScope } from '../engine/selection'
import { indexCompletions } from '../engine/completions'
import type { CalendarDate, PeriodKind } from '../time/periods'
import { dayBoundaries, findPeriodIndex, periodBoundaries } from '../time/periods'
import { BoundedMemo } from '../time/bounded-memo'
import type { FlowVelocity } from './flow-velocity'
import { computeFlowVelocityByPeriod, emptyVelocity } from './flow-velocity'
import type { DurationSummary } from './duration-summary'
import { computeFlowTimeByPeriod } from './flow-time'
import { computeLeadTimeByPeriod } from './lead-time'
import type { FlowEfficiency } from './flow-efficiency'
import { computeFlowEfficiencyByPeriod } from './flow-efficiency'
import type { DailyLoad } from './daily-load'
import { computeDailyLoad } from './daily-load'
import { computeFlowLoad } from './flow-load'
import type { FlowDistribution } from './flow-distribution'
import { computeFlowDistribution } from './flow-distribution'
import type { LittlesLawCheck } from './littles-law'
import { checkLittlesLaw } from './littles-law'
import type { CompletionIndex } from '../engine/completions'
import type { MetricsWarning } from './metrics-warnings'
import { collectWarnings } from './metrics-warnings'

/** The five Flow Metrics and companions of one period, as in docs/metrics.md ("The metrics JSON"). */
export interface PeriodMetrics {
  start: string
  end: string
  velocity: FlowVelocity
  flowTime: DurationSummary | null
  leadTime: DurationSummary | null
  flowEfficiency: { pooled: number | null; meanOfItems: number | null }
  flowLoad: { average: number | null; end: number | null; endByType: FlowVelocityShape | null }
  distribution: FlowDistribution
  canceled: number
  reopened: number
  /**
   * True when the period is not over at the as-of instant (its end is later): the current period,
   * whose figures cover only part of it and must not be read as a fall (or compared as full).
   */
  partial: boolean
}
type FlowVelocityShape = Omit<FlowVelocity, 'total'>

/** `vmo metrics --json` (docs/metrics.md ("The metrics JSON")). */
export interface FlowMetricsReport {
  asOf: string
  timezone: string
  period: PeriodKind
  from: CalendarDate
  to: CalendarDate
  scope: Scope
  periods: PeriodMetrics[]
  total: PeriodMetrics
  littlesLaw: LittlesLawCheck
  warnings: MetricsWarning[]
}

/** What the engine needs: a dataset, its compiled mapping and the timelines as of one instant. */
export interface FlowInput {
  dataset: FlowDataset
  mapping: CompiledMapping
  timelines: Timelines
}

/** Parameters of {@link computeFlowMetricsReport}; `timezone` defaults to the mapping's. */
export interface FlowMetricsParameters {
  from: CalendarDate
  to: CalendarDate
  period: PeriodKind
  scope?: Scope
  timezone?: string
}

const boundaryTexts = new BoundedMemo<string>(20_000)

function formatBoundary(ms: number, zone: string): string {
  return boundaryTexts.get(
    `${zone}|${ms}`,
    () => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? '',
  )
}

interface ReportContext {
  input: FlowInput
  index: CompletionIndex
  load: DailyLoad
  periods: Float64Array
  /** Each period boundary formatted once (it ends one period and starts the next). */
  boundaryText: readonly string[]
}

/** The figures of one row computed beforehand for every row at once (one pass per figure). */
interface RowFigures {
  velocity: FlowVelocity
  flowTime: DurationSummary | null
  leadTime: DurationSummary | null
  efficiency: FlowEfficiency
}

function periodMetrics(
  ctx: ReportContext,
  range: { first: number; last: number },
  figures: RowFigures,
): PeriodMetrics {
  const { index, load, periods, boundaryText } = ctx
  const { velocity, efficiency } = figures
  let canceled = 0
  let reopened = 0
  for (let p = range.first; p < range.last; p++) {
    canceled += index.canceled[p]!
    reopened += index.reopened[p]!
  }
  const days = {
    first: findPeriodIndex(load.days, periods[range.first]!),
    last: findPeriodIndex(load.days, periods[range.last]!),
  }
  const flowLoad = computeFlowLoad(load, days)
  return {
    start: boundaryText[range.first]!,
    end: boundaryText[range.last]!,
    velocity,
    flowTime: figures.flowTime,
    leadTime: figures.leadTime,
    flowEfficiency: { pooled: efficiency.pooled, meanOfItems: efficiency.meanOfItems },
    flowLoad: { average: flowLoad.average, end: flowLoad.end, endByType: flowLoad.endByType },
    distribution: computeFlowDistribution(velocity, flowLoad),
    canceled,
    reopened,
    partial: periods[range.last]! > ctx.input.timelines.asOfMs,
  }
}

/**
 * The five Flow Metrics (and lead time, canceled and reopened counts) per period for a scope, over
 * the whole calendar periods of `period` that overlap `[from, to)`, plus the same fields over all of
 * them (`total`), the Little's-law check over the range and warnings. Empty periods have null
 * figures (counts are 0).
 */
export function computeFlowMetricsReport(
  input: FlowInput,
  params: FlowMetricsParameters,
): FlowMetricsReport {
  const zone = params.timezone ?? input.mapping.timezone
  const periods = periodBoundaries(params, params.period, zone)
  const selection = selectScope(input, params.scope)
  const index = indexCompletions(input.timelines, selection, periods)
  const load = computeDailyLoad(
    input,
    selection,
    dayBoundaries(periods[0]!, periods[periods.length - 1]!, zone),
  )
  const boundaryText = Array.from(periods, (ms) => formatBoundary(ms, zone))
  const ctx: ReportContext = { input, index, load, periods, boundaryText }
  const flowTimes = computeFlowTimeByPeriod(input.timelines, index)
  const leadTimes = computeLeadTimeByPeriod(input, index)
  const velocities = computeFlowVelocityByPeriod(input.timelines, index)
  const efficiencies = computeFlowEfficiencyByPeriod(input.timelines, index)
  const rows = Array.from({ length: index.periodCount }, (_, p) =>
    periodMetrics(
      ctx,
      { first: p, last: p + 1 },
      {
        velocity: velocities[p]!,
        flowTime: flowTimes.periods[p] ?? null,
        leadTime: leadTimes.periods[p] ?? null,
        efficiency: efficiencies.periods[p]!,
      },
    ),
  )
  const totalVelocity = emptyVelocity()
  for (const v of velocities)
    for (const key of ['total', 'feature', 'defect', 'risk', 'debt'] as const)
      totalVelocity[key] += v[key]
  const total = periodMetrics(
    ctx,
    { first: 0, last: index.periodCount },
    {
      velocity: totalVelocity,
      flowTime: flowTimes.total,
      leadTime: leadTimes.total,
      efficiency: efficiencies.total,
    },
  )
  const littlesLaw = checkLittlesLaw({
    averageLoad: total.flowLoad.average,
    completed: total.velocity.total,
    sampledDays: Math.min(load.sampledDays, load.days.length - 1),
    meanFlowTimeDays: total.flowTime?.mean ?? null,
    canceled: total.canceled,
    loadAtStart: load.sampledDays > 0 ? load.total[0]! : null,
    loadAtEnd: total.flowLoad.end,
  })
  return {
    asOf: formatBoundary(input.timelines.asOfMs, 'UTC'),
    timezone: zone,
    period: params.period,
    from: params.from,
    to: params.to,
    scope: params.scope ?? {},
    periods: rows,
    total,
    littlesLaw,
    warnings: collectWarnings({ input, selection, total, littlesLaw }),
  }
}
