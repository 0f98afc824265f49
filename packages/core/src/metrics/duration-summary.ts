import type { CompletionIndex } from '../engine/completions'
import { summarizeSorted } from '../stats/percentile'
import { sortNumbers } from '../stats/sort-numbers'
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
  // Sorted in milliseconds (integers, which sort faster), then converted in place: days are
  // milliseconds over a positive constant, so the order and every value are the same.
  const days = new Float64Array(to - from)
  for (let k = from; k < to; k++) days[k - from] = durationMs(index.items[k]!)
  sortNumbers(days)
  for (let k = 0; k < days.length; k++) days[k] = msToDays(days[k]!)
  return summarizeSorted(days)
}
