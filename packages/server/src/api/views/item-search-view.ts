import {
  EVENT_STATUS,
  EVENT_TYPE,
  FLOW_ITEM_TYPES,
  VmoError,
  isFlowItemType,
  isTerminalState,
  unqualify,
} from '@openvmo/core'
import type { FlowDataset } from '@openvmo/core'
import { scopeOf } from '../analysis-params'
import type { FlowInput } from '../engine'
import { selectScope } from '../engine'
import { instantText } from './view-context'
import type { ItemSearchResponse, ItemSummaryResponse } from '../schemas/item-schemas'
import { itemRefOf } from './item-lookup'

// One lowercase "key \n title \n text" haystack per dataset, built on the first search.
const haystacks = new WeakMap<FlowDataset, string[]>()

/** The searchable text of an item beyond key and title: its labels and its fields' text values. */
function textOf(dataset: FlowDataset, i: number): string {
  const parts = [...(dataset.itemLabels[i] ?? [])]
  for (const value of Object.values(dataset.itemFields[i] ?? {})) {
    if (typeof value === 'string') parts.push(value)
    else if (Array.isArray(value)) for (const v of value) if (typeof v === 'string') parts.push(v)
  }
  return parts.join('\n')
}

function haystackOf(dataset: FlowDataset): string[] {
  let haystack = haystacks.get(dataset)
  if (!haystack) {
    haystack = dataset.itemKey.map((key, i) =>
      `${key}\n${dataset.itemTitle[i] ?? ''}\n${textOf(dataset, i)}`.toLowerCase(),
    )
    haystacks.set(dataset, haystack)
  }
  return haystack
}

/** The status or type (by event kind) of item `i` after its recorded changes up to `untilMs`. */
export function currentValue(
  dataset: FlowDataset,
  i: number,
  at: { kind: number; untilMs?: number },
): string {
  const { kind, untilMs = Infinity } = at
  let id = kind === EVENT_STATUS ? dataset.initialStatus[i] : dataset.initialType[i]
  for (let e = dataset.eventOffset[i] ?? 0; e < (dataset.eventOffset[i + 1] ?? 0); e++) {
    if ((dataset.eventAt[e] ?? 0) > untilMs) break
    if (dataset.eventKind[e] === kind) id = dataset.eventValue[e]
  }
  const dictionary = kind === EVENT_STATUS ? dataset.statuses : dataset.types
  return unqualify(dictionary.valueOf(id ?? 0)).name
}

/**
 * A search hit for item `i`: source, key, type and status (the latest recorded, or the last at or
 * before `untilMs`), title and link.
 */
export function itemSummary(
  dataset: FlowDataset,
  i: number,
  untilMs = Infinity,
): ItemSummaryResponse {
  return {
    ...itemRefOf(dataset, i),
    type: currentValue(dataset, i, { kind: EVENT_TYPE, untilMs }),
    status: currentValue(dataset, i, { kind: EVENT_STATUS, untilMs }),
  }
}

/** What `GET /items` narrows the hits to; absent lists mean no narrowing. */
export interface ItemSearchFilters {
  /** Open: not done or canceled now (see {@link isClosed}). */
  state?: 'open' | 'closed'
  /** Value streams (any of them); needs the mapping. */
  stream?: readonly string[]
  /** Sources (`jira`, `github`, …). */
  source?: readonly string[]
  /** Flow Item types, by each item's type now; needs the mapping. */
  type?: readonly string[]
}

/** The query of `GET /items`: text, filters and a page. */
export type ItemSearchQuery = { q: string; limit: number; offset: number } & ItemSearchFilters

/**
 * Whether item `i` is closed now: its current status maps to `done` or `canceled` (by the
 * mapping's timelines in `input`); for an item the mapping leaves out, or without a mapping, when
 * the tool recorded it as resolved.
 */
function isClosed(dataset: FlowDataset, i: number, input: FlowInput | undefined): boolean {
  if (input && input.timelines.included[i] === 1) {
    return isTerminalState(input.timelines.currentState[i] ?? 0)
  }
  return !Number.isNaN(dataset.resolvedMs[i] ?? Number.NaN)
}

/**
 * The instant of the item's last recorded change up to `untilMs` (the as-of time): creation, a
 * change, or its resolution.
 */
function lastChangeMs(dataset: FlowDataset, i: number, untilMs: number): number {
  let last = dataset.createdMs[i] ?? 0
  const resolved = dataset.resolvedMs[i] ?? Number.NaN
  if (resolved > last && resolved <= untilMs) last = resolved
  for (let e = dataset.eventOffset[i] ?? 0; e < (dataset.eventOffset[i + 1] ?? 0); e++) {
    const at = dataset.eventAt[e] ?? 0
    if (at > last && at <= untilMs) last = at
  }
  return last
}

function unknownName(what: string, name: string, known: readonly string[]): VmoError {
  const listed = known.map((k) => `"${k}"`).join(', ') || 'none'
  return new VmoError('INVALID_INPUT', `${what} "${name}" is not known (known: ${listed})`)
}

/** The names in `wanted` checked against `known` (case-insensitive); INVALID_INPUT names one unknown. */
function checkNames(what: string, wanted: readonly string[], known: readonly string[]): void {
  const lower = new Set(known.map((k) => k.toLowerCase()))
  const bad = wanted.find((w) => !lower.has(w.toLowerCase()))
  if (bad !== undefined) throw unknownName(what, bad, known)
}

/**
 * A mark per item: 1 when it passes the stream, source and type filters (undefined: no such
 * filter). Unknown names are INVALID_INPUT; stream and type filters need `input` (the mapping).
 */
function filterMarks(
  dataset: FlowDataset,
  filters: ItemSearchFilters,
  input: FlowInput | undefined,
): Uint8Array | undefined {
  const source = filters.source ?? []
  const stream = filters.stream ?? []
  const type = filters.type ?? []
  checkNames('source', source, dataset.sources.values)
  const bad = type.find((t) => !isFlowItemType(t))
  if (bad !== undefined) throw unknownName('Flow Item type', bad, FLOW_ITEM_TYPES)
  if (!source.length && !stream.length && !type.length) return undefined
  const marks = new Uint8Array(dataset.itemCount)
  if (!stream.length && !type.length) {
    const lower = new Set(source.map((name) => name.toLowerCase()))
    const names = dataset.sources.values
    for (let i = 0; i < marks.length; i++) {
      if (lower.has((names[dataset.itemSource[i] ?? 0] ?? '').toLowerCase())) marks[i] = 1
    }
    return marks
  }
  const engine = input ?? noMapping()
  checkNames(
    'value stream',
    stream,
    engine.mapping.valueStreams.map((s) => s.name),
  )
  const scope = scopeOf({ stream: [...stream], type: [...type] })
  const selection = selectScope(engine, { ...scope, ...(source.length ? { sources: source } : {}) })
  for (const i of selection) if (engine.timelines.included[i] === 1) marks[i] = 1
  return marks
}

/**
 * `GET /items?q=`: case-insensitive substring search over key, title and text (labels and the
 * text values of the item's fields, such as a description or a customer) across every source,
 * narrowed by the filters. Exact key matches first, then open items before closed ones, each the
 * most recently changed first (then by source and key), all as of the engine input's as-of time
 * (items created after it are left out). `total` counts every hit. `input` is the
 * engine input now, in `at` (absent without a usable mapping: then stream and type filters throw the
 * mapping's error and "closed" means resolved in the tool). With `visible` (a mark per item the
 * principal may read), only those items are searched.
 */
export function searchItemsView(
  dataset: FlowDataset,
  query: ItemSearchQuery,
  at: { input?: FlowInput; visible?: Uint8Array | null } = {},
): ItemSearchResponse {
  const { input, visible } = at
  const marks = filterMarks(dataset, query, input)
  const needle = query.q.trim().toLowerCase()
  const haystack = haystackOf(dataset)
  const exact: number[] = []
  const other: number[] = []
  const closed = new Map<number, boolean>()
  // As of a time (the engine input's): items created later are not there yet, and later
  // changes neither order the hits nor show as their last change.
  const untilMs = input?.timelines.asOfMs ?? Infinity
  for (let i = 0; i < haystack.length; i++) {
    if (marks && marks[i] !== 1) continue
    if (visible && visible[i] !== 1) continue
    if ((dataset.createdMs[i] ?? 0) > untilMs) continue
    if (!(haystack[i] ?? '').includes(needle)) continue
    const isShut = isClosed(dataset, i, input)
    if (query.state !== undefined && isShut !== (query.state === 'closed')) continue
    closed.set(i, isShut)
    if ((dataset.itemKey[i] ?? '').toLowerCase() === needle) exact.push(i)
    else other.push(i)
  }
  const changed = new Map(other.map((i) => [i, lastChangeMs(dataset, i, untilMs)]))
  const order = (a: number, b: number) =>
    Number(closed.get(a)) - Number(closed.get(b)) ||
    (changed.get(b) ?? 0) - (changed.get(a) ?? 0) ||
    (dataset.itemSource[a] ?? 0) - (dataset.itemSource[b] ?? 0) ||
    (dataset.itemKey[a] ?? '').localeCompare(dataset.itemKey[b] ?? '')
  const hits = [...exact, ...other.sort(order)]
  return {
    items: hits.slice(query.offset, query.offset + query.limit).map((i) => ({
      ...itemSummary(dataset, i, untilMs),
      open: !closed.get(i),
      lastChange: instantText(lastChangeMs(dataset, i, untilMs)),
    })),
    total: hits.length,
    limit: query.limit,
    offset: query.offset,
  }
}

function noMapping(): never {
  throw new VmoError(
    'INVALID_CONFIG',
    'filtering by value stream or Flow Item type needs a saved mapping (Mapping in the dashboard, or vmo map save)',
  )
}
