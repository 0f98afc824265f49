import { EVENT_STATUS, EVENT_TYPE, unqualify } from '@openvmo/core'
import type { FlowDataset } from '@openvmo/core'
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

/** The status or type (by event kind) of item `i` after all its recorded changes. */
export function currentValue(dataset: FlowDataset, i: number, kind: number): string {
  let id = kind === EVENT_STATUS ? dataset.initialStatus[i] : dataset.initialType[i]
  for (let e = dataset.eventOffset[i] ?? 0; e < (dataset.eventOffset[i + 1] ?? 0); e++) {
    if (dataset.eventKind[e] === kind) id = dataset.eventValue[e]
  }
  const dictionary = kind === EVENT_STATUS ? dataset.statuses : dataset.types
  return unqualify(dictionary.valueOf(id ?? 0)).name
}

/** A search hit for item `i`: source, key, current type and status, title and link. */
export function itemSummary(dataset: FlowDataset, i: number): ItemSummaryResponse {
  return {
    ...itemRefOf(dataset, i),
    type: currentValue(dataset, i, EVENT_TYPE),
    status: currentValue(dataset, i, EVENT_STATUS),
  }
}

/**
 * `GET /items?q=`: case-insensitive substring search over key, title and text (labels and the
 * text values of the item's fields, such as a description or a customer) across every source;
 * exact key matches first, then by source and key. `total` counts every hit.
 */
export function searchItemsView(
  dataset: FlowDataset,
  query: { q: string; limit: number; offset: number },
): ItemSearchResponse {
  const needle = query.q.trim().toLowerCase()
  const haystack = haystackOf(dataset)
  const exact: number[] = []
  const other: number[] = []
  for (let i = 0; i < haystack.length; i++) {
    if (!(haystack[i] ?? '').includes(needle)) continue
    if ((dataset.itemKey[i] ?? '').toLowerCase() === needle) exact.push(i)
    else other.push(i)
  }
  const order = (a: number, b: number) =>
    (dataset.itemSource[a] ?? 0) - (dataset.itemSource[b] ?? 0) ||
    (dataset.itemKey[a] ?? '').localeCompare(dataset.itemKey[b] ?? '')
  const hits = [...exact, ...other.sort(order)]
  return {
    items: hits.slice(query.offset, query.offset + query.limit).map((i) => itemSummary(dataset, i)),
    total: hits.length,
    limit: query.limit,
    offset: query.offset,
  }
}
