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
  const ended: number[] = []
  for (const i of selection) {
    if (timelines.included[i] === 1 && timelines.endState[i] !== NOT_ENDED) ended.push(i)
  }
  const bulk = new Set<number>()
  if (ended.length < BULK_CLOSE_MIN_ITEMS) return bulk
  const at = (i: number) => timelines.endMs[i]!
  ended.sort((a, b) => at(a) - at(b))
  const perDay = new Map<number, number>()
  for (const i of ended) {
    const day = Math.floor(at(i) / DAY_MS)
    perDay.set(day, (perDay.get(day) ?? 0) + 1)
  }
  const daily = [...perDay.values()].sort((a, b) => a - b)
  const median = daily[Math.floor((daily.length - 1) / 2)]!
  const threshold = Math.max(BULK_CLOSE_MIN_ITEMS, median)
  let runStart = 0
  for (let k = 1; k <= ended.length; k++) {
    if (k < ended.length && at(ended[k]!) - at(ended[k - 1]!) <= BULK_CLOSE_GAP_MS) continue
    if (k - runStart >= threshold) for (let j = runStart; j < k; j++) bulk.add(ended[j]!)
    runStart = k
  }
  return bulk
}
