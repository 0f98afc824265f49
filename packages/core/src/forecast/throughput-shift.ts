import type { DailyThroughput } from './daily-throughput'

/** A change of throughput inside a forecast's window: the two halves and the test's p-value. */
export interface ThroughputShift {
  /** Completions per day in the older and the recent half of the window. */
  olderPerDay: number
  recentPerDay: number
  /** Two-sided p-value of the Mann–Whitney U test (normal approximation, ties corrected). */
  pValue: number
}

/** The p-value below which a shift is reported. */
export const SHIFT_P_VALUE = 0.01
/** Fewest days per half a shift is tested on. */
const MIN_HALF_DAYS = 14

/**
 * Whether throughput shifted within the window (a regime change the forecast straddles): the
 * daily counts of the older half and of the recent half are compared with the Mann–Whitney U
 * test, robust to outliers and to the skew of daily counts. Returns the shift when the two-sided
 * p-value is below 0.01, undefined otherwise or when a half has fewer than 14 days.
 */
export function detectThroughputShift(throughput: DailyThroughput): ThroughputShift | undefined {
  const days = throughput.days
  const half = Math.floor(days.length / 2)
  if (half < MIN_HALF_DAYS) return undefined
  const older = days.subarray(days.length - 2 * half, days.length - half)
  const recent = days.subarray(days.length - half)
  const pValue = mannWhitneyPValue(older, recent)
  if (!(pValue < SHIFT_P_VALUE)) return undefined
  return { olderPerDay: meanOf(older), recentPerDay: meanOf(recent), pValue }
}

/**
 * Two-sided p-value of the Mann–Whitney U test of two samples of small integers, by the normal
 * approximation with the tie correction (daily counts tie a lot). 1 when every value ties.
 */
export function mannWhitneyPValue(a: Int32Array, b: Int32Array): number {
  let max = 0
  for (let i = 0; i < a.length; i++) max = Math.max(max, a[i]!)
  for (let i = 0; i < b.length; i++) max = Math.max(max, b[i]!)
  // Counting sort by value: ranks of tied values are their mid-rank.
  const countA = new Float64Array(max + 1)
  const countAll = new Float64Array(max + 1)
  for (let i = 0; i < a.length; i++) countA[a[i]!]!++
  for (let i = 0; i < a.length; i++) countAll[a[i]!]!++
  for (let i = 0; i < b.length; i++) countAll[b[i]!]!++
  const n1 = a.length
  const n2 = b.length
  const n = n1 + n2
  let below = 0
  let rankSumA = 0
  let ties = 0
  for (let v = 0; v <= max; v++) {
    const t = countAll[v]!
    rankSumA += countA[v]! * (below + (t + 1) / 2)
    ties += t * t * t - t
    below += t
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)))
  if (!(variance > 0)) return 1
  const z = Math.abs(u - (n1 * n2) / 2) / Math.sqrt(variance)
  return Math.min(1, 2 * normalUpperTail(z))
}

/** P(Z > z) of a standard normal (Abramowitz–Stegun 7.1.26 erfc, error below 1.5e-7). */
function normalUpperTail(z: number): number {
  const x = z / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  return (poly * Math.exp(-x * x)) / 2
}

function meanOf(values: Int32Array): number {
  let total = 0
  for (let i = 0; i < values.length; i++) total += values[i]!
  return total / values.length
}
