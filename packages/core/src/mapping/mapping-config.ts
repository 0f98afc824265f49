import type { FlowItemMapping, FlowState } from '../model/flow-vocabulary'
import type { LabelStatesConfig } from './label-states'

/**
 * A field condition of a rule or value-stream match: field name → accepted value(s). Fields are
 * `source`, `project`, `team`, `type`, `labels` (matches when any label is listed), `key`, or any
 * key of the item's `fields` object. Values match case-insensitively. All conditions must hold.
 */
export type FieldMatch = Readonly<Record<string, string | readonly string[]>>

/**
 * The data-quality findings a rule can act on (`when: { finding: … }`): those that end an item
 * where its recorded history does not say it was delivered.
 */
export const RULE_FINDINGS = [
  'bulk_close',
  'closed_without_resolution',
  'resolved_before_created',
  'done_without_start',
] as const
export type RuleFinding = (typeof RULE_FINDINGS)[number]

/**
 * What a rule with `treatAs` does to the items of its findings: `canceled` ends them as canceled
 * (not delivered: out of velocity, flow time and throughput, kept in load until their end);
 * `excluded` leaves them out of every figure; `recorded` keeps them as recorded (the default, to
 * exempt some items from a later rule).
 */
export const TREAT_AS = ['recorded', 'canceled', 'excluded'] as const
export type TreatAs = (typeof TREAT_AS)[number]

/** A conditional mapping rule: evaluated in order, the first match wins (docs/configuration.md). */
export interface MappingRule {
  when: FieldMatch
  /** With `treatAs`: the findings the rule acts on (`when.finding` in the file). */
  findings?: readonly RuleFinding[]
  /** What the items of `findings` (matching `when`) become. */
  treatAs?: TreatAs
  /** Overrides the artifact-type mapping for matching items. */
  flowItem?: FlowItemMapping
  /** Overrides the state mapping of the listed tool states (possibly source-qualified) for matching items. */
  states?: Readonly<Record<string, FlowState>>
}

/** A product value stream and the items that belong to it (items may belong to several). */
export interface ValueStreamConfig {
  name: string
  match: FieldMatch
  /** Optional: targets for Flow Distribution (shares summing to 1), shown against actuals. */
  distributionTarget?: Partial<Record<'feature' | 'defect' | 'risk' | 'debt', number>>
}

/**
 * The mapping and model of `openvmo.yaml` (docs/configuration.md), validated. Names in `flowItems` and
 * `states` match case-insensitively and may be source-qualified (`jira:Review`).
 */
export interface MappingConfig {
  /** IANA zone for day/week/month boundaries; default UTC. */
  timezone: string
  flowItems: Partial<Record<FlowItemMapping, readonly string[]>>
  states: Partial<Record<FlowState, readonly string[]>>
  /** An explicitly configured state for unmapped tool states (never guessed). */
  defaultState?: FlowState
  /** An explicitly configured mapping for unmapped artifact types. */
  defaultFlowItem?: FlowItemMapping
  rules: readonly MappingRule[]
  valueStreams: readonly ValueStreamConfig[]
  /** Labels whose history is the items' state history (see `applyLabelStates`). */
  labelStates?: LabelStatesConfig
}

/**
 * A {@link MappingConfig} resolved against one dataset's dictionaries: what the engine reads.
 * Produced by `compileMapping`, which refuses unmapped values.
 */
export interface CompiledMapping {
  readonly timezone: string
  /** FLOW_STATES index per dataset status id. Table 0 is the default; rules with `states` add tables. */
  readonly stateTables: readonly Uint8Array[]
  /** Per item: index into `stateTables`. */
  readonly itemStateTable: Uint8Array
  /** FLOW_ITEM_MAPPINGS index per dataset type id. */
  readonly typeMapping: Uint8Array
  /** Per item: the FLOW_ITEM_MAPPINGS index forced by a rule, or {@link NO_OVERRIDE}. */
  readonly itemFlowItemOverride: Uint8Array
  /** Dataset status ids in workflow order (by flow state, then by order in the mapping file). */
  readonly statusOrder: Int32Array
  /** Value streams with the ascending indexes of their items. */
  readonly valueStreams: readonly { readonly name: string; readonly items: Uint32Array }[]
  /**
   * Per item, 1 when it uses a status or type that maps to nothing (compiled with `onUnmapped:
   * 'exclude'`): such items are left out of every computation. Absent when every item maps.
   */
  readonly excludedItems?: Uint8Array
  /** The values that map to nothing, with the items using them (empty lists when all map). */
  readonly unmapped: UnmappedSummary
  /**
   * Per item, what rules with `treatAs` do to its findings: 2 bits per finding of
   * {@link RULE_FINDINGS} (in that order), each a {@link TREAT_AS} index. Absent without such rules.
   */
  readonly itemTreatment?: Uint8Array
  /**
   * Per item, the instant of the bulk close it was completed in (over every mapped item, after
   * every change), NaN when none. Present when a rule treats `bulk_close`.
   */
  readonly bulkCloseMs?: Float64Array
}

/** The {@link TREAT_AS} index a compiled item treatment gives finding `finding` (RULE_FINDINGS index). */
export function treatmentOf(itemTreatment: Uint8Array, item: number, finding: number): number {
  return (itemTreatment[item]! >> (finding * 2)) & 3
}

/** A status or artifact type that maps to nothing, and how many items use it unmapped. */
export interface UnmappedValue {
  source: string
  name: string
  items: number
}

/** What a mapping leaves unmapped: statuses, types, and the number of items left out. */
export interface UnmappedSummary {
  readonly states: readonly UnmappedValue[]
  readonly types: readonly UnmappedValue[]
  /** Items using at least one of them (left out when compiled with `onUnmapped: 'exclude'`). */
  readonly items: number
}

/** Marker in {@link CompiledMapping.itemFlowItemOverride}: no rule applies. */
export const NO_OVERRIDE = 255
