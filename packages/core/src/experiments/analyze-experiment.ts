import type { FlowInput } from '../metrics/flow-metrics-report'
import type { FlowItemType } from '../model/flow-vocabulary'
import { percentileSorted } from '../stats/percentile'
import { sortNumbers } from '../stats/sort-numbers'
import type { ExperimentDefinition } from './experiment'
import { addDays, experimentWindows } from './experiment'
import type { WeekFigures, WindowSample } from './experiment-sample'
import { collectWeeklyFigures, collectWindowSample } from './experiment-sample'
import type { ExperimentJudgement, JudgeOptions } from './judge-experiment'
import { judgeExperiment } from './judge-experiment'

/** What a report says of one window: its dates, size, flow time percentiles, load and mix. */
export interface WindowSummary {
  from: string
  to: string
  days: number
  /** Items completed in the window (its throughput). */
  completed: number
  /** Of them, those that also started in the window: the items flow time is measured on. */
  measured: number
  flowTimeP50: number | null
  flowTimeP85: number | null
  averageLoad: number | null
  completedByType: Record<FlowItemType, number>
}

/** Flow times of both windows counted in the same bins (for the before/after chart). */
export interface FlowTimeHistogram {
  /** Lower edge of each bin in days; the last bin is open above. */
  binStartsDays: number[]
  before: number[]
  after: number[]
}

/** The report of an experiment: its definition, windows, judgement, weekly series and histogram. */
export interface ExperimentReport extends ExperimentJudgement {
  definition: ExperimentDefinition
  windows: { before: WindowSummary; after: WindowSummary }
  control: { before: WindowSummary; after: WindowSummary } | null
  /** The scope's weeks from the before window's start to the after window's end. */
  weekly: WeekFigures[]
  histogram: FlowTimeHistogram
}

function summarizeWindow(sample: WindowSample): WindowSummary {
  const sorted = sortNumbers(sample.flowTimesDays.slice())
  return {
    from: sample.from,
    to: sample.to,
    days: Math.round(sample.days * 100) / 100,
    completed: sample.completed,
    measured: sample.flowTimesDays.length,
    flowTimeP50: percentileSorted(sorted, 0.5),
    flowTimeP85: percentileSorted(sorted, 0.85),
    averageLoad: sample.averageLoad,
    completedByType: sample.completedByType,
  }
}

const NICE_STEPS = [0.5, 1, 2, 5, 10, 20, 50, 100]

/**
 * Bins of a "nice" width (0.5, 1, 2, 5, … days) from 0 to the p95 of both windows together, about
 * twelve of them; the last bin holds everything above.
 */
export function histogramOf(before: Float64Array, after: Float64Array): FlowTimeHistogram {
  const all = new Float64Array(before.length + after.length)
  all.set(before)
  all.set(after, before.length)
  const p95 = percentileSorted(sortNumbers(all), 0.95) ?? 0
  const width = NICE_STEPS.find((s) => p95 / s <= 12) ?? Math.ceil(p95 / 12)
  const bins = Math.max(1, Math.ceil(p95 / width)) + 1
  const count = (values: Float64Array) => {
    const out = new Array<number>(bins).fill(0)
    for (const v of values) out[Math.min(bins - 1, Math.floor(v / width))]!++
    return out
  }
  return {
    binStartsDays: Array.from({ length: bins }, (_, i) => i * width),
    before: count(before),
    after: count(after),
  }
}

/**
 * The report of `definition` on the engine's data: both windows of the scope (and of the control)
 * as {@link collectWindowSample} counts them, judged by {@link judgeExperiment}, with the weekly
 * series and the before/after histogram of flow times. Pure: the as-of time is the timelines',
 * the randomness the seeded source in `options`.
 */
export function analyzeExperiment(
  input: FlowInput,
  definition: ExperimentDefinition,
  options: JudgeOptions,
): ExperimentReport {
  const windows = experimentWindows(definition)
  const sample = (scope: ExperimentDefinition['scope']) => ({
    before: collectWindowSample(input, scope, windows.before),
    after: collectWindowSample(input, scope, windows.after),
  })
  const scope = sample(definition.scope)
  const control = definition.control ? sample(definition.control) : null
  const judgement = judgeExperiment(definition, { ...scope, control }, options)
  const summarize = (pair: { before: WindowSample; after: WindowSample }) => ({
    before: summarizeWindow(pair.before),
    after: summarizeWindow(pair.after),
  })
  return {
    ...judgement,
    definition,
    windows: summarize(scope),
    control: control ? summarize(control) : null,
    weekly: collectWeeklyFigures(input, definition.scope, {
      from: windows.before.from,
      to: addDays(windows.after.to, 1),
    }),
    histogram: histogramOf(scope.before.flowTimesDays, scope.after.flowTimesDays),
  }
}
