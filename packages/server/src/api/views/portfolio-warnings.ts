import type { FlowItemType } from '@openvmo/core'
import { FLOW_ITEM_TYPES } from '@openvmo/core'
import type { PeriodMetrics } from '../engine'
import type { PortfolioStreamResponse } from '../schemas/metrics-schemas'

type PortfolioWarning = PortfolioStreamResponse['warnings'][number]

/** A rise (or fall) against the mean of the earlier periods counts when it exceeds this share. */
export const TREND_THRESHOLD = 0.2
/** The trend compares the last full period with the mean of at most this many full periods before it. */
export const TREND_WINDOW = 3
/** …and needs at least this many of them, each covered by the data from its start. */
export const TREND_MIN_BASELINE = 2
/** A period counts in a trend only with at least this many completed items. */
export const TREND_MIN_COMPLETED = 5
/** A type's share of completed items off its target by more than this (absolute) is a warning. */
export const DISTRIBUTION_TOLERANCE = 0.1

const day = (instant: string) => instant.slice(0, 10)

function meanOf(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null)
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length
}

/** The dates `start – last day` of consecutive periods (the end is exclusive, so one day back). */
function windowText(periods: readonly PeriodMetrics[]): string {
  const first = periods[0]
  const last = periods[periods.length - 1]
  if (!first || !last) return ''
  const end = new Date(Date.parse(`${day(last.end)}T00:00:00Z`) - 86_400_000)
  return `${day(first.start)} – ${end.toISOString().slice(0, 10)}`
}

/**
 * The full periods a trend may use: not partial, starting when the stream already had items
 * (`dataStartMs`, its first item's creation) and with enough completions to be read.
 */
function comparable(p: PeriodMetrics, dataStartMs: number): boolean {
  return !p.partial && Date.parse(p.start) >= dataStartMs && p.velocity.total >= TREND_MIN_COMPLETED
}

/**
 * Trend warnings that compare like with like: the last full period against the mean of the (at
 * most {@link TREND_WINDOW}) full periods just before it, when at least
 * {@link TREND_MIN_BASELINE} of them are covered by the data and every compared period has
 * {@link TREND_MIN_COMPLETED} completions. Load rising: average Flow Load above that mean by more
 * than 20%; efficiency falling: pooled Flow Efficiency below it by more than 20%. Each message
 * names both windows.
 */
export function trendWarnings(
  periods: readonly PeriodMetrics[],
  last: number,
  dataStartMs: number,
): PortfolioWarning[] {
  const current = periods[last]
  if (!current || !comparable(current, dataStartMs)) return []
  const baseline = periods.slice(Math.max(0, last - TREND_WINDOW), last)
  if (baseline.length < TREND_MIN_BASELINE || !baseline.every((p) => comparable(p, dataStartMs)))
    return []
  const compared = `in ${windowText([current])} against ${windowText(baseline)} (${baseline.length} full periods before)`
  const out: PortfolioWarning[] = []
  const load = meanOf(baseline.map((p) => p.flowLoad.average))
  const loadNow = current.flowLoad.average
  if (load !== null && loadNow !== null && loadNow > load * (1 + TREND_THRESHOLD)) {
    const message = `flow load rising: ${loadNow.toFixed(1)} on average ${compared}: ${load.toFixed(1)}`
    out.push({ code: 'LOAD_RISING', message })
  }
  const eff = meanOf(baseline.map((p) => p.flowEfficiency.pooled))
  const effNow = current.flowEfficiency.pooled
  if (eff !== null && effNow !== null && effNow < eff * (1 - TREND_THRESHOLD)) {
    const message = `flow efficiency falling: ${(effNow * 100).toFixed(0)}% ${compared}: ${(eff * 100).toFixed(0)}%`
    out.push({ code: 'EFFICIENCY_FALLING', message })
  }
  return out
}

/**
 * Distribution off target: over the full periods of the range, each Flow Item type whose share of
 * completed items is off the stream's target by more than {@link DISTRIBUTION_TOLERANCE}
 * (absolute), largest gap first. Nothing without a target or a completed item.
 */
export function distributionWarnings(
  periods: readonly PeriodMetrics[],
  target: Partial<Record<FlowItemType, number>> | null,
): PortfolioWarning[] {
  const full = periods.filter((p) => !p.partial)
  const total = full.reduce((sum, p) => sum + p.velocity.total, 0)
  if (!target || total === 0) return []
  const gaps = FLOW_ITEM_TYPES.flatMap((type) => {
    const wanted = target[type]
    if (wanted === undefined) return []
    const share = full.reduce((sum, p) => sum + p.velocity[type], 0) / total
    // Rounded to 0.1 percentage point, so a gap of exactly the tolerance does not count.
    const gap = Math.round(Math.abs(share - wanted) * 1000) / 1000
    return gap > DISTRIBUTION_TOLERANCE ? [{ type, share, wanted }] : []
  }).sort((a, b) => Math.abs(b.share - b.wanted) - Math.abs(a.share - a.wanted))
  const pct = (v: number) => `${Math.round(v * 100)}%`
  return gaps.map(({ type, share, wanted }) => ({
    code: 'DISTRIBUTION_OFF_TARGET',
    type,
    message: `distribution off target: ${type} ${pct(share)} of the ${total} items completed in ${windowText(full)} against a ${pct(wanted)} target`,
  }))
}

/**
 * Aging items: work in progress older than the stream's flow-time p95 over the range (`count` of
 * them, `p95Days` null when flow time cannot be computed).
 */
export function agingWarning(count: number, p95Days: number | null): PortfolioWarning[] {
  if (count === 0 || p95Days === null) return []
  const message = `${count} item${count === 1 ? '' : 's'} in progress for longer than the stream's flow-time p95 (${p95Days.toFixed(1)} days)`
  return [{ code: 'AGING_BEYOND_P95', message }]
}
