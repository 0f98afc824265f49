import type { ReadableStreams } from '../auth/stream-access'
import { isReadableName } from '../auth/stream-access'
import {
  FLOW_ITEM_MAPPINGS,
  FLOW_STATES,
  MS_PER_DAY,
  QUALITY_FLAG_TEXT,
  UNMAPPED,
  forecastThroughLinks,
  unqualify,
} from '@openvmo/core'
import type { DeliveryGraph, FlowState } from '@openvmo/core'
import type { FlowInput, Selection } from '../engine'
import { computeFlowTime, indexCompletions, selectItems, walkStatusStretches } from '../engine'
import type { FlowSnapshot } from '../flow-snapshot'
import type { ItemJourneyResponse, JourneyNode, StateStretch } from '../schemas/item-schemas'
import { findItemIndex } from './item-lookup'
import { itemSummary } from './item-search-view'
import type { JourneyGraph } from './journey-graph'
import { waitsOnOf } from './waits-on-view'
import { instantText } from './view-context'
import { isQualityFlag } from '../../store/stored-findings'

/** The window of completions an item is compared with: the last 90 days. */
export const ITEM_HISTORY_DAYS = 90

const isKnown = (ms: number | undefined): ms is number => ms !== undefined && ms === ms

/** The flow state of `status` for item `i`; null when the mapping leaves it unmapped. */
function stateName(input: FlowInput, i: number, status: number): FlowState | null {
  const table = input.mapping.stateTables[input.mapping.itemStateTable[i] ?? 0]
  return FLOW_STATES[table?.[status] ?? UNMAPPED] ?? null
}

function timelineOf(input: FlowInput, i: number): StateStretch[] {
  const { dataset, timelines } = input
  const out: StateStretch[] = []
  const walk = { dataset, item: i, asOfMs: timelines.asOfMs, openEndMs: Infinity }
  walkStatusStretches(walk, (status, from, to) => {
    out.push({
      status: unqualify(dataset.statuses.valueOf(status)).name,
      flowState: stateName(input, i, status),
      from: instantText(from),
      to: to === Infinity ? null : instantText(to),
    })
  })
  return out
}

function timePerState(input: FlowInput, timeline: readonly StateStretch[]) {
  const asOf = input.timelines.asOfMs
  const totals = new Map<string, { status: string; flowState: FlowState | null; days: number }>()
  for (const stretch of timeline) {
    const to = stretch.to === null ? asOf : Date.parse(stretch.to)
    const entry = totals.get(stretch.status) ?? { ...stretch, days: 0 }
    entry.days += (to - Date.parse(stretch.from)) / MS_PER_DAY
    totals.set(stretch.status, {
      status: entry.status,
      flowState: entry.flowState,
      days: entry.days,
    })
  }
  return [...totals.values()]
}

function streamsOf(input: FlowInput, i: number) {
  return input.mapping.valueStreams.filter((s) => s.items.includes(i))
}

function streamFlowTime(input: FlowInput, selection: Selection) {
  const asOf = input.timelines.asOfMs
  const window = Float64Array.of(asOf - ITEM_HISTORY_DAYS * MS_PER_DAY, asOf + 1)
  const index = indexCompletions(input.timelines, selection, window)
  return computeFlowTime(input.timelines, index, { first: 0, last: 1 })
}

/** How a journey node is made from a graph entry (the waits-on view uses it too). */
export type JourneyNodeOf = typeof nodeOf

function nodeOf(
  input: FlowInput,
  entry: { id: { source: string; key: string }; depth: number },
): JourneyNode {
  const j = findItemIndex(input.dataset, entry.id.source, entry.id.key)
  if (j < 0) {
    const none = { title: null, url: null, type: null, status: null, flowState: null }
    return { ...entry.id, ...none, known: false, depth: entry.depth }
  }
  const summary = itemSummary(input.dataset, j, input.timelines.asOfMs)
  const flowState = input.mapping.excludedItems?.[j]
    ? null
    : (FLOW_STATES[input.timelines.currentState[j] ?? 0] ?? null)
  return { ...summary, flowState, known: true, depth: entry.depth }
}

/**
 * `GET /items/{source}/{key}`: where's my thing. The item, its current state and flow state, its
 * state timeline and time per state, its age against the flow-time percentiles of its first value
 * stream's completions of the last 90 days (all items when it is in no stream), its linked
 * journey, and its forecast through its links (the same as `vmo forecast item`). With
 * `readable`, the streams named and compared with are those the reader may see.
 */
export function itemJourneyView(
  snapshot: FlowSnapshot,
  options: {
    item: number
    asOfMs: number
    graph: JourneyGraph
    delivery: DeliveryGraph
    findings: StoredItemFindings
    /** The streams the reader may see (null: all): only they are named and compared with. */
    readable?: ReadableStreams
  },
): ItemJourneyResponse {
  const input = snapshot.input(options.asOfMs)
  const { dataset, timelines } = input
  const i = options.item
  const readable = options.readable ?? null
  const streams = streamsOf(input, i).filter((s) => isReadableName(readable, s.name))
  const selection = streams[0]?.items ?? selectItems(dataset, input.mapping, {})
  const start = timelines.startMs[i]
  const end = timelines.endMs[i]
  const timeline = timelineOf(input, i)
  const summary = itemSummary(dataset, i, options.asOfMs)
  const team = dataset.itemTeam[i] ?? -1
  const project = dataset.itemProject[i] ?? -1
  return {
    asOf: instantText(options.asOfMs),
    item: {
      ...summary,
      created: instantText(dataset.createdMs[i] ?? 0),
      project: project >= 0 ? dataset.projects.valueOf(project) : null,
      team: team >= 0 ? dataset.teams.valueOf(team) : null,
      parent: dataset.itemParent[i] ?? null,
      labels: [...(dataset.itemLabels[i] ?? [])],
    },
    flowItem: FLOW_ITEM_MAPPINGS[timelines.flowItem[i] ?? 0] ?? 'feature',
    flowState: input.mapping.excludedItems?.[i]
      ? null
      : (FLOW_STATES[timelines.currentState[i] ?? 0] ?? 'new'),
    start: isKnown(start) ? instantText(start) : null,
    end: isKnown(end) ? instantText(end) : null,
    ageDays: isKnown(start) ? ((isKnown(end) ? end : options.asOfMs) - start) / MS_PER_DAY : null,
    timeline,
    timePerState: timePerState(input, timeline),
    valueStreams: streams.map((s) => s.name),
    streamFlowTime: streamFlowTime(input, selection),
    links: {
      nodes: [...options.graph.nodes.values()].map((entry) => nodeOf(input, entry)),
      edges: options.graph.edges,
    },
    forecast: forecastThroughLinks(input, { item: i, delivery: options.delivery }),
    waitsOn: waitsOnOf(input, { item: i, timeline, graph: options.graph, nodeOf }),
    dataQuality: {
      asOf: options.findings.asOf,
      findings: options.findings.flags
        .filter(isQualityFlag)
        .map((flag) => ({ flag, rule: QUALITY_FLAG_TEXT[flag] })),
    },
  }
}

/** An item's stored data-quality findings and as of when they were computed (null: never). */
export interface StoredItemFindings {
  asOf: string | null
  flags: string[]
}
