import type { RandomSource } from '../stats/random'
import type { ExperimentDefinition, ExperimentMetric, ExperimentTarget } from './experiment'
import { EXPERIMENT_METRICS } from './experiment'
import type { RatioEstimate } from './experiment-stats'
import { bootstrapChange, pooledRatioOf, quantileOf, rateRatio } from './experiment-stats'
import type { WindowSample } from './experiment-sample'

/** Closed list of verdicts. */
export const EXPERIMENT_VERDICTS = ['supported', 'not_supported', 'inconclusive'] as const
/** What the data says of a hypothesis (docs/experiments.md, "Verdict rules"). */
export type ExperimentVerdict = (typeof EXPERIMENT_VERDICTS)[number]

/** Closed list of the reasons a verdict gives. */
export const VERDICT_REASONS = [
  'change_as_expected',
  'smaller_than_expected',
  'no_clear_change',
  'opposite_change',
  'too_few_items',
  'window_too_short',
  'control_shift',
] as const
/** Why a target got its verdict. */
export type VerdictReasonCode = (typeof VERDICT_REASONS)[number]

/** One reason, with the metric it is about and a sentence for people. */
export interface VerdictReason {
  code: VerdictReasonCode
  metric: ExperimentMetric
  message: string
}

/** A metric before and after, its change (after ÷ before) and, with a control, the effect. */
export interface MetricComparison {
  metric: ExperimentMetric
  before: number | null
  after: number | null
  change: RatioEstimate
  /** The control's own change; null without a control. */
  controlChange: RatioEstimate | null
  /** The change judged: `change`, or with a control `change ÷ controlChange` (difference in differences). */
  effect: RatioEstimate
}

/** How one target fared. */
export interface TargetOutcome {
  target: ExperimentTarget
  verdict: ExperimentVerdict
  reasons: VerdictReason[]
}

/** The samples an experiment compares: its scope's two windows and the control's, if any. */
export interface ExperimentSamples {
  before: WindowSample
  after: WindowSample
  control: { before: WindowSample; after: WindowSample } | null
}

/** How to judge: the seeded source of the bootstrap and the thresholds of the verdict rules. */
export interface JudgeOptions {
  random: RandomSource
  /** Bootstrap resamples (1,000 by default). */
  resamples?: number
  /** Two-sided confidence level of the intervals (0.95 by default). */
  level?: number
  /** Fewest completed items per window (each of scope and control) for a verdict; 20 by default. */
  minItems?: number
  /** Fewest days per window (up to the as-of time) for a verdict; 14 by default. */
  minWindowDays?: number
}

/** Every metric compared, the targets' outcomes and the overall verdict. */
export interface ExperimentJudgement {
  metrics: MetricComparison[]
  targets: TargetOutcome[]
  verdict: ExperimentVerdict
  reasons: VerdictReason[]
  level: number
  minItems: number
  minWindowDays: number
}

type Pair = { before: WindowSample; after: WindowSample }

function compare(metric: ExperimentMetric, samples: ExperimentSamples, options: JudgeOptions) {
  const level = options.level ?? 0.95
  const bootstrap = { random: options.random, resamples: options.resamples, level }
  const statistic = (s: WindowSample) =>
    metric === 'flow_efficiency'
      ? pooledRatioOf(s.activeDays, s.flowTimesDays)
      : quantileOf(s.flowTimesDays, metric === 'flow_time_p50' ? 0.5 : 0.85)
  const point = (s: WindowSample) =>
    metric === 'throughput'
      ? s.days > 0
        ? (s.completed / s.days) * 7
        : null
      : statistic(s).statistic(Uint32Array.from({ length: s.flowTimesDays.length }, (_, i) => i))
  const change = (pair: Pair, control?: Pair): RatioEstimate => {
    if (metric === 'throughput') {
      const count = (s: WindowSample) => ({ count: s.completed, days: s.days })
      const c = control && { before: count(control.before), after: count(control.after) }
      return rateRatio({ before: count(pair.before), after: count(pair.after), control: c }, level)
    }
    const c = control && { before: statistic(control.before), after: statistic(control.after) }
    return bootstrapChange(
      { before: statistic(pair.before), after: statistic(pair.after), control: c },
      bootstrap,
    )
  }
  const { control } = samples
  return {
    metric,
    before: point(samples.before),
    after: point(samples.after),
    change: change(samples),
    controlChange: control ? change(control) : null,
    effect: control ? change(samples, control) : change(samples),
  }
}

const percent = (ratio: number) => `${ratio >= 1 ? '+' : ''}${Math.round((ratio - 1) * 100)}%`
const interval = (e: RatioEstimate) =>
  e.low === null || e.high === null ? 'no interval' : `${percent(e.low)} to ${percent(e.high)}`

function excludesOne(e: RatioEstimate | null): 'below' | 'above' | null {
  if (e?.low == null || e.high == null) return null
  return e.high < 1 ? 'below' : e.low > 1 ? 'above' : null
}

function shortfall(samples: ExperimentSamples, options: Required<Omit<JudgeOptions, 'random'>>) {
  const windows = [samples.before, samples.after]
  if (samples.control) windows.push(samples.control.before, samples.control.after)
  const fewest = Math.min(...windows.map((w) => w.flowTimesDays.length))
  const shortest = Math.min(...windows.map((w) => w.days))
  return {
    tooFew:
      fewest < options.minItems
        ? `a window has ${fewest} items that started and finished in it, fewer than the ${options.minItems} a verdict needs`
        : null,
    tooShort:
      shortest < options.minWindowDays
        ? `a window covers ${Math.round(shortest * 10) / 10} days up to the as-of time, fewer than ${options.minWindowDays}`
        : null,
  }
}

function judgeTarget(
  target: ExperimentTarget,
  comparison: MetricComparison,
  gaps: { tooFew: string | null; tooShort: string | null },
): TargetOutcome {
  const { metric } = target
  const reason = (code: VerdictReasonCode, message: string) => ({ code, metric, message })
  const reasons: VerdictReason[] = []
  if (gaps.tooFew) reasons.push(reason('too_few_items', gaps.tooFew))
  if (gaps.tooShort) reasons.push(reason('window_too_short', gaps.tooShort))
  if (reasons.length > 0) return { target, verdict: 'inconclusive', reasons }
  const shift = excludesOne(comparison.controlChange)
  if (shift && comparison.controlChange)
    reasons.push(
      reason(
        'control_shift',
        `the control moved too (${percent(comparison.controlChange.estimate ?? 1)}, ${interval(comparison.controlChange)}): the effect is judged net of it`,
      ),
    )
  const { effect } = comparison
  const side = excludesOne(effect)
  const expected = target.direction === 'decrease' ? 'below' : 'above'
  const said = `${metric} changed ${percent(effect.estimate ?? 1)} (${interval(effect)})`
  if (side === expected) {
    reasons.push(reason('change_as_expected', `${said}: a clear ${target.direction}`))
    const size = target.expectedChangePercent
    // judged on the whole percent shown, so a change shown as −33% reaches an expected 33%
    const shown = Math.round(((effect.estimate ?? 1) - 1) * 100)
    const reached =
      size === null || (target.direction === 'decrease' ? shown <= -size : shown >= size)
    if (!reached)
      reasons.push(reason('smaller_than_expected', `smaller than the expected ${size}%`))
    return { target, verdict: 'supported', reasons }
  }
  if (shift) return { target, verdict: 'inconclusive', reasons }
  if (side !== null)
    reasons.push(
      reason('opposite_change', `${said}: the opposite of the expected ${target.direction}`),
    )
  else reasons.push(reason('no_clear_change', `${said}: the interval includes no change`))
  return { target, verdict: 'not_supported', reasons }
}

/**
 * Judges a definition's targets on its samples (docs/experiments.md): every metric compared as
 * after ÷ before with a confidence interval (bootstrap for percentiles and efficiency, the
 * Poisson rate ratio for throughput), divided by the control's ratio when there is a control. A
 * target is `inconclusive` with too few items or too short a window, `supported` when the whole
 * interval lies on the expected side of no change, `inconclusive` when not and the control
 * shifted on its own, else `not_supported`. Overall: `not_supported` if any target is, else
 * `inconclusive` if any target is, else `supported`. Deterministic for a given seeded source.
 */
export function judgeExperiment(
  definition: Pick<ExperimentDefinition, 'targets'>,
  samples: ExperimentSamples,
  options: JudgeOptions,
): ExperimentJudgement {
  const settings = {
    resamples: options.resamples ?? 1000,
    level: options.level ?? 0.95,
    minItems: options.minItems ?? 20,
    minWindowDays: options.minWindowDays ?? 14,
  }
  const metrics = EXPERIMENT_METRICS.map((m) => compare(m, samples, { ...options, ...settings }))
  const gaps = shortfall(samples, settings)
  const targets = definition.targets.map((t) =>
    judgeTarget(
      t,
      metrics.find((m) => m.metric === t.metric)!,
      gaps,
    ),
  )
  const has = (v: ExperimentVerdict) => targets.some((t) => t.verdict === v)
  const verdict = has('not_supported')
    ? 'not_supported'
    : has('inconclusive')
      ? 'inconclusive'
      : 'supported'
  return {
    metrics,
    targets,
    verdict,
    reasons: targets.flatMap((t) => t.reasons),
    level: settings.level,
    minItems: settings.minItems,
    minWindowDays: settings.minWindowDays,
  }
}
