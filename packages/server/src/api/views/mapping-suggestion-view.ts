import type { FlowDataset } from '@openvmo/core'
import { renderSuggestedMappingYaml, suggestMapping } from '@openvmo/core'
import type { MappingSuggestionResponse } from '../schemas/mapping-schemas'

/** A field with more distinct values than this is not offered for rules and value streams. */
const MAX_DISTINCT = 500
/** Values listed per field, most used first. */
const VALUES_LISTED = 50

type Counts = Map<string, number>

function add(fields: Map<string, Counts>, field: string, value: unknown): void {
  if (value === null || value === undefined || value === '') return
  if (Array.isArray(value)) {
    for (const v of value) add(fields, field, v)
    return
  }
  if (typeof value === 'object') return
  let counts = fields.get(field)
  if (!counts) fields.set(field, (counts = new Map()))
  const text = String(value)
  const seen = counts.get(text)
  // Past the limit, new values are not tracked (the field is dropped below).
  if (seen !== undefined) counts.set(text, seen + 1)
  else if (counts.size <= MAX_DISTINCT) counts.set(text, 1)
}

/**
 * The fields rules and value streams can match (`project`, `team`, `labels`, `source` and each
 * key of the items' `fields`) with their most used values; fields with too many distinct values
 * (titles, ids, dates) are left out.
 */
function fieldValues(dataset: FlowDataset): MappingSuggestionResponse['fields'] {
  const fields = new Map<string, Counts>()
  for (let i = 0; i < dataset.itemCount; i++) {
    add(fields, 'source', dataset.sources.valueOf(dataset.itemSource[i] ?? 0))
    const project = dataset.itemProject[i] ?? -1
    if (project >= 0) add(fields, 'project', dataset.projects.valueOf(project))
    const team = dataset.itemTeam[i] ?? -1
    if (team >= 0) add(fields, 'team', dataset.teams.valueOf(team))
    add(fields, 'labels', dataset.itemLabels[i])
    const custom = dataset.itemFields[i]
    if (custom) for (const [name, value] of Object.entries(custom)) add(fields, name, value)
  }
  return [...fields]
    .filter(([, counts]) => counts.size <= MAX_DISTINCT)
    .map(([name, counts]) => ({
      name,
      distinct: counts.size,
      values: [...counts]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, VALUES_LISTED)
        .map(([value, items]) => ({ value, items })),
    }))
}

const kept = new WeakMap<FlowDataset, MappingSuggestionResponse>()

/**
 * `GET /mapping/suggestion`: what `vmo map suggest` proposes for the stored items (the same core
 * function and YAML), each value with its item count and basis, and the fields rules can match.
 * Kept per dataset (until the data changes).
 */
export function mappingSuggestionView(dataset: FlowDataset): MappingSuggestionResponse {
  const known = kept.get(dataset)
  if (known) return known
  const suggestion = suggestMapping(dataset)
  const strip = <T extends string>(v: {
    source: string
    name: string
    items: number
    suggested: T
    by: 'name' | 'tool' | 'position' | 'fallback'
    entry: string
  }) => ({
    source: v.source,
    name: v.name,
    items: v.items,
    suggested: v.suggested,
    by: v.by,
    entry: v.entry,
  })
  const view = {
    items: dataset.itemCount,
    yaml: renderSuggestedMappingYaml(suggestion),
    statuses: suggestion.statuses.map(strip),
    types: suggestion.types.map(strip),
    fields: fieldValues(dataset),
  }
  kept.set(dataset, view)
  return view
}
