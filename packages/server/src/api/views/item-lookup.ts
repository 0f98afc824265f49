import { VmoError } from '@openvmo/core'
import type { FlowDataset } from '@openvmo/core'

/** An item's source, key, title and deep link, from the dataset. */
export function itemRefOf(dataset: FlowDataset, i: number) {
  return {
    source: dataset.sources.valueOf(dataset.itemSource[i] ?? 0),
    key: dataset.itemKey[i] ?? '',
    title: dataset.itemTitle[i] ?? null,
    url: dataset.itemUrl[i] ?? null,
  }
}

interface KeyIndex {
  /** Per source id: key → item index. */
  byKey: Map<string, number>[]
  /** Per source id: parent key → child item indexes. */
  children: Map<string, number[]>[]
}

// Built on the first lookup of a dataset (one pass; the key strings are shared, not copied).
const indexes = new WeakMap<FlowDataset, KeyIndex>()

function keyIndexOf(dataset: FlowDataset): KeyIndex {
  let index = indexes.get(dataset)
  if (index) return index
  const sources = dataset.sources.size
  index = {
    byKey: Array.from({ length: sources }, () => new Map<string, number>()),
    children: Array.from({ length: sources }, () => new Map<string, number[]>()),
  }
  for (let i = 0; i < dataset.itemCount; i++) {
    const s = dataset.itemSource[i] ?? 0
    index.byKey[s]?.set(dataset.itemKey[i] ?? '', i)
    const parent = dataset.itemParent[i]
    if (parent === undefined) continue
    const siblings = index.children[s]?.get(parent)
    if (siblings) siblings.push(i)
    else index.children[s]?.set(parent, [i])
  }
  indexes.set(dataset, index)
  return index
}

/** The dataset index of `source`/`key`, or -1. */
export function findItemIndex(dataset: FlowDataset, source: string, key: string): number {
  const sourceId = dataset.sources.find(source)
  if (sourceId < 0) return -1
  return keyIndexOf(dataset).byKey[sourceId]?.get(key) ?? -1
}

/** The NOT_FOUND of an item the store does not have (or the principal may not read). */
export function itemNotFound(source: string, key: string): VmoError {
  return new VmoError('NOT_FOUND', `item "${key}" of source "${source}" was not found`)
}

/** The dataset index of `source`/`key`; NOT_FOUND when the store has no such item. */
export function getItemIndex(dataset: FlowDataset, source: string, key: string): number {
  const i = findItemIndex(dataset, source, key)
  if (i < 0) throw itemNotFound(source, key)
  return i
}

/** The indexes of the items whose parent is item `i`'s key in the same source. */
export function listChildren(dataset: FlowDataset, i: number): readonly number[] {
  const s = dataset.itemSource[i] ?? 0
  return keyIndexOf(dataset).children[s]?.get(dataset.itemKey[i] ?? '') ?? []
}
