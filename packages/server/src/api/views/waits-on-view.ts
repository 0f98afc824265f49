import { MS_PER_DAY, blockerEnd, computeDependencyWaits } from '@openvmo/core'
import type { FlowInput } from '../engine'
import type { StateStretch, WaitsOnResponse } from '../schemas/item-schemas'
import { findItemIndex } from './item-lookup'
import { itemSummary } from './item-search-view'
import type { JourneyGraph } from './journey-graph'
import { nodeId } from './journey-graph'
import type { JourneyNodeOf } from './item-journey-view'

const isKnown = (ms: number | undefined): ms is number => ms !== undefined && ms === ms

type Blocker = WaitsOnResponse['blockers'][number]
type Link = Blocker['blockedBy'][number]

/** The items that hold `id` up through the graph's edges, each once (first link wins). */
function blockersIn(
  input: FlowInput,
  at: { graph: JourneyGraph; id: string; nodeOf: JourneyNodeOf },
): Link[] {
  const out: Link[] = []
  const seen = new Set<string>()
  for (const edge of at.graph.edges) {
    const end = blockerEnd(edge, at.id)
    const other = end === null ? undefined : edge[end]
    const entry = other === undefined ? undefined : at.graph.nodes.get(other)
    if (other === undefined || !entry || seen.has(other)) continue
    seen.add(other)
    const node = at.nodeOf(input, entry)
    const j = node.known ? findItemIndex(input.dataset, node.source, node.key) : -1
    const open = j < 0 || !isKnown(input.timelines.endMs[j])
    out.push({ ...node, link: edge.type, open })
  }
  return out.sort((a, b) => Number(b.open) - Number(a.open) || a.key.localeCompare(b.key))
}

/**
 * The item's waiting time (from its start to the as-of time) attributed to each of its blockers
 * by the rule of the dependency graph (docs/metrics.md, "Dependencies"): split equally among
 * the blockers open at each instant. Blockers not in the data get 0.
 */
function waitedMs(input: FlowInput, item: number, blockers: readonly Link[]): Float64Array {
  const indexes = blockers.map((b) =>
    b.known ? findItemIndex(input.dataset, b.source, b.key) : -1,
  )
  const known = indexes.filter((j) => j >= 0 && j !== item)
  // every blocker its own group and the item another, so that each share lands on its pair
  const itemGroup = new Int32Array(input.dataset.itemCount).fill(-1)
  itemGroup[item] = 0
  known.forEach((j, k) => (itemGroup[j] = k + 1))
  const pairs = {
    dependent: new Int32Array(known.length).fill(item),
    blocker: Int32Array.from(known).sort(),
  }
  const periods = Float64Array.of(-8.64e15, input.timelines.asOfMs)
  const waits = computeDependencyWaits(input, {
    pairs,
    itemGroup,
    groupCount: known.length + 1,
    periods,
  })
  return Float64Array.from(indexes, (j) => {
    const k = pairs.blocker.indexOf(j)
    return j >= 0 && k >= 0 ? (waits.pairWaitMs[k] ?? 0) : 0
  })
}

/**
 * What an item that has not ended waits on: its current status and the days in it, the linked
 * items that hold it up (open ones first, then by key), the waiting time each caused so far,
 * and what each of them waits on in turn (the next link of the chain, from the journey graph).
 * Null once the item has ended.
 */
export function waitsOnOf(
  input: FlowInput,
  options: {
    item: number
    timeline: readonly StateStretch[]
    graph: JourneyGraph
    nodeOf: JourneyNodeOf
  },
): WaitsOnResponse | null {
  const { item, timeline, graph, nodeOf } = options
  if (isKnown(input.timelines.endMs[item])) return null
  const current = timeline.at(-1)
  const asOf = input.timelines.asOfMs
  const self = nodeId(itemSummary(input.dataset, item))
  const direct = blockersIn(input, { graph, id: self, nodeOf })
  const waited = waitedMs(input, item, direct)
  const blockers = direct.map((b, k) => ({
    ...b,
    waitedDays: (waited[k] ?? 0) / MS_PER_DAY,
    blockedBy: blockersIn(input, { graph, id: nodeId(b), nodeOf }).filter(
      (next) => nodeId(next) !== self,
    ),
  }))
  return {
    status: current?.status ?? null,
    flowState: current?.flowState ?? null,
    days: current ? (asOf - Date.parse(current.from)) / MS_PER_DAY : null,
    blockers,
  }
}
