import type { MappingPreviewResponse, UnmappedValueResponse } from '../../api/types'

/** One value on the workbench: a mapped name, or an unmapped one with its item count. */
export interface WorkbenchRow<C extends string> {
  name: string
  /** Category in the saved mapping; undefined when unmapped. */
  saved: C | undefined
  /** Category in the draft; undefined while still unmapped. */
  draft: C | undefined
  /** Items using the value, known for unmapped values (from the preview). */
  unmappedItems: number | undefined
  sources: string[]
}

/**
 * The rows of one section: every name of the saved mapping and every unmapped value of the data
 * (merged case-insensitively, counts summed over sources); unmapped first, by count, then by name.
 */
export function workbenchRows<C extends string>(
  saved: ReadonlyMap<string, C>,
  draft: ReadonlyMap<string, C>,
  unmapped: readonly UnmappedValueResponse[],
): WorkbenchRow<C>[] {
  const rows = new Map<string, WorkbenchRow<C>>()
  const row = (name: string) => {
    const id = name.toLowerCase()
    const existing = rows.get(id)
    if (existing) return existing
    const created: WorkbenchRow<C> = {
      name,
      saved: undefined,
      draft: undefined,
      unmappedItems: undefined,
      sources: [],
    }
    rows.set(id, created)
    return created
  }
  for (const [name, category] of saved) row(name).saved = category
  for (const value of unmapped) {
    const r = row(value.name)
    r.unmappedItems = (r.unmappedItems ?? 0) + value.items
    if (!r.sources.includes(value.source)) r.sources.push(value.source)
  }
  for (const [name, category] of draft) row(name).draft = category
  return [...rows.values()].sort(
    (a, b) =>
      Number(b.unmappedItems !== undefined) - Number(a.unmappedItems !== undefined) ||
      (b.unmappedItems ?? 0) - (a.unmappedItems ?? 0) ||
      a.name.localeCompare(b.name),
  )
}

/** Unmapped values of a preview, both sections, for the headline counts. */
export function unmappedTotals(preview: MappingPreviewResponse | undefined) {
  const sum = (values: readonly UnmappedValueResponse[]) => values.reduce((n, v) => n + v.items, 0)
  return {
    states: preview?.unmapped.states.length ?? 0,
    stateItems: sum(preview?.unmapped.states ?? []),
    types: preview?.unmapped.types.length ?? 0,
    typeItems: sum(preview?.unmapped.types ?? []),
  }
}
