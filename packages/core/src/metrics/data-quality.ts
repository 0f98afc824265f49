import type { FlowInput } from './flow-metrics-report'
import type { Timelines } from '../engine/timelines'
import { NOT_ENDED } from '../engine/timelines'
import type { Selection } from '../engine/selection'
import type { QualityFlag } from '../model/data-quality-flags'
import { listQualityFlags, QUALITY_FLAG_TEXT, QUALITY_FLAGS } from '../model/data-quality-flags'

/** The data-quality report of a selection. */
export interface DataQualityReport {
  itemsChecked: number
  itemsWithFindings: number
  /** Per finding: how many items, the reason and the rule applied. */
  findings: { flag: QualityFlag; items: number; rule: string }[]
  /** Per item (first `limit`): its key and findings. */
  items: { key: string; source: string; flags: QualityFlag[] }[]
}

/**
 * **Data quality**: items whose history cannot be right (changes before creation, done before
 * start, contradictory changes, duplicated events, …), reported per item with the reason and the
 * documented rule that handled it; nothing is dropped or zeroed. Lists at most `limit` items.
 */
export function computeDataQuality(
  input: FlowInput,
  selection: Selection,
  limit = 1000,
): DataQualityReport {
  const { dataset, timelines } = input
  const bulk = findBulkCloses(timelines, selection)
  const counts = new Map<QualityFlag, number>()
  const items: DataQualityReport['items'] = []
  let withFindings = 0
  for (const i of selection) {
    const bits = timelines.quality[i]! | (bulk.has(i) ? QUALITY_FLAGS.bulk_close : 0)
    if (bits === 0) continue
    withFindings++
    const flags = listQualityFlags(bits)
    for (const flag of flags) counts.set(flag, (counts.get(flag) ?? 0) + 1)
    if (items.length < limit)
      items.push({
        key: dataset.itemKey[i]!,
        source: dataset.sources.valueOf(dataset.itemSource[i]!),
        flags,
      })
  }
  const findings = (Object.keys(QUALITY_FLAGS) as QualityFlag[])
    .filter((flag) => counts.has(flag))
    .map((flag) => ({ flag, items: counts.get(flag)!, rule: QUALITY_FLAG_TEXT[flag] }))
  return { itemsChecked: selection.length, itemsWithFindings: withFindings, findings, items }
}

/** Completions closer than this to the previous one belong to the same burst. */
export const BULK_CLOSE_GAP_MS = 60_000
/** A burst smaller than this is never a bulk close. */
export const BULK_CLOSE_MIN_ITEMS = 10

const DAY_MS = 86_400_000

/**
 * **Bulk closes**: items completed (done or canceled) in a burst that no team closes by hand. A
 * burst is a run of completions each at most {@link BULK_CLOSE_GAP_MS} (one minute) after the
 * previous; it is a bulk close when it holds at least {@link BULK_CLOSE_MIN_ITEMS} items and at
 * least the median number of completions per day (over the days with a completion, UTC days), so a
 * team that normally finishes 30 items a day needs 30 items within minutes. Returns the items of
 * `selection` in bulk closes.
 */
export function findBulkCloses(timelines: Timelines, selection: Selection): Set<number> {
  const spans = findBulkCloseSpans(timelines, selection)
  const bulk = new Set<number>()
  if (spans.length === 0) return bulk
  for (const i of selection) {
    if (isEnded(timelines, i) && inSpans(spans, timelines.endMs[i]!)) bulk.add(i)
  }
  return bulk
}

/**
 * The bulk closes of {@link findBulkCloses} as spans of time: `[from0, to0, from1, to1, …]`, the
 * first and last completion instant of each, ascending. An item completed in the selection is in
 * a bulk close exactly when its end lies in a span (a burst is a run of the sorted instants, so
 * every completion between its first and last belongs to it). Typed arrays only: forecasts call it
 * for their scope.
 */
export function findBulkCloseSpans(timelines: Timelines, selection: Selection): Float64Array {
  let count = 0
  for (let s = 0; s < selection.length; s++) if (isEnded(timelines, selection[s]!)) count++
  if (count < BULK_CLOSE_MIN_ITEMS) return new Float64Array(0)
  const ends = new Float64Array(count)
  count = 0
  for (let s = 0; s < selection.length; s++) {
    const i = selection[s]!
    if (isEnded(timelines, i)) ends[count++] = timelines.endMs[i]!
  }
  ends.sort()
  const threshold = Math.max(BULK_CLOSE_MIN_ITEMS, medianPerDay(ends))
  const spans: number[] = []
  let runStart = 0
  for (let k = 1; k <= ends.length; k++) {
    if (k < ends.length && ends[k]! - ends[k - 1]! <= BULK_CLOSE_GAP_MS) continue
    if (k - runStart >= threshold) spans.push(ends[runStart]!, ends[k - 1]!)
    runStart = k
  }
  return Float64Array.from(spans)
}

/** Whether `ms` lies in one of `spans` (`[from, to]` pairs, ascending). */
export function inSpans(spans: Float64Array, ms: number): boolean {
  for (let k = 0; k < spans.length; k += 2) {
    if (ms < spans[k]!) return false
    if (ms <= spans[k + 1]!) return true
  }
  return false
}

function isEnded(timelines: Timelines, i: number): boolean {
  return timelines.included[i] === 1 && timelines.endState[i] !== NOT_ENDED
}

/** The median count per UTC day of ascending instants, over the days with at least one. */
function medianPerDay(sortedMs: Float64Array): number {
  const perDay = new Int32Array(sortedMs.length)
  let days = 0
  let previous = NaN
  for (let k = 0; k < sortedMs.length; k++) {
    const day = Math.floor(sortedMs[k]! / DAY_MS)
    if (day !== previous) days++
    perDay[days - 1]!++
    previous = day
  }
  const daily = perDay.subarray(0, days).sort()
  return daily[Math.floor((days - 1) / 2)]!
}
