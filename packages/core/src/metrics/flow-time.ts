import type { CompletionIndex } from '../engine/completions'
import type { Timelines } from '../engine/timelines'
import type { DurationSummary, PeriodSummaries } from './duration-summary'
import { summarizeCompletions, summarizeCompletionsByPeriod } from './duration-summary'

/**
 * **Flow Time**: for each item completed in the periods `range.first .. range.last - 1`,
 * `end − start` in days. Time in `new` after the start (work put back in the backlog) is inside
 * flow time. Reported as count, mean, p50, p85, p95 and max; null when nothing completed.
 */
export function computeFlowTime(
  timelines: Timelines,
  index: CompletionIndex,
  range: { first: number; last: number },
): DurationSummary | null {
  return summarizeCompletions(index, range, (i) => timelines.endMs[i]! - timelines.startMs[i]!)
}

/**
 * {@link computeFlowTime} of each period of `index` and of all of them together (`total`), the
 * same figures as one call per range, from one sort of all the durations (see
 * `summarizeCompletionsByPeriod`).
 */
export function computeFlowTimeByPeriod(
  timelines: Timelines,
  index: CompletionIndex,
): PeriodSummaries {
  return summarizeCompletionsByPeriod(index, {
    endMs: timelines.endMs,
    beginMs: timelines.startMs,
  })
}

/** The per-item flow times in days of the completions in `range`, as `[itemIndex, days]` pairs. */
export function listFlowTimes(
  timelines: Timelines,
  index: CompletionIndex,
  range: { first: number; last: number },
): { item: number; days: number }[] {
  const out: { item: number; days: number }[] = []
  for (let k = index.offset[range.first]!; k < index.offset[range.last]!; k++) {
    const i = index.items[k]!
    out.push({ item: i, days: (timelines.endMs[i]! - timelines.startMs[i]!) / 86_400_000 })
  }
  return out
}
