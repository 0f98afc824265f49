import { unqualify, type Dictionary } from '../model/dictionary'
import type { FlowDataset } from '../model/flow-dataset'
import { FLOW_ITEM_MAPPINGS, FLOW_STATES } from '../model/flow-vocabulary'
import { VmoError } from '../errors'
import { deriveTimelines } from '../engine/timelines'
import { selectItems } from '../engine/selection'
import { findBulkCloses } from '../metrics/data-quality'
import {
  NO_OVERRIDE,
  RULE_FINDINGS,
  TREAT_AS,
  treatmentOf,
  type CompiledMapping,
  type MappingConfig,
  type MappingRule,
} from './mapping-config'
import { createNameLookup, type NameEntry, type NameLookup } from './name-lookup'
import { compileFieldMatch, type ItemPredicate } from './field-match'
import { assertAllMapped, findUnmappedItems } from './unmapped-values'

/**
 * Marker in {@link CompiledMapping.stateTables} and {@link CompiledMapping.typeMapping}: the value
 * maps to nothing. `compileMapping` guarantees that no item reads it (a status mapped only by a
 * rule's `states` is UNMAPPED in the other tables, and no item of those tables uses it).
 */
export const UNMAPPED = 255

/** At most this many rules may carry `states` (item state-table indexes are bytes). */
export const MAX_STATE_RULES = 254

/** One resolved table: target index per dictionary id, and the rank of the entry that set it. */
interface ResolvedTable {
  table: Uint8Array
  rank: Float64Array
}

function listEntries<K extends string>(
  lists: Partial<Record<K, readonly string[]>>,
  order: readonly K[],
): NameEntry<number>[] {
  return order.flatMap((key, target) =>
    (lists[key] ?? []).map((name, rank) => ({ name, target, rank })),
  )
}

function resolveTable(
  dictionary: Dictionary,
  lookup: NameLookup<number>,
  base: ResolvedTable | number,
): ResolvedTable {
  const table = new Uint8Array(dictionary.size)
  const rank = new Float64Array(dictionary.size)
  for (let id = 0; id < dictionary.size; id++) {
    const { source, name } = unqualify(dictionary.valueOf(id))
    const hit = lookup.find(source, name)
    table[id] = hit?.target ?? (typeof base === 'number' ? base : base.table[id]!)
    rank[id] = hit?.rank ?? (typeof base === 'number' ? Infinity : base.rank[id]!)
  }
  return { table, rank }
}

function defaultIndex(value: string | undefined, order: readonly string[]): number {
  return value === undefined ? UNMAPPED : order.indexOf(value)
}

interface CompiledRules {
  stateTables: ResolvedTable[]
  itemStateTable: Uint8Array
  itemFlowItemOverride: Uint8Array
}

interface RulePlan {
  matches: ItemPredicate
  flowItem: number
  /** Index into the state tables, or 0 when the rule has no `states`. */
  stateTable: number
}

function planRules(config: MappingConfig, dataset: FlowDataset, base: ResolvedTable) {
  const stateTables = [base]
  const plans: RulePlan[] = config.rules.map((rule: MappingRule) => {
    const flowItem = rule.flowItem ? FLOW_ITEM_MAPPINGS.indexOf(rule.flowItem) : NO_OVERRIDE
    if (!rule.states) return { matches: compileFieldMatch(rule.when), flowItem, stateTable: 0 }
    const entries = Object.entries(rule.states).map(([name, state]) => ({
      name,
      target: FLOW_STATES.indexOf(state),
      rank: Infinity,
    }))
    const lookup = createNameLookup(entries, dataset.sources.values)
    stateTables.push(resolveTable(dataset.statuses, lookup, base))
    return { matches: compileFieldMatch(rule.when), flowItem, stateTable: stateTables.length - 1 }
  })
  if (stateTables.length - 1 > MAX_STATE_RULES) {
    const count = stateTables.length - 1
    throw new VmoError(
      'INVALID_CONFIG',
      `${count} rules set states; at most ${MAX_STATE_RULES} rules may set states`,
    )
  }
  return { stateTables, plans }
}

/**
 * Per item, in rule order: the first matching rule that sets `flowItem` decides the override, and
 * the first matching rule that sets `states` decides the state table (a rule may decide both).
 */
function applyRules(config: MappingConfig, dataset: FlowDataset, base: ResolvedTable) {
  const { stateTables, plans } = planRules(config, dataset, base)
  const itemStateTable = new Uint8Array(dataset.itemCount)
  const itemFlowItemOverride = new Uint8Array(dataset.itemCount).fill(NO_OVERRIDE)
  for (let item = 0; item < dataset.itemCount; item++) {
    let needFlowItem = true
    let needStates = true
    for (const plan of plans) {
      const decides =
        (needFlowItem && plan.flowItem !== NO_OVERRIDE) || (needStates && plan.stateTable > 0)
      if (!decides || !plan.matches(dataset, item)) continue
      if (needFlowItem && plan.flowItem !== NO_OVERRIDE) itemFlowItemOverride[item] = plan.flowItem
      if (needStates && plan.stateTable > 0) itemStateTable[item] = plan.stateTable
      needFlowItem &&= plan.flowItem === NO_OVERRIDE
      needStates &&= plan.stateTable === 0
      if (!needFlowItem && !needStates) break
    }
  }
  return { stateTables, itemStateTable, itemFlowItemOverride } satisfies CompiledRules
}

/** A status's flow state for ordering: its base state, else the first rule table that maps it. */
function orderState(tables: readonly ResolvedTable[], id: number): number {
  for (const { table } of tables) if (table[id] !== UNMAPPED) return table[id]!
  return UNMAPPED
}

function statusOrderOf(tables: readonly ResolvedTable[], size: number): Int32Array {
  const base = tables[0]!
  const ids = Array.from({ length: size }, (_, id) => id)
  const state = ids.map((id) => orderState(tables, id))
  ids.sort((a, b) => state[a]! - state[b]! || base.rank[a]! - base.rank[b]! || a - b)
  return Int32Array.from(ids)
}

function matchItems(dataset: FlowDataset, matches: ItemPredicate): Uint32Array {
  const items: number[] = []
  for (let item = 0; item < dataset.itemCount; item++) if (matches(dataset, item)) items.push(item)
  return Uint32Array.from(items)
}

/**
 * Resolves `config` against `dataset`: the state of every status id (table 0, plus one table per
 * rule with `states`, each a copy of table 0 with the rule's states applied), the Flow Item mapping
 * of every type id, each item's state table and flowItem override (see rules below), statuses in
 * workflow order (by flow state, then by position in the config lists, then by first appearance)
 * and each value stream's ascending item indexes.
 *
 * Names match case-insensitively; `jira:Review` applies to source `jira` only and wins over
 * `Review` there. Rules are evaluated in order per item: the first matching rule with `flowItem`
 * sets the item's override, the first matching rule with `states` sets its state table. Unmapped
 * values fall back to `default` when configured; otherwise every status and type that an item
 * still cannot map (or that no item uses and nothing maps) is listed in one UNMAPPED_VALUES error,
 * or, with `onUnmapped: 'exclude'`, the items using them are left out (see the option).
 */
/** Options of {@link compileMapping}. */
export interface CompileMappingOptions {
  /**
   * What to do with values that map to nothing: `error` (default) throws UNMAPPED_VALUES;
   * `exclude` leaves the items using them out (`excludedItems`, flagged `unmapped_value`) and
   * lists the values in `unmapped`, so every other figure can still be computed.
   */
  onUnmapped?: 'error' | 'exclude'
}

export function compileMapping(
  config: MappingConfig,
  dataset: FlowDataset,
  options: CompileMappingOptions = {},
): CompiledMapping {
  const sources = dataset.sources.values
  const stateLookup = createNameLookup(listEntries(config.states, FLOW_STATES), sources)
  const typeLookup = createNameLookup(listEntries(config.flowItems, FLOW_ITEM_MAPPINGS), sources)
  const baseStates = resolveTable(
    dataset.statuses,
    stateLookup,
    defaultIndex(config.defaultState, FLOW_STATES),
  )
  const defaultType = defaultIndex(config.defaultFlowItem, FLOW_ITEM_MAPPINGS)
  const typeMapping = resolveTable(dataset.types, typeLookup, defaultType).table
  const rules = applyRules(config, dataset, baseStates)
  const stateTables = rules.stateTables.map(({ table }) => table)
  const tables = { ...rules, stateTables, typeMapping, unmapped: UNMAPPED }
  if (options.onUnmapped !== 'exclude') assertAllMapped(dataset, tables)
  const { excluded, summary } =
    options.onUnmapped === 'exclude'
      ? findUnmappedItems(dataset, tables)
      : { excluded: undefined, summary: { states: [], types: [], items: 0 } }
  const compiled: CompiledMapping = {
    ...(excluded ? { excludedItems: excluded } : {}),
    unmapped: summary,
    timezone: config.timezone,
    stateTables,
    itemStateTable: rules.itemStateTable,
    typeMapping,
    itemFlowItemOverride: rules.itemFlowItemOverride,
    statusOrder: statusOrderOf(rules.stateTables, dataset.statuses.size),
    valueStreams: config.valueStreams.map((stream) => ({
      name: stream.name,
      items: matchItems(dataset, compileFieldMatch(stream.match)),
    })),
  }
  return withTreatments(config, dataset, compiled)
}

/**
 * Per item, the treatment of each finding (see {@link CompiledMapping.itemTreatment}): for every
 * finding, the first rule with `treatAs` that lists it and matches the item decides.
 */
function compileTreatments(config: MappingConfig, dataset: FlowDataset): Uint8Array | undefined {
  const plans = config.rules
    .filter((rule) => rule.treatAs !== undefined && rule.findings !== undefined)
    .map((rule) => ({
      matches: compileFieldMatch(rule.when),
      findings: rule.findings!.map((finding) => RULE_FINDINGS.indexOf(finding)),
      treatment: TREAT_AS.indexOf(rule.treatAs!),
    }))
  if (plans.length === 0) return undefined
  const all = (1 << RULE_FINDINGS.length) - 1
  const out = new Uint8Array(dataset.itemCount)
  for (let item = 0; item < dataset.itemCount; item++) {
    let decided = 0
    for (const plan of plans) {
      if (plan.findings.every((f) => (decided & (1 << f)) !== 0)) continue
      if (!plan.matches(dataset, item)) continue
      for (const f of plan.findings) {
        if ((decided & (1 << f)) !== 0) continue
        out[item]! |= plan.treatment << (f * 2)
        decided |= 1 << f
      }
      if (decided === all) break
    }
  }
  return out
}

/**
 * `compiled` with the treatments of rules with `treatAs`, and, when one treats `bulk_close`, the
 * instant of each item's bulk close: found once over every mapped item after every recorded
 * change (one extra derivation of the timelines), so every as-of time and every filter treats the
 * same items.
 */
function withTreatments(
  config: MappingConfig,
  dataset: FlowDataset,
  compiled: CompiledMapping,
): CompiledMapping {
  const itemTreatment = compileTreatments(config, dataset)
  if (itemTreatment === undefined) return compiled
  const bulk = RULE_FINDINGS.indexOf('bulk_close')
  let treatsBulk = false
  for (let i = 0; i < itemTreatment.length && !treatsBulk; i++)
    treatsBulk = treatmentOf(itemTreatment, i, bulk) !== 0
  if (!treatsBulk) return { ...compiled, itemTreatment }
  const timelines = deriveTimelines(dataset, compiled, Infinity)
  const bulkCloseMs = new Float64Array(dataset.itemCount).fill(NaN)
  for (const i of findBulkCloses(timelines, selectItems(dataset, compiled)))
    bulkCloseMs[i] = timelines.endMs[i]!
  return { ...compiled, itemTreatment, bulkCloseMs }
}
