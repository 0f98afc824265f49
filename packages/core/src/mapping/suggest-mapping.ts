import { unqualify } from '../model/dictionary'
import type { FlowDataset } from '../model/flow-dataset'
import {
  FLOW_ITEM_MAPPINGS,
  FLOW_STATES,
  type FlowItemMapping,
  type FlowState,
} from '../model/flow-vocabulary'
import type { MappingConfig } from './mapping-config'
import { suggestStateByName, suggestTypeByName } from './suggestion-vocabulary'
import { countItemsPerValue, currentValueOf, dictionaryOf, type ValueKind } from './value-usage'

/**
 * Why a value got its suggestion: its `name` is in the vocabulary; its `position` in the items'
 * histories (initial status → new, resting status of resolved items → done); or a `fallback`
 * (active for a status, feature for a type) when nothing says otherwise.
 */
export type SuggestionBasis = 'name' | 'tool' | 'position' | 'fallback'

/** What a tool says about one of its statuses (Jira's status category), for suggestions. */
export interface StatusHint {
  source: string
  name: string
  state: FlowState
}

/** Options of {@link suggestMapping}. */
export interface SuggestMappingOptions {
  /**
   * The tools' own classification of statuses (Jira's status categories: To Do → new, In
   * Progress → active, Done → done): used when the name says nothing, before the position.
   */
  statusHints?: readonly StatusHint[]
}

/** One status or artifact type of the dataset with its suggested mapping. */
export interface SuggestedValue<T extends string> {
  source: string
  name: string
  /** Items whose initial value, any change or current value uses it. */
  items: number
  suggested: T
  by: SuggestionBasis
  /** The name as written in the suggested config: `name`, or `source:name` when sources disagree. */
  entry: string
}

/** What `vmo map suggest` proposes for a dataset. */
export interface MappingSuggestion {
  config: MappingConfig
  /** Every status, in order of first appearance. */
  statuses: SuggestedValue<FlowState>[]
  /** Every artifact type, in order of first appearance. */
  types: SuggestedValue<FlowItemMapping>[]
}

/** Per status id: how often it is the initial status, and the current status of (resolved) items. */
interface PositionCounts {
  initial: Uint32Array
  current: Uint32Array
  currentResolved: Uint32Array
}

function countPositions(dataset: FlowDataset): PositionCounts {
  const size = dataset.statuses.size
  const counts = {
    initial: new Uint32Array(size),
    current: new Uint32Array(size),
    currentResolved: new Uint32Array(size),
  }
  for (let item = 0; item < dataset.itemCount; item++) {
    counts.initial[dataset.initialStatus[item]!]!++
    const current = currentValueOf(dataset, 'status', item)
    counts.current[current]!++
    if (!Number.isNaN(dataset.resolvedMs[item]!)) counts.currentResolved[current]!++
  }
  return counts
}

/**
 * By position: `done` when most items resting in the status have `resolved` set; else `new` when
 * it is the initial status of most items that use it; else `active` (a fallback).
 */
function suggestStateByPosition(positions: PositionCounts, id: number, items: number) {
  const resolved = positions.currentResolved[id]!
  if (resolved > 0 && resolved * 2 > positions.current[id]!) {
    return { suggested: 'done' as const, by: 'position' as const }
  }
  if (positions.initial[id]! * 2 > items)
    return { suggested: 'new' as const, by: 'position' as const }
  return { suggested: 'active' as const, by: 'fallback' as const }
}

function listValues<T extends string>(
  dataset: FlowDataset,
  kind: ValueKind,
  suggest: (id: number, name: string, items: number) => { suggested: T; by: SuggestionBasis },
): SuggestedValue<T>[] {
  const counts = countItemsPerValue(dataset, kind)
  return dictionaryOf(dataset, kind).values.map((key, id) => {
    const { source, name } = unqualify(key)
    const items = counts[id]!
    return { source, name, items, ...suggest(id, name, items), entry: name }
  })
}

/**
 * Chooses config entries: values of one name (case-insensitive) in several sources share one
 * unqualified entry when their suggestions agree, else each is qualified as `source:name`.
 */
function assignEntries<T extends string>(values: SuggestedValue<T>[]): void {
  const groups = new Map<string, SuggestedValue<T>[]>()
  for (const value of values) {
    const key = value.name.trim().toLowerCase()
    groups.set(key, [...(groups.get(key) ?? []), value])
  }
  for (const group of groups.values()) {
    const agree = group.every((value) => value.suggested === group[0]!.suggested)
    const entry = group[0]!.name
    for (const value of group) value.entry = agree ? entry : `${value.source}:${value.name}`
  }
}

function listsOf<T extends string>(
  values: readonly SuggestedValue<T>[],
  keys: readonly T[],
): Record<T, string[]> {
  const lists = Object.fromEntries(keys.map((key) => [key, [] as string[]])) as Record<T, string[]>
  for (const value of values) {
    const list = lists[value.suggested]
    if (!list.includes(value.entry)) list.push(value.entry)
  }
  return lists
}

/**
 * Suggests a mapping for every status and artifact type of `dataset` (for `vmo map suggest`),
 * each with its item count, in order of first appearance. A status's flow state comes from its
 * name when the vocabulary knows it, else from the tool's own category (`statusHints`), else from
 * its position (see SuggestionBasis); a type's Flow
 * Item mapping from its name, else `feature` as a fallback. The config lists every value under its
 * suggestion (qualified by source only when two sources' suggestions for one name differ), in UTC,
 * without rules or value streams. A suggestion is meant to be reviewed, never applied unread.
 */
export function suggestMapping(
  dataset: FlowDataset,
  options: SuggestMappingOptions = {},
): MappingSuggestion {
  const positions = countPositions(dataset)
  const hints = new Map(
    (options.statusHints ?? []).map((h) => [`${h.source}\u0000${h.name.toLowerCase()}`, h.state]),
  )
  const statuses = listValues<FlowState>(dataset, 'status', (id, name, items) => {
    const byName = suggestStateByName(name)
    if (byName) return { suggested: byName, by: 'name' }
    const source = unqualify(dataset.statuses.valueOf(id)).source
    const byTool = hints.get(`${source}\u0000${name.toLowerCase()}`)
    return byTool ? { suggested: byTool, by: 'tool' } : suggestStateByPosition(positions, id, items)
  })
  const types = listValues<FlowItemMapping>(dataset, 'type', (_, name) => {
    const byName = suggestTypeByName(name)
    return byName ? { suggested: byName, by: 'name' } : { suggested: 'feature', by: 'fallback' }
  })
  assignEntries(statuses)
  assignEntries(types)
  const config: MappingConfig = {
    timezone: 'UTC',
    flowItems: listsOf(types, FLOW_ITEM_MAPPINGS),
    states: listsOf(statuses, FLOW_STATES),
    rules: [],
    valueStreams: [],
  }
  return { config, statuses, types }
}
