import type { FlowMetricsReportResponse, FlowTimesResponse } from '../../api/types'
import { formatCount, formatDays, formatRange } from '../../format/numbers'
import { coveredPeriodLabel, lastCompleteIndex } from './stream-cards'

/**
 * Why the scatter's p50 line and the Flow Time p50 card differ: the lines are the percentiles of
 * every item completed in the whole range; the card is the p50 of the last full period only.
 */
export function flowTimeNote(
  times: FlowTimesResponse,
  report: FlowMetricsReportResponse,
): { lines: string; card: string } | undefined {
  const summary = times.flowTime
  if (!summary) return undefined
  const lines = `Lines: p50 ${formatDays(summary.p50)} d, p85 ${formatDays(summary.p85)} d, p95 ${formatDays(summary.p95)} d of all ${formatCount(summary.count)} items completed ${formatRange(times.from, times.to)}.`
  const covered = coveredPeriodLabel(report)
  const period = report.periods[lastCompleteIndex(report)]
  const cardP50 = period?.flowTime?.p50
  const card =
    covered && cardP50 !== undefined
      ? `The Flow Time p50 card covers ${covered} only: ${formatDays(cardP50)} d of ${formatCount(period?.flowTime?.count ?? 0)} items.`
      : ''
  return { lines, card }
}
