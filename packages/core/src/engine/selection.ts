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

/**
 * The items of `scope`, ascending. Throws NOT_FOUND for an unknown value stream; unknown teams or
 * sources simply select nothing.
 */
export function selectItems(
  dataset: FlowDataset,
  mapping: CompiledMapping,
  scope: Scope = {},
): Selection {
  const base = scope.valueStream ? streamItems(mapping, scope.valueStream) : allItems(dataset)
  const teams = scope.teams?.length ? idsMatching(dataset.teams.values, scope.teams) : undefined
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
