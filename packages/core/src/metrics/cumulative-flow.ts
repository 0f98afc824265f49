import type { FlowInput } from './flow-metrics-report'
import type { Selection } from '../engine/selection'
import { EVENT_STATUS } from '../model/flow-dataset'
import { EvenPeriodIndex, daysStartedBy } from '../time/periods'
import { unqualify } from '../model/dictionary'
import { FLOW_STATES } from '../model/flow-vocabulary'
import type { FlowState } from '../model/flow-vocabulary'

/** One band of the cumulative flow diagram: a tool state and its count at the end of each day. */
export interface CumulativeFlowBand {
  status: string
  source: string
  flowState: FlowState
  counts: Int32Array
}

/** Cumulative flow: per tool state, the number of items in it at the end of each day. */
export interface CumulativeFlow {
  /**
   * Day boundaries (midnights) in the zone; `days.length - 1` days: the days of the grid asked
   * for that start before the as-of time (a day that has not begun has no sample).
   */
  days: Float64Array
  /** Whether the last day is not over at the as-of time (sampled then, not at its end). */
  lastDayPartial: boolean
  /** Bands in workflow order (mapping order: new → waiting → active → done → canceled). */
  bands: CumulativeFlowBand[]
  /** The same counts summed per flow state. */
  byFlowState: Record<FlowState, Int32Array>
}

/**
 * **Cumulative flow**: the number of items in each state (ordered by the workflow) at the end of
 * each day, sampled like Flow Load (the state in effect during the last instant before midnight).
 * Items count from creation; items mapped to `supporting`/`ignored` types are left out. Only the
 * days of `days` that start before the as-of time are given; the day the as-of time falls in is
 * sampled at the as-of time and flagged `lastDayPartial`. Uses the default state mapping (rules
 * that override states apply to the flow-state totals).
 */
export function computeCumulativeFlow(
  input: FlowInput,
  selection: Selection,
  days: Float64Array,
): CumulativeFlow {
  const { dataset, mapping } = input
  const dayCount = days.length - 1
  // Difference rows: one per status id (plus a spare), then one per flow state from `stateRow`.
  const stateRow = dataset.statuses.size + 1
  const diff = new Int32Array((stateRow + 5) * (dayCount + 1))
  addStretches(input, selection, { days, diff, stateRow })
  const { statuses } = dataset
  const defaultTable = mapping.stateTables[0]!
  foldStatusRows(diff, { stride: days.length, statusCount: statuses.size, stateRow, defaultTable })
  const sampled = daysStartedBy(days, input.timelines.asOfMs)
  const accumulate = (row: number) => {
    const out = new Int32Array(sampled)
    let running = 0
    for (let d = 0; d < sampled; d++) out[d] = running += diff[row * (dayCount + 1) + d]!
    return out
  }
  const bands = Array.from(mapping.statusOrder, (status) => {
    const { source, name } = unqualify(dataset.statuses.valueOf(status))
    return {
      status: name,
      source,
      flowState: FLOW_STATES[mapping.stateTables[0]![status]!]!,
      counts: accumulate(status),
    }
  })
  const byFlowState = Object.fromEntries(
    FLOW_STATES.map((s, k) => [s, accumulate(stateRow + k)]),
  ) as Record<FlowState, Int32Array>
  const lastDayPartial = sampled > 0 && days[sampled]! > input.timelines.asOfMs
  return { days: days.slice(0, sampled + 1), lastDayPartial, bands, byFlowState }
}

// The status walk of `walkStatusStretches`, hand-inlined with locals only (no closures, no calls
// per event but the day lookup): it runs over every event of the selection (10M in the
// benchmark), where a callback per stretch, closure-captured counters and a division per day
// lookup were the measured cost. A stretch in status s from `a` to `b` adds +1 to days
// dayOf(a) .. dayOf(b) - 1 (clamped) in the row of s; the day of a stretch's end is the day of the
// next one's start, and the item's last stretch is the loop's last round (`e === end`). The
// flow-state rows are the status rows folded through the default state table at the end, so a
// stretch adds to the flow-state rows only when its item's table maps its status elsewhere (a
// rule's override): +1 there and -1 in the row the fold will add it to.
function addStretches(
  input: FlowInput,
  selection: Selection,
  out: { days: Float64Array; diff: Int32Array; stateRow: number },
): void {
  const { dataset, mapping, timelines } = input
  const { days, diff, stateRow } = out
  const { eventOffset, eventAt, eventKind, eventValue, initialStatus, createdMs } = dataset
  const { included, flowItem, currentStatus } = timelines
  const { stateTables, itemStateTable } = mapping
  const asOf = timelines.asOfMs
  const stride = days.length
  const openDay = days.length - 1 // dayOf.indexOf(Infinity)
  const dayOf = new EvenPeriodIndex(days)
  const defaultTable = stateTables[0]!
  const firstMidnight = days[0]!
  const lastMidnight = days[openDay]!
  const perMs = openDay / (lastMidnight - firstMidnight)
  for (let s = 0; s < selection.length; s++) {
    const i = selection[s]!
    if (!included[i] || flowItem[i]! >= 4) continue
    const table = stateTables[itemStateTable[i]!]!
    const overridden = table !== defaultTable
    let status = initialStatus[i]!
    let since = createdMs[i]!
    let sinceDay = dayOf.indexOf(since)
    const end = eventOffset[i + 1]!
    let e = eventOffset[i]!
    // Settled by the first midnight (created and last changed by then, as events are sorted): its
    // earlier stretches all add and take back 1 at day 0, so only its last stretch counts, in
    // its status as of the as-of time, over every day (the loop's last round alone).
    if (since <= firstMidnight && (e === end || eventAt[end - 1]! <= firstMidnight)) {
      status = currentStatus[i]!
      sinceDay = 0
      e = end
    }
    for (; e <= end; e++) {
      let atDay = openDay
      let next = status
      if (e < end) {
        if (eventKind[e] !== EVENT_STATUS) continue
        const at = eventAt[e]!
        if (at > asOf) e = end
        else {
          next = eventValue[e]!
          if (!(at > since)) {
            status = next
            continue
          }
          since = at
          // dayOf.indexOf(at) written out with the grid in locals (the method reloads its fields
          // at every call, and this runs per event): guess, correct by one, else ask it
          if (!(at >= firstMidnight)) atDay = -1
          else if (at < lastMidnight) {
            atDay = ((at - firstMidnight) * perMs) | 0
            if (atDay >= openDay) atDay = openDay - 1
            if (days[atDay]! > at) atDay = days[atDay - 1]! <= at ? atDay - 1 : dayOf.indexOf(at)
            else if (days[atDay + 1]! <= at)
              atDay = days[atDay + 2]! > at ? atDay + 1 : dayOf.indexOf(at)
          }
        }
      }
      // The stretch in `status` over days first .. stop - 1 (clamped to the days); a stretch within
      // one day adds and takes back 1 at the same index, cheaper than a mispredicted branch.
      const first = sinceDay < 0 ? 0 : sinceDay
      const stop = atDay < 0 ? 0 : atDay
      diff[status * stride + first]!++
      diff[status * stride + stop]!--
      if (overridden && first < stop && table[status] !== defaultTable[status]) {
        const to = (stateRow + table[status]!) * stride
        const from = (stateRow + defaultTable[status]!) * stride
        diff[to + first]!++
        diff[to + stop]!--
        diff[from + first]!--
        diff[from + stop]!++
      }
      status = next
      sinceDay = atDay
    }
  }
}

/** Adds each status row of `diff` to the row of its flow state in the default table. */
function foldStatusRows(
  diff: Int32Array,
  rows: { stride: number; statusCount: number; stateRow: number; defaultTable: Uint8Array },
): void {
  const { stride, statusCount, stateRow, defaultTable } = rows
  for (let status = 0; status < statusCount; status++) {
    const to = (stateRow + defaultTable[status]!) * stride
    const from = status * stride
    for (let d = 0; d < stride; d++) diff[to + d]! += diff[from + d]!
  }
}
