import { FLOW_ITEM_MAPPINGS, FLOW_STATES } from '../model/flow-vocabulary'
import type { MappingConfig, UnmappedValue } from './mapping-config'
import { createNameLookup } from './name-lookup'

/** A status or artifact type some items use, by source, with the number of items using it. */
export interface UsedValue {
  kind: 'status' | 'type'
  source: string
  name: string
  items: number
}

function names(lists: Partial<Record<string, readonly string[]>>, order: readonly string[]) {
  return order.flatMap((key, target) =>
    (lists[key] ?? []).map((name, rank) => ({ name, target, rank })),
  )
}

/**
 * The used values that nothing in `config` maps: not listed under `states`/`flowItems`, no
 * explicit default, and (for statuses) no rule's `states`, (for types) no rule setting `flowItem`
 * (a rule may map them for some items, so they are not reported). A check by name that needs no
 * dataset: what `vmo import` reports for the values it has just brought in.
 */
export function findUnmappedNames(
  config: MappingConfig,
  used: readonly UsedValue[],
): { states: UnmappedValue[]; types: UnmappedValue[] } {
  const sources = [...new Set(used.map((value) => value.source))]
  const states = createNameLookup(names(config.states, FLOW_STATES), sources)
  const types = createNameLookup(names(config.flowItems, FLOW_ITEM_MAPPINGS), sources)
  const ruleStates = createNameLookup(
    config.rules.flatMap((rule) =>
      Object.keys(rule.states ?? {}).map((name) => ({ name, target: 0, rank: 0 })),
    ),
    sources,
  )
  const typeRules = config.rules.some((rule) => rule.flowItem !== undefined)
  const unmapped = (value: UsedValue) =>
    value.kind === 'status'
      ? config.defaultState === undefined &&
        !states.find(value.source, value.name) &&
        !ruleStates.find(value.source, value.name)
      : config.defaultFlowItem === undefined && !typeRules && !types.find(value.source, value.name)
  const strip = ({ source, name, items }: UsedValue): UnmappedValue => ({ source, name, items })
  const byItems = (a: UnmappedValue, b: UnmappedValue) => b.items - a.items
  return {
    states: used
      .filter((v) => v.kind === 'status' && unmapped(v))
      .map(strip)
      .sort(byItems),
    types: used
      .filter((v) => v.kind === 'type' && unmapped(v))
      .map(strip)
      .sort(byItems),
  }
}
