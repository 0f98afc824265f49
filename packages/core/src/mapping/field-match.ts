import { unqualify } from '../model/dictionary'
import type { FlowDataset } from '../model/flow-dataset'
import type { FieldMatch } from './mapping-config'
import { currentValueOf } from './value-usage'

/** Whether item `item` of `dataset` satisfies a compiled {@link FieldMatch}. */
export type ItemPredicate = (dataset: FlowDataset, item: number) => boolean

function textsOf(value: unknown): string[] {
  if (value === undefined || value === null) return []
  if (Array.isArray(value)) return value.flatMap(textsOf)
  if (typeof value === 'object') return []
  return [String(value)]
}

function dictionaryValue(dictionary: { valueOf(id: number): string }, id: number): string[] {
  return id < 0 ? [] : [dictionary.valueOf(id)]
}

/**
 * The values of `field` for an item, as text: `source`, `project`, `team` (now), `type` (the
 * artifact type now, without its source), `labels`, `key`, else the item's `fields[field]`
 * (scalars and arrays of scalars; objects never match). Empty when the item has no such value.
 */
export function listItemFieldValues(dataset: FlowDataset, item: number, field: string): string[] {
  switch (field) {
    case 'source':
      return [dataset.sources.valueOf(dataset.itemSource[item]!)]
    case 'project':
      return dictionaryValue(dataset.projects, dataset.itemProject[item]!)
    case 'team':
      return dictionaryValue(dataset.teams, dataset.itemTeam[item]!)
    case 'type':
      return [unqualify(dataset.types.valueOf(currentValueOf(dataset, 'type', item))).name]
    case 'labels':
      return [...(dataset.itemLabels[item] ?? [])]
    case 'key':
      return [dataset.itemKey[item]!]
    default:
      return textsOf(dataset.itemFields[item]?.[field])
  }
}

/**
 * Compiles a {@link FieldMatch}: an item matches when, for every field, one of its values (see
 * {@link listItemFieldValues}) equals one of the accepted values, compared case-insensitively
 * after trimming. An empty match matches every item.
 */
export function compileFieldMatch(match: FieldMatch): ItemPredicate {
  const conditions = Object.entries(match).map(([field, accepted]) => ({
    field,
    accepted: new Set(textsOf(accepted).map((text) => text.trim().toLowerCase())),
  }))
  return (dataset, item) =>
    conditions.every(({ field, accepted }) =>
      listItemFieldValues(dataset, item, field).some((value) =>
        accepted.has(value.trim().toLowerCase()),
      ),
    )
}
