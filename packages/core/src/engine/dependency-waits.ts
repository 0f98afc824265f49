import type { FlowInput } from '../metrics/flow-metrics-report'
import { STATE_WAITING, SUPPORTING } from '../model/flow-vocabulary'
import { findPeriodIndex } from '../time/periods'
import type { DependencyPairs } from './dependency-links'
import { walkStatusStretches } from './status-walk'

/** What {@link computeDependencyWaits} groups items by (teams or value streams) and counts. */
export interface DependencyWaitsParameters {
  pairs: DependencyPairs
  /** The group (team or value stream) of each item, -1 for none. */
  itemGroup: Int32Array
  groupCount: number
  /** Ascending period boundaries (epoch ms); waits outside `[first, last)` are not counted. */
  periods: Float64Array
  /** 1 for the items whose waits are counted (the scope), absent for all. */
  counted?: Uint8Array
}

/** One edge of the dependency graph: `upstream` held up items of `downstream`. */
export interface DependencyEdge {
  upstream: number
  downstream: number
  /** Wait attributed to this edge per period (ms). */
  periodWaitMs: Float64Array
  totalWaitMs: number
  /** Distinct downstream items with a wait attributed to this edge. */
  itemCount: number
}

/** The result of {@link computeDependencyWaits}. */
export interface DependencyWaits {
  /** Edges by total wait, heaviest first (then by upstream, downstream). */
  edges: DependencyEdge[]
  /** Wait attributed to each pair of the input (ms), aligned with `pairs`. */
  pairWaitMs: Float64Array
  /** Per item: its time in `waiting` within the periods (ms; 0 for items not counted). */
  itemWaitingMs: Float64Array
  /** Per item: its waiting time attributed to blockers in other groups (ms). */
  itemAttributedMs: Float64Array
  /** Per group: its counted items' time in progress within the periods (ms), per period. */
  groupProgressMs: Float64Array
  /** Waiting time attributed to blockers in the item's own group or in none (ms). */
  internalWaitMs: number
}

const isKnown = (ms: number) => ms === ms

/**
 * Dependency waits (docs/metrics.md, "Dependencies"): for each counted Flow Item (supporting and
 * ignored items wait on nothing, as they count nowhere; they may block) that has started,
 * every instant of its time in a `waiting` flow state (between its start and its end, or the
 * as-of time) during which at least one item it depends on is open (created and not ended) is
 * split EQUALLY among the blockers open at that instant. A blocker's share goes to the edge
 * (blocker's group → item's group) when the groups differ and both exist, else to
 * `internalWaitMs`. So an item's attributed wait never exceeds its waiting time, and the edges'
 * totals sum to the attributed waits of all items. Items excluded by the mapping or created after
 * the as-of time neither wait nor block. Allocation per dependent item is constant (scratch arrays).
 */
export function computeDependencyWaits(
  input: FlowInput,
  params: DependencyWaitsParameters,
): DependencyWaits {
  const { dataset, timelines } = input
  const n = dataset.itemCount
  const { pairs, periods, groupCount } = params
  const periodCount = Math.max(0, periods.length - 1)
  const run: Run = {
    input,
    params,
    acc: createAccumulator(groupCount, periodCount),
    out: {
      pairWaitMs: new Float64Array(pairs.dependent.length),
      itemWaitingMs: new Float64Array(n),
      itemAttributedMs: new Float64Array(n),
      groupProgressMs: new Float64Array(Math.max(0, groupCount) * periodCount),
      internalWaitMs: 0,
    },
    item: { d: 0, first: 0, last: 0, start: 0, end: 0 },
    range: { from: periods[0] ?? 0, to: periods[periodCount] ?? 0 },
  }
  let k = 0
  for (let d = 0; d < n; d++) {
    const first = k
    while (k < pairs.dependent.length && pairs.dependent[k] === d) k++
    if (!isUsable(input, d) || params.counted?.[d] === 0) continue
    if ((timelines.flowItem[d] ?? SUPPORTING) >= SUPPORTING) continue
    const start = timelines.startMs[d] ?? NaN
    if (!isKnown(start)) continue
    const ended = timelines.endMs[d] ?? NaN
    Object.assign(run.item, {
      d,
      first,
      last: k,
      start,
      end: isKnown(ended) ? ended : timelines.asOfMs,
    })
    addProgress(run)
    waitStretches(run)
  }
  return { ...run.out, edges: run.acc.edges() }
}

/** The state of one computation: its input, results so far and the dependent item at hand. */
interface Run {
  input: FlowInput
  params: DependencyWaitsParameters
  acc: Accumulator
  out: Omit<DependencyWaits, 'edges'>
  /** The dependent item: its index, its pairs `first..last-1`, its start and end (or as-of). */
  item: { d: number; first: number; last: number; start: number; end: number }
  range: { from: number; to: number }
}

/** Whether item `i` takes part: created by the as-of time and not excluded by the mapping. */
function isUsable(input: FlowInput, i: number): boolean {
  return input.timelines.included[i] === 1 && input.mapping.excludedItems?.[i] !== 1
}

/** Visits the item's stretches in `waiting` within its start–end and the periods. */
function waitStretches(run: Run) {
  const { dataset, mapping, timelines } = run.input
  const { item, range } = run
  const table = mapping.stateTables[mapping.itemStateTable[item.d] ?? 0]
  const walk = { dataset, item: item.d, asOfMs: timelines.asOfMs, openEndMs: item.end }
  walkStatusStretches(walk, (status, from, to) => {
    if (table?.[status] !== STATE_WAITING) return
    const a = Math.max(from, item.start, range.from)
    const b = Math.min(to, item.end, range.to)
    if (b <= a) return
    run.out.itemWaitingMs[item.d] = (run.out.itemWaitingMs[item.d] ?? 0) + (b - a)
    attribute(run, a, b)
  })
}

/** Adds the item's time in progress to its group, per period. */
function addProgress(run: Run) {
  const { item, params } = run
  const group = params.itemGroup[item.d] ?? -1
  if (group < 0) return
  const periods = params.periods
  const count = periods.length - 1
  for (let p = 0; p < count; p++) {
    const a = Math.max(item.start, periods[p] ?? 0)
    const b = Math.min(item.end, periods[p + 1] ?? 0)
    const at = group * count + p
    if (b > a) run.out.groupProgressMs[at] = (run.out.groupProgressMs[at] ?? 0) + (b - a)
  }
}

/** When blocker `b` stops holding up: its end, or never while it has not ended. */
function closingMs(input: FlowInput, b: number): number {
  const end = input.timelines.endMs[b] ?? NaN
  return isKnown(end) ? end : Infinity
}

/** Whether blocker `b` is open at `t`: usable, created at or before `t`, not ended by `t`. */
function isOpenAt(input: FlowInput, b: number, t: number): boolean {
  return (
    isUsable(input, b) && (input.dataset.createdMs[b] ?? Infinity) <= t && closingMs(input, b) > t
  )
}

const scratch = { cuts: new Float64Array(64) }

/** The instants where `[from, to)` must be cut: blockers opening or closing, period boundaries. */
function cutsOf(run: Run, from: number, to: number): Float64Array {
  const { item, params, input } = run
  const needed = 2 * (item.last - item.first) + params.periods.length + 2
  if (scratch.cuts.length < needed) scratch.cuts = new Float64Array(needed * 2)
  const cuts = scratch.cuts
  let c = 0
  cuts[c++] = from
  cuts[c++] = to
  const add = (t: number) => {
    if (t > from && t < to) cuts[c++] = t
  }
  for (let k = item.first; k < item.last; k++) {
    const b = params.pairs.blocker[k] ?? -1
    if (!isUsable(input, b)) continue
    add(input.dataset.createdMs[b] ?? NaN)
    add(closingMs(input, b))
  }
  for (const t of params.periods) add(t)
  return cuts.subarray(0, c).sort()
}

/** Splits the wait `[from, to)` into slices and shares each among the blockers open in it. */
function attribute(run: Run, from: number, to: number) {
  const { item, params, input, out } = run
  const { blocker } = params.pairs
  const cuts = cutsOf(run, from, to)
  const down = params.itemGroup[item.d] ?? -1
  for (let s = 0; s + 1 < cuts.length; s++) {
    const t0 = cuts[s] ?? 0
    const t1 = cuts[s + 1] ?? 0
    if (t1 <= t0) continue
    let count = 0
    for (let k = item.first; k < item.last; k++) if (isOpenAt(input, blocker[k] ?? -1, t0)) count++
    if (count === 0) continue
    const share = (t1 - t0) / count
    const period = findPeriodIndex(params.periods, t0)
    for (let k = item.first; k < item.last; k++) {
      const b = blocker[k] ?? -1
      if (!isOpenAt(input, b, t0)) continue
      const up = params.itemGroup[b] ?? -1
      if (up >= 0 && down >= 0 && up !== down) {
        out.pairWaitMs[k] = (out.pairWaitMs[k] ?? 0) + share
        out.itemAttributedMs[item.d] = (out.itemAttributedMs[item.d] ?? 0) + share
        run.acc.add({ up, down, period, item: item.d }, share)
      } else out.internalWaitMs += share
    }
  }
}

type Accumulator = ReturnType<typeof createAccumulator>

/** Edge sums keyed by (upstream, downstream), with per-period waits and distinct items. */
function createAccumulator(groupCount: number, periodCount: number) {
  const index = new Map<number, number>()
  const edges: (DependencyEdge & { lastItem: number })[] = []
  return {
    add(at: { up: number; down: number; period: number; item: number }, ms: number) {
      const key = at.up * groupCount + at.down
      let e = index.get(key)
      if (e === undefined) {
        e = edges.length
        index.set(key, e)
        const periodWaitMs = new Float64Array(periodCount)
        edges.push({
          upstream: at.up,
          downstream: at.down,
          periodWaitMs,
          totalWaitMs: 0,
          itemCount: 0,
          lastItem: -1,
        })
      }
      const edge = edges[e]!
      edge.totalWaitMs += ms
      if (at.period >= 0 && at.period < periodCount) edge.periodWaitMs[at.period]! += ms
      if (edge.lastItem !== at.item) {
        edge.itemCount++
        edge.lastItem = at.item
      }
    },
    edges(): DependencyEdge[] {
      return edges
        .map(({ lastItem: _, ...edge }) => edge)
        .sort(
          (a, b) =>
            b.totalWaitMs - a.totalWaitMs || a.upstream - b.upstream || a.downstream - b.downstream,
        )
    },
  }
}
