import type { FlowInput } from './flow-metrics-report'
import type { CompletionIndex } from '../engine/completions'
import { EVENT_STATUS } from '../model/flow-dataset'
import { unqualify } from '../model/dictionary'
import { FLOW_STATES, STATE_ACTIVE, STATE_NEW, STATE_WAITING } from '../model/flow-vocabulary'
import type { FlowState } from '../model/flow-vocabulary'
import { summarizeUnsorted } from '../stats/percentile'
import { MS_PER_DAY } from '../time/instant'

/** Time spent in one tool state by the completed items of a range. */
export interface StateTime {
  status: string
  source: string
  flowState: FlowState
  /** Total days spent there between start and end, over all items. */
  totalDays: number
  /** Number of separate visits (an item may come back). */
  visits: number
  /** Items that visited it at least once. */
  items: number
  /** Per-visit duration statistics in days. */
  visitDays: { mean: number; p50: number; p85: number; p95: number; max: number } | null
  /** totalDays ÷ total flow time of the range's completed items. */
  shareOfFlowTime: number | null
  /** For waiting states (and `new` after the start): totalDays ÷ all waiting time; else null. */
  waitShare: number | null
}

/** Time in state of the items completed in a range. */
export interface TimeInState {
  completedItems: number
  flowDays: number
  /** Tool states in workflow order; only states visited between start and end. */
  states: StateTime[]
  /** Totals per flow state; `new` here is time back in the backlog after the start. */
  flowStates: Record<'new' | 'waiting' | 'active', { totalDays: number; share: number | null }>
}

const isWaitLike = (state: number) => state === STATE_WAITING || state === STATE_NEW

/** Per-status and per-flow-state sums of the visits of a range's completed items. */
interface VisitTotals {
  /** Per status id: total ms, visits, and items that visited it. */
  totalMs: Float64Array
  visitCount: Int32Array
  itemCount: Int32Array
  /** Per flow state: total ms. */
  byFlow: Float64Array
  flowMs: number
}

/**
 * What a walk over the visits does: sum them (`days` null), or, once the counts are known, write
 * each visit's days into `days` grouped by status id at `cursor[status]` (walk order within a
 * status). The walk is the same both times, so the grouping follows the sums' order exactly.
 */
interface VisitAccumulator extends VisitTotals {
  /** The item being walked and its state table, set by the walk for {@link addVisit}. */
  item: number
  table: Uint8Array
  /** Per status id: the last item counted in `itemCount`. */
  lastItem: Int32Array
  days: Float64Array | null
  cursor: Int32Array
}

function addVisit(acc: VisitAccumulator, status: number, ms: number): void {
  if (acc.days !== null) {
    acc.days[acc.cursor[status]!++] = ms / MS_PER_DAY
    return
  }
  acc.totalMs[status]! += ms
  acc.visitCount[status]!++
  if (acc.lastItem[status] !== acc.item) acc.itemCount[status]!++
  acc.lastItem[status] = acc.item
  acc.byFlow[acc.table[status]!]! += ms
}

function createAccumulator(input: FlowInput): VisitAccumulator {
  const { statuses } = input.dataset
  return {
    totalMs: new Float64Array(statuses.size),
    visitCount: new Int32Array(statuses.size),
    itemCount: new Int32Array(statuses.size),
    byFlow: new Float64Array(5),
    flowMs: 0,
    item: -1,
    table: input.mapping.stateTables[0]!,
    lastItem: new Int32Array(statuses.size).fill(-1),
    days: null,
    cursor: new Int32Array(statuses.size),
  }
}

// The status walk of `walkStatusStretches`, inlined: it runs over every event of the completed
// items, and a closure per item pushing into one JS array per status was the measured cost. Sums
// add up in the same order as the walk's callbacks did, so every figure is identical to the bit.
function walkVisits(input: FlowInput, items: Uint32Array, acc: VisitAccumulator): void {
  const { dataset, mapping, timelines } = input
  const { eventOffset, eventAt, eventKind, eventValue } = dataset
  for (let k = 0; k < items.length; k++) {
    const i = items[k]!
    const start = timelines.startMs[i]!
    const end = timelines.endMs[i]!
    acc.item = i
    acc.table = mapping.stateTables[mapping.itemStateTable[i]!]!
    if (acc.days === null) acc.flowMs += end - start
    let status = dataset.initialStatus[i]!
    let since = dataset.createdMs[i]!
    for (let e = eventOffset[i]!; e < eventOffset[i + 1]!; e++) {
      if (eventKind[e] !== EVENT_STATUS) continue
      const at = eventAt[e]!
      if (at > timelines.asOfMs) break
      if (at > since) {
        const ms = Math.min(at, end) - Math.max(since, start)
        if (ms > 0) addVisit(acc, status, ms)
        since = at
      }
      status = eventValue[e]!
    }
    const ms = end - Math.max(since, start)
    if (end > since && ms > 0) addVisit(acc, status, ms)
  }
}

/**
 * The sums of the visits, and their days grouped by status id (`offset[s] .. offset[s + 1] - 1`)
 * in walk order: the statistics are found by selection, not sorting, since there can be millions
 * of visits. Two walks (sum and count, then place) instead of one that keeps every visit with its
 * status and groups them after: half the memory, and measured faster at millions of visits.
 */
function sumVisits(
  input: FlowInput,
  items: Uint32Array,
): { totals: VisitTotals; days: Float64Array; offset: Int32Array } {
  const acc = createAccumulator(input)
  walkVisits(input, items, acc)
  const statusCount = acc.visitCount.length
  const offset = new Int32Array(statusCount + 1)
  for (let s = 0; s < statusCount; s++) offset[s + 1] = offset[s]! + acc.visitCount[s]!
  acc.cursor.set(offset.subarray(0, statusCount))
  acc.days = new Float64Array(offset[statusCount]!)
  walkVisits(input, items, acc)
  return { totals: acc, days: acc.days, offset }
}

/**
 * **Time in state**: for each tool state and each flow state, the total and per-visit durations of
 * the completed items of periods `range.first .. range.last - 1` between their start and end, and
 * the share of flow time spent there. A state's **wait share** is its share of all waiting time
 * (waiting states plus `new` after the start): the bottleneck candidates.
 */
export function computeTimeInState(
  input: FlowInput,
  index: CompletionIndex,
  range: { first: number; last: number },
): TimeInState {
  const { dataset, mapping } = input
  const items = index.items.subarray(index.offset[range.first]!, index.offset[range.last]!)
  const { totals, days, offset } = sumVisits(input, items)
  const { totalMs: total, visitCount, itemCount, byFlow, flowMs } = totals
  const waitMs = byFlow[STATE_WAITING]! + byFlow[STATE_NEW]!
  const share = (ms: number, of: number) => (of > 0 ? ms / of : null)
  const states: StateTime[] = []
  for (const status of mapping.statusOrder) {
    if (visitCount[status] === 0) continue
    const { source, name } = unqualify(dataset.statuses.valueOf(status))
    const flowState = mapping.stateTables[0]![status]!
    const stats = summarizeUnsorted(days.subarray(offset[status]!, offset[status + 1]!))
    states.push({
      status: name,
      source,
      flowState: FLOW_STATES[flowState]!,
      totalDays: total[status]! / MS_PER_DAY,
      visits: visitCount[status]!,
      items: itemCount[status]!,
      visitDays: stats && {
        mean: stats.mean,
        p50: stats.p50,
        p85: stats.p85,
        p95: stats.p95,
        max: stats.max,
      },
      shareOfFlowTime: share(total[status]!, flowMs),
      waitShare: isWaitLike(flowState) ? share(total[status]!, waitMs) : null,
    })
  }
  const flowState = (s: number) => ({
    totalDays: byFlow[s]! / MS_PER_DAY,
    share: share(byFlow[s]!, flowMs),
  })
  return {
    completedItems: index.offset[range.last]! - index.offset[range.first]!,
    flowDays: flowMs / MS_PER_DAY,
    states,
    flowStates: {
      new: flowState(STATE_NEW),
      waiting: flowState(STATE_WAITING),
      active: flowState(STATE_ACTIVE),
    },
  }
}
