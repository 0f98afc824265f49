import type { DependencyWaits } from '@openvmo/core'
import { MS_PER_DAY, computeDependencyWaits, createDependencyPairs } from '@openvmo/core'
import type { ReadableStreams } from '../auth/stream-access'
import type { DependencyGraphResponse } from '../schemas/dependency-schemas'
import type { DependencyGrouping, DependencyGroups } from './dependency-groups'
import { dependencyGroups } from './dependency-groups'
import { findItemIndex, itemRefOf } from './item-lookup'
import { RESTRICTED_SOURCE } from './journey-redaction'
import type { ViewContext } from './view-context'
import { instantText, resultContext } from './view-context'

/** Dependency links resolved to dataset indexes (-1: not in the data), structured-clone safe. */
export interface ResolvedLinks {
  from: Int32Array
  to: Int32Array
  types: string[]
}

/** At most this many waiting items are listed per edge (heaviest waits first). */
export const EDGE_ITEM_LIMIT = 100

const days = (ms: number) => ms / MS_PER_DAY

/** Every item's parent in the data (-1: none or not in the data). */
function parentsOf(ctx: ViewContext): Int32Array {
  const { dataset } = ctx.input
  const out = new Int32Array(dataset.itemCount).fill(-1)
  for (let i = 0; i < dataset.itemCount; i++) {
    const parent = dataset.itemParent[i]
    if (parent === undefined) continue
    const source = dataset.sources.valueOf(dataset.itemSource[i] ?? 0)
    out[i] = findItemIndex(dataset, source, parent)
  }
  return out
}

/**
 * `GET /dependencies` and `vmo deps`: the graph of teams (or value streams) whose open items held
 * up the scope's items while those waited (docs/metrics.md, "Dependencies"), per edge the wait it
 * caused per period and in total, the items held up and the share of the downstream group's time
 * in progress. Groups and items the reader may not see are never named.
 */
export function dependenciesView(
  ctx: ViewContext,
  args: { links: ResolvedLinks; by: DependencyGrouping; readable: ReadableStreams },
): DependencyGraphResponse {
  const { input, periods } = ctx
  const groups = dependencyGroups(input, { by: args.by, readable: args.readable })
  const counted = new Uint8Array(input.dataset.itemCount)
  for (const i of ctx.selection) counted[i] = 1
  const pairs = createDependencyPairs(args.links, parentsOf(ctx))
  const groupCount = groups.names.length
  const waits = computeDependencyWaits(input, {
    pairs,
    itemGroup: groups.itemGroup,
    groupCount,
    periods,
    counted,
  })
  const periodCount = periods.length - 1
  const progress = (g: number) => {
    let ms = 0
    for (let p = 0; p < periodCount; p++) ms += waits.groupProgressMs[g * periodCount + p] ?? 0
    return ms
  }
  const itemsOf = edgeItems(ctx, { pairs, waits, groups })
  const edges = waits.edges.map((edge) => {
    const listed = itemsOf(edge.upstream, edge.downstream)
    const downstreamMs = progress(edge.downstream)
    return {
      upstream: groups.names[edge.upstream] ?? null,
      downstream: groups.names[edge.downstream] ?? null,
      waitDays: days(edge.totalWaitMs),
      itemCount: edge.itemCount,
      shareOfDownstreamTime: downstreamMs > 0 ? edge.totalWaitMs / downstreamMs : null,
      periodWaitDays: Array.from(edge.periodWaitMs, days),
      items: listed.slice(0, EDGE_ITEM_LIMIT),
    }
  })
  let waitingMs = 0
  let attributedMs = 0
  let progressMs = 0
  for (const i of ctx.selection) {
    waitingMs += waits.itemWaitingMs[i] ?? 0
    attributedMs += waits.itemAttributedMs[i] ?? 0
  }
  for (let g = 0; g < groupCount; g++) progressMs += progress(g)
  return {
    ...resultContext(ctx),
    by: args.by,
    periods: Array.from({ length: periodCount }, (_, p) => {
      const end = periods[p + 1] ?? 0
      return {
        start: instantText(periods[p] ?? 0),
        end: instantText(end),
        partial: end > input.timelines.asOfMs,
      }
    }),
    total: {
      waitingDays: days(waitingMs),
      attributedDays: days(attributedMs),
      internalDays: days(waits.internalWaitMs),
      shareOfProgressTime: progressMs > 0 ? attributedMs / progressMs : null,
      itemCount: ctx.selection.reduce(
        (n, i) => n + ((waits.itemAttributedMs[i] ?? 0) > 0 ? 1 : 0),
        0,
      ),
    },
    edges,
  }
}

type EdgeItem = DependencyGraphResponse['edges'][number]['items'][number]

/** The items held up along each edge, with their blockers on it, heaviest wait first. */
function edgeItems(
  ctx: ViewContext,
  at: {
    pairs: { dependent: Int32Array; blocker: Int32Array }
    waits: DependencyWaits
    groups: DependencyGroups
  },
) {
  const { dataset } = ctx.input
  const { pairs, waits, groups } = at
  const byEdge = new Map<string, Map<number, EdgeItem>>()
  const ref = (i: number) =>
    groups.visible && groups.visible[i] !== 1
      ? { source: RESTRICTED_SOURCE, key: 'restricted', title: null, url: null, restricted: true }
      : { ...itemRefOf(dataset, i), restricted: false }
  for (let k = 0; k < pairs.dependent.length; k++) {
    const ms = waits.pairWaitMs[k] ?? 0
    const d = pairs.dependent[k] ?? -1
    const b = pairs.blocker[k] ?? -1
    if (!(ms > 0) || d < 0 || b < 0) continue
    const edge = `${groups.itemGroup[b]}>${groups.itemGroup[d]}`
    const items = byEdge.get(edge) ?? new Map<number, EdgeItem>()
    byEdge.set(edge, items)
    const item = items.get(d) ?? { ...ref(d), waitDays: 0, blockers: [] }
    items.set(d, item)
    item.waitDays += days(ms)
    item.blockers.push({ ...ref(b), waitDays: days(ms) })
  }
  return (up: number, down: number): EdgeItem[] =>
    [...(byEdge.get(`${up}>${down}`)?.values() ?? [])].sort(
      (a, b) => b.waitDays - a.waitDays || a.key.localeCompare(b.key),
    )
}
