import type { FlowDataset } from '../model/flow-dataset'
import { EVENT_STATUS } from '../model/flow-dataset'

/** Which item to walk and where its history stops. */
export interface StatusWalk {
  dataset: FlowDataset
  item: number
  /** Changes after this instant are ignored. */
  asOfMs: number
  /** Where the last stretch ends (e.g. the as-of time, the item's end, or Infinity). */
  openEndMs: number
}

/**
 * Calls `visit(statusId, fromMs, toMs)` for each stretch the item spent in one tool status, from
 * creation on, with changes up to `asOfMs`; the last stretch ends at `openEndMs`. Zero-length
 * stretches are skipped. Allocation-free: it runs per item on the engine's hot path.
 */
export function walkStatusStretches(
  walk: StatusWalk,
  visit: (statusId: number, fromMs: number, toMs: number) => void,
): void {
  const { dataset, item, asOfMs, openEndMs } = walk
  let status = dataset.initialStatus[item]!
  let since = dataset.createdMs[item]!
  const last = dataset.eventOffset[item + 1]!
  for (let e = dataset.eventOffset[item]!; e < last; e++) {
    if (dataset.eventKind[e] !== EVENT_STATUS) continue
    const at = dataset.eventAt[e]!
    if (at > asOfMs) break
    if (at > since) visit(status, since, at)
    status = dataset.eventValue[e]!
    since = Math.max(since, at)
  }
  if (openEndMs > since) visit(status, since, openEndMs)
}
