import type { FlowDataset } from '../model/flow-dataset'
import type { CompiledMapping } from '../mapping/mapping-config'
import { VmoError } from '../errors'
import type { FlowItemType } from '../model/flow-vocabulary'
import { FLOW_ITEM_TYPES } from '../model/flow-vocabulary'

/** What a computation looks at: a value stream and/or teams; empty means every item. */
export interface Scope {
  /** Name of a configured value stream (case-insensitive). */
  valueStream?: string
  /**
   * More value streams: the scope holds the items of any of them (with `valueStream`). A list
   * without `valueStream` is the whole scope: an empty one selects no item.
   */
  valueStreams?: readonly string[]
  /** Team names (the team now); case-insensitive. */
  teams?: readonly string[]
  /** Sources (`jira`, `github`, …). */
  sources?: readonly string[]
  /** Flow Item types, by each item's type at the as-of time (needs the timelines' `flowItem`). */
  types?: readonly FlowItemType[]
}

/**
 * Ascending indexes of the items a computation covers. Shared, not copied (a value stream's items,
 * every item of a dataset): read it, never write it.
 */
export type Selection = Uint32Array

/** Every item of each dataset, built once per dataset (4 MB at a million items, per report). */
const allItemsOf = new WeakMap<FlowDataset, Selection>()

function allItems(dataset: FlowDataset): Selection {
  let out = allItemsOf.get(dataset)
  if (out === undefined || out.length !== dataset.itemCount) {
    out = new Uint32Array(dataset.itemCount)
    for (let i = 0; i < out.length; i++) out[i] = i
    allItemsOf.set(dataset, out)
  }
  return out
}

function idsMatching(values: readonly string[], wanted: readonly string[]): Set<number> {
  const lower = new Set(wanted.map((w) => w.toLowerCase()))
  const ids = new Set<number>()
  values.forEach((value, id) => {
    if (lower.has(value.toLowerCase())) ids.add(id)
  })
  return ids
}

function streamItems(mapping: CompiledMapping, name: string): Selection {
  const stream = mapping.valueStreams.find((s) => s.name.toLowerCase() === name.toLowerCase())
  if (!stream) {
    const known = mapping.valueStreams.map((s) => `"${s.name}"`).join(', ') || 'none configured'
    throw new VmoError(
      'NOT_FOUND',
      `value stream "${name}" is not in the mapping (known: ${known})`,
    )
  }
  return stream.items
}

/** The items of any of the named streams, ascending (each item once). */
function streamsItems(dataset: FlowDataset, mapping: CompiledMapping, names: string[]): Selection {
  if (names.length === 1) return streamItems(mapping, names[0]!)
  const marks = new Uint8Array(dataset.itemCount)
  let count = 0
  for (const name of names) {
    for (const i of streamItems(mapping, name)) {
      if (marks[i] === 0) count++
      marks[i] = 1
    }
  }
  const out = new Uint32Array(count)
  let n = 0
  for (let i = 0; i < marks.length; i++) if (marks[i] === 1) out[n++] = i
  return out
}

/** Names listed in a NOT_FOUND message at most. */
const LISTED_NAMES = 20

/** The ids of the teams named (case-insensitive); NOT_FOUND for a name no item has had. */
function teamIds(dataset: FlowDataset, wanted: readonly string[]): Set<number> {
  const values = dataset.teams.values
  const known = new Set(values.map((v) => v.toLowerCase()))
  const unknown = wanted.find((name) => !known.has(name.toLowerCase()))
  if (unknown !== undefined) {
    const names = [...values].sort((a, b) => a.localeCompare(b))
    const listed = names.slice(0, LISTED_NAMES).map((v) => `"${v}"`)
    if (names.length > LISTED_NAMES) listed.push(`… ${names.length - LISTED_NAMES} more`)
    throw new VmoError(
      'NOT_FOUND',
      `unknown team "${unknown}" (known: ${listed.join(', ') || 'none: no item has a team'})`,
    )
  }
  return idsMatching(values, wanted)
}

/**
 * The items of `scope`, ascending. Names match case-insensitively. Throws NOT_FOUND for an unknown
 * value stream (not in the mapping) and for an unknown team (no item has had it, now or in its
 * history), listing the known ones; unknown sources simply select nothing. A scope by type needs
 * the timelines: use {@link selectScope} (here it is an INTERNAL error).
 */
export function selectItems(
  dataset: FlowDataset,
  mapping: CompiledMapping,
  scope: Scope = {},
): Selection {
  return select(dataset, mapping, { scope })
}

/**
 * As {@link selectItems}, and `scope.types` keeps the items whose Flow Item type as of the
 * timelines' as-of time is one of them.
 */
export function selectScope(
  input: { dataset: FlowDataset; mapping: CompiledMapping; timelines: { flowItem: Uint8Array } },
  scope: Scope = {},
): Selection {
  return select(input.dataset, input.mapping, { scope, flowItem: input.timelines.flowItem })
}

function select(
  dataset: FlowDataset,
  mapping: CompiledMapping,
  { scope, flowItem }: { scope: Scope; flowItem?: Uint8Array },
): Selection {
  const names = [scope.valueStream, ...(scope.valueStreams ?? [])].filter((name): name is string =>
    Boolean(name),
  )
  const base =
    names.length || scope.valueStreams !== undefined
      ? streamsItems(dataset, mapping, names)
      : allItems(dataset)
  const teams = scope.teams?.length ? teamIds(dataset, scope.teams) : undefined
  const sources = scope.sources?.length
    ? idsMatching(dataset.sources.values, scope.sources)
    : undefined
  const types = scope.types?.length ? typeIndexes(scope.types, flowItem) : undefined
  if (!teams && !sources && !types) return base
  return base.filter(
    (i) =>
      (!teams || teams.has(dataset.itemTeam[i]!)) &&
      (!sources || sources.has(dataset.itemSource[i]!)) &&
      (!types || types.has(flowItem![i]!)),
  )
}

function typeIndexes(types: readonly FlowItemType[], flowItem: Uint8Array | undefined) {
  if (!flowItem) throw new VmoError('INTERNAL', 'a scope by Flow Item type needs the timelines')
  return new Set(types.map((type) => FLOW_ITEM_TYPES.indexOf(type)))
}
