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
  const { pairs, periods, itemGroup, groupCount } = params
  const periodCount = Math.max(0, periods.length - 1)
  const acc = createAccumulator(groupCount, periodCount)
  const out = {
    pairWaitMs: new Float64Array(pairs.dependent.length),
    itemWaitingMs: new Float64Array(n),
    itemAttributedMs: new Float64Array(n),
    groupProgressMs: new Float64Array(Math.max(0, groupCount) * periodCount),
    internalWaitMs: 0,
  }
  const usable = (i: number) =>
    timelines.included[i] === 1 && input.mapping.excludedItems?.[i] !== 1
  const range = { from: periods[0] ?? 0, to: periods[periodCount] ?? 0 }
  const item: Item = { d: 0, first: 0, last: 0, start: 0, end: 0, usable }
  const ctx = { ...params, out, acc, item }
  const visit = (from: number, to: number) => {
    out.itemWaitingMs[item.d]! += to - from
    attribute(input, ctx, from, to)
  }
  let k = 0
  for (let d = 0; d < n; d++) {
    const first = k
    while (k < pairs.dependent.length && pairs.dependent[k]! === d) k++
    if (!usable(d) || params.counted?.[d] === 0 || timelines.flowItem[d]! >= SUPPORTING) continue
    const start = timelines.startMs[d]!
    if (!isKnown(start)) continue
    const end = isKnown(timelines.endMs[d]!) ? timelines.endMs[d]! : timelines.asOfMs
    addProgress(out.groupProgressMs, { group: itemGroup[d]!, periods, periodCount }, start, end)
    Object.assign(item, { d, first, last: k, start, end })
    waitStretches(input, item, range, visit)
  }
  return { ...out, edges: acc.edges() }
}

type Item = {
  d: number
  first: number
  last: number
  start: number
  end: number
  usable: (i: number) => boolean
}

function waitStretches(
  input: FlowInput,
  item: Item,
  range: { from: number; to: number },
  visit: (from: number, to: number) => void,
) {
  const { dataset, mapping, timelines } = input
  const table = mapping.stateTables[mapping.itemStateTable[item.d] ?? 0]!
  const walk = { dataset, item: item.d, asOfMs: timelines.asOfMs, openEndMs: item.end }
  walkStatusStretches(walk, (status, from, to) => {
    if (table[status] !== STATE_WAITING) return
    const a = Math.max(from, item.start, range.from)
    const b = Math.min(to, item.end, range.to)
    if (b > a) visit(a, b)
  })
}

function addProgress(
  target: Float64Array,
  at: { group: number; periods: Float64Array; periodCount: number },
  start: number,
  end: number,
) {
  if (at.group < 0) return
  for (let p = 0; p < at.periodCount; p++) {
    const a = Math.max(start, at.periods[p]!)
    const b = Math.min(end, at.periods[p + 1]!)
    if (b > a) target[at.group * at.periodCount + p]! += b - a
  }
}

/** When blocker `b` stops holding up: its end, or never while it has not ended. */
function closingMs(input: FlowInput, b: number): number {
  const end = input.timelines.endMs[b]!
  return isKnown(end) ? end : Infinity
}

/** Whether blocker `b` is open at `t`: usable, created at or before `t`, not ended by `t`. */
function isOpenAt(input: FlowInput, item: Item, b: number, t: number): boolean {
  return item.usable(b) && input.dataset.createdMs[b]! <= t && closingMs(input, b) > t
}

const scratch = { cuts: new Float64Array(64) }

/** Splits `[from, to)` at blockers' opening/closing and period boundaries, sharing each slice. */
function attribute(
  input: FlowInput,
  ctx: DependencyWaitsParameters & {
    out: { pairWaitMs: Float64Array; itemAttributedMs: Float64Array; internalWaitMs: number }
    acc: Accumulator
    item: Item
  },
  from: number,
  to: number,
) {
  const { item, pairs, periods } = ctx
  const { createdMs } = input.dataset
  const closes = (b: number) => closingMs(input, b)
  const needed = 2 * (item.last - item.first) + periods.length + 2
  if (scratch.cuts.length < needed) scratch.cuts = new Float64Array(needed * 2)
  const cuts = scratch.cuts
  let c = 0
  cuts[c++] = from
  cuts[c++] = to
  const inside = (t: number) => t > from && t < to
  for (let k = item.first; k < item.last; k++) {
    const b = pairs.blocker[k]!
    if (!item.usable(b)) continue
    if (inside(createdMs[b]!)) cuts[c++] = createdMs[b]!
    if (inside(closes(b))) cuts[c++] = closes(b)
  }
  for (let p = 0; p < periods.length; p++) if (inside(periods[p]!)) cuts[c++] = periods[p]!
  const sorted = cuts.subarray(0, c).sort()
  for (let s = 0; s + 1 < sorted.length; s++) {
    const t0 = sorted[s]!
    const t1 = sorted[s + 1]!
    if (t1 <= t0) continue
    const open = (b: number) => isOpenAt(input, item, b, t0)
    let count = 0
    for (let k = item.first; k < item.last; k++) if (open(pairs.blocker[k]!)) count++
    if (count === 0) continue
    const share = (t1 - t0) / count
    const period = findPeriodIndex(periods, t0)
    const down = ctx.itemGroup[item.d]!
    for (let k = item.first; k < item.last; k++) {
      const b = pairs.blocker[k]!
      if (!open(b)) continue
      const up = ctx.itemGroup[b]!
      if (up >= 0 && down >= 0 && up !== down) {
        ctx.out.pairWaitMs[k]! += share
        ctx.out.itemAttributedMs[item.d]! += share
        ctx.acc.add({ up, down, period, item: item.d }, share)
      } else ctx.out.internalWaitMs += share
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
