import type { FlowInput } from './flow-metrics-report'
import type { Selection } from '../engine/selection'
import type { DurationSummary } from './duration-summary'
import { unqualify } from '../model/dictionary'
import { FLOW_ITEM_TYPES, FLOW_STATES } from '../model/flow-vocabulary'
import type { FlowItemType, FlowState } from '../model/flow-vocabulary'
import { EVENT_STATUS } from '../model/flow-dataset'
import { MS_PER_DAY } from '../time/instant'

/** One item in progress, with its age. */
export interface AgingItem {
  item: number
  key: string
  source: string
  title?: string
  url?: string
  flowItem: FlowItemType
  status: string
  flowState: FlowState
  /** `asOf − start`, in days. */
  ageDays: number
  /** Time since it entered its current tool state, in days. */
  daysInStatus: number
  /** Where its age stands against the scope's flow-time percentiles. */
  band: 'below_p50' | 'p50_p85' | 'p85_p95' | 'above_p95' | 'unknown'
}

/** Aging work in progress of a scope. */
export interface AgingWip {
  items: AgingItem[]
  /** The scope's flow-time percentiles the ages are compared with (null when none completed). */
  flowTime: DurationSummary | null
}

function lastStatusChange(input: FlowInput, i: number): number {
  const { dataset, timelines } = input
  let since = dataset.createdMs[i]!
  for (let e = dataset.eventOffset[i]!; e < dataset.eventOffset[i + 1]!; e++) {
    if (dataset.eventAt[e]! > timelines.asOfMs) break
    if (dataset.eventKind[e] === EVENT_STATUS) since = dataset.eventAt[e]!
  }
  return since
}

function bandOf(ageDays: number, flowTime: DurationSummary | null): AgingItem['band'] {
  if (!flowTime) return 'unknown'
  if (ageDays < flowTime.p50) return 'below_p50'
  if (ageDays < flowTime.p85) return 'p50_p85'
  return ageDays < flowTime.p95 ? 'p85_p95' : 'above_p95'
}

/**
 * **Age** of an item in progress: `asOf − start`. **Aging work in progress** lists each item of the
 * selection that is started and not ended (Flow Items only) with its age and current state,
 * against `flowTime` (the scope's flow-time percentiles, computed by the caller over the window it
 * chooses). Oldest first.
 */
export function computeAgingWip(
  input: FlowInput,
  selection: Selection,
  flowTime: DurationSummary | null,
): AgingWip {
  const { dataset, timelines } = input
  const items: AgingItem[] = []
  for (const i of selection) {
    const start = timelines.startMs[i]!
    if (!timelines.included[i] || start !== start || timelines.endMs[i] === timelines.endMs[i])
      continue
    if (timelines.flowItem[i]! >= 4) continue
    const ageDays = (timelines.asOfMs - start) / MS_PER_DAY
    items.push({
      item: i,
      key: dataset.itemKey[i]!,
      source: dataset.sources.valueOf(dataset.itemSource[i]!),
      title: dataset.itemTitle[i],
      url: dataset.itemUrl[i],
      flowItem: FLOW_ITEM_TYPES[timelines.flowItem[i]!]!,
      status: unqualify(dataset.statuses.valueOf(timelines.currentStatus[i]!)).name,
      flowState: FLOW_STATES[timelines.currentState[i]!]!,
      ageDays,
      daysInStatus: (timelines.asOfMs - lastStatusChange(input, i)) / MS_PER_DAY,
      band: bandOf(ageDays, flowTime),
    })
  }
  items.sort((a, b) => b.ageDays - a.ageDays)
  return { items, flowTime }
}
