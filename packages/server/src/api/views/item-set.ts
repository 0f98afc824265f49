import { VmoError, computeSetBurnUp, forecastItemSet } from '@openvmo/core'
import type { FlowDataset, FlowInput, ForecastOptions } from '@openvmo/core'
import { collectDeliveryGraph } from './delivery-graph'
import type { LinkLookup } from './delivery-graph'
import { findItemIndex } from './item-lookup'
import { searchItemsView } from './item-search-view'

/** What a set of items is: any of these, combined (an item must match every one given). */
export interface ItemSetQuery {
  /** Keys (`PAY-1` or `jira:PAY-1`). */
  keys?: readonly string[]
  /** An epic (or any parent): its open work below it. */
  epic?: string
  label?: string
  fixVersion?: string
  /** Text in the key, title, labels or fields, as the item search. */
  q?: string
}

/** At most this many epics, requests or features of a set are followed through their links. */
const MAX_EXPANDED = 200

function describe(query: ItemSetQuery): string {
  return Object.entries(query)
    .filter(([, v]) => v !== undefined && (!Array.isArray(v) || v.length > 0))
    .map(([k, v]) => `${k} "${Array.isArray(v) ? v.join(',') : String(v)}"`)
    .join(', ')
}

function indexOfKey(dataset: FlowDataset, ref: string): number {
  const colon = ref.indexOf(':')
  if (colon > 0) {
    const j = findItemIndex(dataset, ref.slice(0, colon), ref.slice(colon + 1))
    if (j >= 0) return j
  }
  return dataset.itemKey.indexOf(ref)
}

function requireIndex(dataset: FlowDataset, ref: string, visible?: Uint8Array | null): number {
  const i = indexOfKey(dataset, ref)
  // an item the principal may not read is answered as one that does not exist
  if (i < 0 || (visible && visible[i] !== 1))
    throw new VmoError('NOT_FOUND', `item "${ref}" is not in the data`)
  return i
}

function fixVersionsOf(dataset: FlowDataset, i: number): string[] {
  const value = dataset.itemFields[i]?.fixVersions
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/**
 * The items of a set, in dataset order. Throws INVALID_INPUT when no criterion is given and
 * NOT_FOUND naming the query when an item named does not exist or nothing matches. With `visible`
 * (a mark per item the principal may read), other items are as if they did not exist.
 */
export function selectItemSet(
  dataset: FlowDataset,
  query: ItemSetQuery,
  visible?: Uint8Array | null,
): number[] {
  const tests: ((i: number) => boolean)[] = []
  if (query.keys?.length) {
    const wanted = new Set(query.keys.map((k) => requireIndex(dataset, k, visible)))
    tests.push((i) => wanted.has(i))
  }
  if (query.epic) {
    const epic = requireIndex(dataset, query.epic, visible)
    tests.push((i) => i === epic)
  }
  if (query.label) {
    const label = query.label.toLowerCase()
    tests.push((i) => (dataset.itemLabels[i] ?? []).some((l) => l.toLowerCase() === label))
  }
  if (query.fixVersion) {
    const version = query.fixVersion.toLowerCase()
    tests.push((i) => fixVersionsOf(dataset, i).some((v) => v.toLowerCase() === version))
  }
  if (query.q) {
    const hits = searchItemsView(dataset, { q: query.q, limit: dataset.itemCount, offset: 0 })
    const wanted = new Set(hits.items.map((h) => findItemIndex(dataset, h.source, h.key)))
    tests.push((i) => wanted.has(i))
  }
  if (tests.length === 0) {
    throw new VmoError(
      'INVALID_INPUT',
      'a set needs keys, an epic, a label, a fix version or a query',
    )
  }
  const items: number[] = []
  for (let i = 0; i < dataset.itemCount; i++) {
    if ((!visible || visible[i] === 1) && tests.every((t) => t(i))) items.push(i)
  }
  if (items.length === 0) {
    throw new VmoError('NOT_FOUND', `no item matches the set ${describe(query)}`)
  }
  return items
}

/**
 * The delivery graph below the set's items that are not Flow Items (epics, requests): what they
 * wait on. Items that are Flow Items stand for themselves.
 */
export async function collectSetDelivery(
  store: LinkLookup,
  input: FlowInput,
  items: readonly number[],
): Promise<Map<number, number[]>> {
  const merged = new Map<number, number[]>()
  let expanded = 0
  for (const i of items) {
    if ((input.timelines.flowItem[i] ?? 0) < 4 || expanded >= MAX_EXPANDED) continue
    expanded++
    for (const [k, v] of await collectDeliveryGraph(store, input.dataset, i)) merged.set(k, v)
  }
  return merged
}

/**
 * The forecast of a set (the same in `vmo forecast set` and `GET /api/v1/forecasts/set`): how
 * many items matched, are open and done, when the last open one will be done, and the burn-up.
 * A refused forecast throws INSUFFICIENT_DATA with its reason.
 */
export function itemSetForecast(
  input: FlowInput,
  options: ForecastOptions & { items: readonly number[]; delivery: Map<number, number[]> },
) {
  const items = options.items.filter((i) => input.timelines.included[i] === 1)
  if (items.length === 0) {
    throw new VmoError(
      'NOT_FOUND',
      `none of the ${options.items.length} items of the set existed at the as-of time (or the mapping leaves them out)`,
    )
  }
  const { set, forecast } = forecastItemSet(input, { ...options, items })
  if (forecast.kind === 'insufficient_data') {
    throw new VmoError('INSUFFICIENT_DATA', `cannot forecast the set: ${forecast.reason}`, {
      details: { sampleSize: forecast.sampleSize, required: forecast.required },
    })
  }
  return { set, forecast, burnUp: computeSetBurnUp(input, items) }
}
