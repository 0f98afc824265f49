import type { CompletionIndex } from '../engine/completions'
import type { Timelines } from '../engine/timelines'
import type { FlowDataset } from '../model/flow-dataset'
import type { DurationSummary, PeriodSummaries } from './duration-summary'
import { summarizeCompletions, summarizeCompletionsByPeriod } from './duration-summary'

/**
 * **Lead time**: `end − created` in days for the items completed in the periods
 * `range.first .. range.last - 1` (includes backlog time); same statistics as flow time; null
 * when nothing completed. `created` is the creation instant (or the first change when a change
 * precedes it, a data-quality finding).
 */
export function computeLeadTime(
  { dataset, timelines }: { dataset: FlowDataset; timelines: Timelines },
  index: CompletionIndex,
  range: { first: number; last: number },
): DurationSummary | null {
  return summarizeCompletions(index, range, (i) => timelines.endMs[i]! - dataset.createdMs[i]!)
}

/**
 * {@link computeLeadTime} of each period of `index` and of all of them together (`total`), the
 * same figures as one call per range, from one sort of all the durations (see
 * `summarizeCompletionsByPeriod`).
 */
export function computeLeadTimeByPeriod(
  { dataset, timelines }: { dataset: FlowDataset; timelines: Timelines },
  index: CompletionIndex,
): PeriodSummaries {
  return summarizeCompletionsByPeriod(index, {
    endMs: timelines.endMs,
    beginMs: dataset.createdMs,
  })
}
