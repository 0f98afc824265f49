import { unqualify } from '../model/dictionary'
import type { FlowDataset } from '../model/flow-dataset'
import { VmoError } from '../errors'
import { NO_OVERRIDE, type UnmappedSummary, type UnmappedValue } from './mapping-config'
import { dictionaryOf, visitItemValues, type ValueKind } from './value-usage'

export type { UnmappedValue } from './mapping-config'

/** The tables being checked by {@link assertAllMapped}. */
export interface MappingTables {
  stateTables: readonly Uint8Array[]
  itemStateTable: Uint8Array
  typeMapping: Uint8Array
  itemFlowItemOverride: Uint8Array
  /** The marker of an unmapped entry in the tables. */
  unmapped: number
}

function isUnmapped(tables: MappingTables, kind: ValueKind, use: { item: number; id: number }) {
  const { item, id } = use
  if (kind === 'type') {
    return (
      tables.itemFlowItemOverride[item] === NO_OVERRIDE &&
      tables.typeMapping[id] === tables.unmapped
    )
  }
  return tables.stateTables[tables.itemStateTable[item]!]![id] === tables.unmapped
}

function anyUnmapped(tables: MappingTables, kind: ValueKind): boolean {
  const checked = kind === 'type' ? [tables.typeMapping] : tables.stateTables
  return checked.some((table) => table.includes(tables.unmapped))
}

/**
 * The values of `kind` that some item uses without a mapping (under its own state table, or
 * without a rule's flowItem override), plus those no item uses that table 0 leaves unmapped
 * (with 0 items). Sorted by item count, descending, then by first appearance.
 */
export function listUnmappedValues(
  dataset: FlowDataset,
  kind: ValueKind,
  tables: MappingTables,
): UnmappedValue[] {
  const dictionary = dictionaryOf(dataset, kind)
  const used = new Uint8Array(dictionary.size)
  const counts = new Uint32Array(dictionary.size)
  // Only values some table leaves unmapped can be listed; when there are none (a complete
  // mapping, the usual case) the walk over every item's history is skipped.
  if (anyUnmapped(tables, kind)) {
    visitItemValues(dataset, kind, (item, id) => {
      used[id] = 1
      if (isUnmapped(tables, kind, { item, id })) counts[id]!++
    })
  }
  const base = kind === 'type' ? tables.typeMapping : tables.stateTables[0]!
  const ids: number[] = []
  for (let id = 0; id < dictionary.size; id++) {
    if (counts[id]! > 0 || (used[id] === 0 && base[id] === tables.unmapped)) ids.push(id)
  }
  ids.sort((a, b) => counts[b]! - counts[a]! || a - b)
  return ids.map((id) => ({ ...unqualify(dictionary.valueOf(id)), items: counts[id]! }))
}

function describe(kind: ValueKind, value: UnmappedValue): string {
  const items = value.items === 1 ? '1 item' : `${value.items} items`
  return `${kind} ${JSON.stringify(value.name)} of ${value.source} (${items})`
}

/**
 * Throws UNMAPPED_VALUES when any status or artifact type maps to nothing for some item (FLOW-
 * METRICS.md: an unmapped state is an error, never guessed). The message lists every such value
 * with its source and item count; `details` is `{ states: UnmappedValue[], types: UnmappedValue[] }`.
 */
export function assertAllMapped(dataset: FlowDataset, tables: MappingTables): void {
  const states = listUnmappedValues(dataset, 'status', tables)
  const types = listUnmappedValues(dataset, 'type', tables)
  throwIfUnmapped(states, types)
}

/**
 * The items that use a status or type mapping to nothing (1 per such item), with the unmapped
 * values; `excluded` is undefined when every item maps.
 */
export function findUnmappedItems(
  dataset: FlowDataset,
  tables: MappingTables,
): { excluded?: Uint8Array; summary: UnmappedSummary } {
  const states = listUnmappedValues(dataset, 'status', tables)
  const types = listUnmappedValues(dataset, 'type', tables)
  if (!states.some((v) => v.items > 0) && !types.some((v) => v.items > 0)) {
    return { summary: { states, types, items: 0 } }
  }
  const excluded = new Uint8Array(dataset.itemCount)
  let items = 0
  for (const kind of ['status', 'type'] as const) {
    visitItemValues(dataset, kind, (item, id) => {
      if (excluded[item] === 0 && isUnmapped(tables, kind, { item, id })) {
        excluded[item] = 1
        items++
      }
    })
  }
  return { excluded, summary: { states, types, items } }
}

/** Describes the unmapped values of a summary in one sentence ('' when there are none). */
export function describeUnmapped(summary: Pick<UnmappedSummary, 'states' | 'types'>): string {
  return [
    ...summary.states.map((value) => describe('status', value)),
    ...summary.types.map((value) => describe('type', value)),
  ].join(', ')
}

function throwIfUnmapped(states: UnmappedValue[], types: UnmappedValue[]): void {
  const total = states.length + types.length
  if (total === 0) return
  const listed = [
    ...states.map((value) => describe('status', value)),
    ...types.map((value) => describe('type', value)),
  ]
  throw new VmoError(
    'UNMAPPED_VALUES',
    `${total} unmapped ${total === 1 ? 'value' : 'values'}; list ${total === 1 ? 'it' : 'them'} under states or flowItems in the mapping, or set an explicit default: ${listed.join(', ')}`,
    { details: { states, types } },
  )
}
