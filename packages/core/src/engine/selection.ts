import type { FlowDataset } from '../model/flow-dataset'
import type { CompiledMapping } from '../mapping/mapping-config'
import { VmoError } from '../errors'

/** What a computation looks at: a value stream and/or teams; empty means every item. */
export interface Scope {
  /** Name of a configured value stream (case-insensitive). */
  valueStream?: string
  /** Team names (the team now); case-insensitive. */
  teams?: readonly string[]
  /** Sources (`jira`, `github`, …). */
  sources?: readonly string[]
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
 * history), listing the known ones; unknown sources simply select nothing.
 */
export function selectItems(
  dataset: FlowDataset,
  mapping: CompiledMapping,
  scope: Scope = {},
): Selection {
  const base = scope.valueStream ? streamItems(mapping, scope.valueStream) : allItems(dataset)
  const teams = scope.teams?.length ? teamIds(dataset, scope.teams) : undefined
  const sources = scope.sources?.length
    ? idsMatching(dataset.sources.values, scope.sources)
    : undefined
  if (!teams && !sources) return base
  return base.filter(
    (i) =>
      (!teams || teams.has(dataset.itemTeam[i]!)) &&
      (!sources || sources.has(dataset.itemSource[i]!)),
  )
}
