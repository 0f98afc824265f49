import type { CompletionIndex } from '../engine/completions'
import { summarize } from '../stats/percentile'
import { msToDays } from '../time/instant'

/** Count, mean, percentiles (R type 7) and max of durations in days; null when there are none. */
export interface DurationSummary {
  count: number
  mean: number
  p50: number
  p85: number
  p95: number
  max: number
}

/**
 * Summarises `durationMs(item)` in days over the completions of periods `first .. last - 1` of
 * `index`. Returns null for no completions ("cannot compute" is a value, never 0 or NaN).
 */
export function summarizeCompletions(
  index: CompletionIndex,
  range: { first: number; last: number },
  durationMs: (item: number) => number,
): DurationSummary | null {
  const from = index.offset[range.first]!
  const to = index.offset[range.last]!
  const days = new Float64Array(to - from)
  for (let k = from; k < to; k++) days[k - from] = msToDays(durationMs(index.items[k]!))
  return summarize(days)
}
