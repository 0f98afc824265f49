import type { FlowInput } from './flow-metrics-report'
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
  const counts = new Map<QualityFlag, number>()
  const items: DataQualityReport['items'] = []
  let withFindings = 0
  for (const i of selection) {
    const bits = timelines.quality[i]!
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
