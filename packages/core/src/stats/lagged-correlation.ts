import { probit, sampleCorrelation } from 'simple-statistics'

/** A series over the same periods as the others it is compared with; null: no value in a period. */
export interface PeriodSeries {
  name: string
  values: readonly (number | null)[]
}

/** Options of {@link computeLaggedCorrelations}. */
export interface LaggedCorrelationParameters {
  /** The largest lag tried, in periods (0: same period only). */
  maxLag: number
  /** Fewer pairs than this: the correlation is given with the caution `too_few_periods`. Default 8. */
  minPairs?: number
  /** Confidence level of the interval; default 0.95. */
  confidence?: number
}

/** Why a correlation should not be trusted. */
export const CORRELATION_CAUTIONS = ['too_few_periods', 'chance_among_many'] as const
/** One of {@link CORRELATION_CAUTIONS}. */
export type CorrelationCaution = (typeof CORRELATION_CAUTIONS)[number]

/** The rank correlation of a flow metric now with a result `lag` periods later. */
export interface LaggedCorrelation {
  metric: string
  result: string
  /** Periods between the metric and the result (0: the same period). */
  lag: number
  /** Periods where both have a value: what the correlation rests on. */
  pairs: number
  /** Spearman's rank correlation, -1..1; null when it cannot be computed (fewer than 4 pairs, or a constant series). */
  rho: number | null
  /** The interval at the requested confidence (Fisher z, Spearman's variance 1.06 / (n − 3)). */
  low: number | null
  high: number | null
  /**
   * Whether the interval at the confidence corrected for every pair tried (Bonferroni over
   * `tried`) excludes 0: the correlation is unlikely to be one of the chance findings expected
   * among that many.
   */
  holdsAfterCorrection: boolean
  cautions: CorrelationCaution[]
}

/** What {@link computeLaggedCorrelations} returns. */
export interface LaggedCorrelationResult {
  /** Every pair of metric, result and lag tried: the multiple comparisons the correction counts. */
  tried: number
  /** Per metric and result, the lag with the strongest |rho| among those that can be computed. */
  strongest: LaggedCorrelation[]
}

/** Ranks 1..n, ties given their average rank. */
function ranks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0))
  const out = new Array<number>(values.length)
  for (let i = 0; i < order.length;) {
    let j = i
    while (j + 1 < order.length && values[order[j + 1] ?? 0] === values[order[i] ?? 0]) j++
    const rank = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) out[order[k] ?? 0] = rank
    i = j + 1
  }
  return out
}

function pairsAt(x: PeriodSeries, y: PeriodSeries, lag: number): [number[], number[]] {
  const xs: number[] = []
  const ys: number[] = []
  for (let t = 0; t + lag < y.values.length && t < x.values.length; t++) {
    const a = x.values[t]
    const b = y.values[t + lag]
    if (a === null || a === undefined || b === null || b === undefined) continue
    xs.push(a)
    ys.push(b)
  }
  return [xs, ys]
}

/** Spearman's rho of paired samples; null below 4 pairs or when either side is constant. */
export function spearmanRho(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length < 4 || xs.length !== ys.length) return null
  const rx = ranks(xs)
  const ry = ranks(ys)
  if (rx.every((r) => r === rx[0]) || ry.every((r) => r === ry[0])) return null
  return Math.max(-1, Math.min(1, sampleCorrelation(rx, ry)))
}

/** The interval of `rho` over `n` pairs at `confidence` (Fisher z); nulls below 4 pairs. */
function interval(rho: number, n: number, confidence: number): [number, number] {
  const z = Math.atanh(Math.max(-0.999999, Math.min(0.999999, rho)))
  const half = probit(1 - (1 - confidence) / 2) * Math.sqrt(1.06 / (n - 3))
  return [Math.tanh(z - half), Math.tanh(z + half)]
}

function correlate(
  at: { metric: PeriodSeries; result: PeriodSeries; lag: number; tried: number },
  params: Required<LaggedCorrelationParameters>,
): LaggedCorrelation {
  const [xs, ys] = pairsAt(at.metric, at.result, at.lag)
  const rho = spearmanRho(xs, ys)
  const base = { metric: at.metric.name, result: at.result.name, lag: at.lag, pairs: xs.length }
  if (rho === null) {
    const cautions: CorrelationCaution[] = ['too_few_periods']
    return { ...base, rho, low: null, high: null, holdsAfterCorrection: false, cautions }
  }
  const [low, high] = interval(rho, xs.length, params.confidence)
  const corrected = interval(rho, xs.length, 1 - (1 - params.confidence) / at.tried)
  const holds = corrected[0] > 0 || corrected[1] < 0
  const cautions: CorrelationCaution[] = []
  if (xs.length < params.minPairs) cautions.push('too_few_periods')
  if ((low > 0 || high < 0) && !holds) cautions.push('chance_among_many')
  return { ...base, rho, low, high, holdsAfterCorrection: holds, cautions }
}

/**
 * Lagged rank correlations of each flow metric with each business result over the same periods:
 * for lag L, the metric in period t is paired with the result in period t + L (periods where
 * either has no value are left out). Spearman's rho, because flow metrics and results are rarely
 * linear or normal; its interval by Fisher's z with variance 1.06 / (n − 3) (Fieller, Hartley and
 * Pearson). Every metric × result × lag tried counts as a comparison: with many tried, some look
 * strong by chance, so `holdsAfterCorrection` asks the Bonferroni-corrected interval to exclude
 * 0, and a correlation whose plain interval excludes 0 but the corrected one does not carries the
 * caution `chance_among_many`. Per metric and result, the lag with the strongest |rho| is kept.
 * Correlation is not cause: the words for it say "moves with", never "drives".
 */
export function computeLaggedCorrelations(
  metrics: readonly PeriodSeries[],
  results: readonly PeriodSeries[],
  parameters: LaggedCorrelationParameters,
): LaggedCorrelationResult {
  const params = { minPairs: 8, confidence: 0.95, ...parameters }
  const lags = Math.max(0, Math.floor(params.maxLag)) + 1
  const tried = Math.max(1, metrics.length * results.length * lags)
  const strongest: LaggedCorrelation[] = []
  for (const metric of metrics) {
    for (const result of results) {
      let best: LaggedCorrelation | undefined
      for (let lag = 0; lag < lags; lag++) {
        const found = correlate({ metric, result, lag, tried }, params)
        const better =
          best === undefined ||
          (found.rho !== null && (best.rho === null || Math.abs(found.rho) > Math.abs(best.rho)))
        if (better) best = found
      }
      if (best) strongest.push(best)
    }
  }
  return { tried, strongest }
}
