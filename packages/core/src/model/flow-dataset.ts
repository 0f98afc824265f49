import type { Dictionary } from './dictionary'
import type { WorkItemRecord } from './work-item-record'
import type { RecordInstants } from './parse-history-line'
import type { ScannedHistoryLine } from './scan-history-line'
import { createFlowDatasetBuilder } from './flow-dataset-builder'

export { createFlowDatasetBuilder }

export { EVENT_STATUS, EVENT_TYPE } from './event-kinds'

/**
 * Work items in columnar form: the engine's input. Item `i`'s status and type changes are events
 * `eventOffset[i] .. eventOffset[i + 1] - 1`, sorted by instant (stable). Statuses and types are
 * interned per source (`qualify(source, name)`), so a mapping can treat `jira:Review` and
 * `github:Review` differently. Instants are epoch ms.
 */
export interface FlowDataset {
  readonly itemCount: number
  readonly sources: Dictionary
  /** Keys are `qualify(source, status)`. */
  readonly statuses: Dictionary
  /** Keys are `qualify(source, type)`. */
  readonly types: Dictionary
  readonly projects: Dictionary
  readonly teams: Dictionary
  readonly itemSource: Uint16Array
  readonly itemKey: readonly string[]
  readonly itemTitle: readonly (string | undefined)[]
  readonly itemUrl: readonly (string | undefined)[]
  /** Project id or -1. */
  readonly itemProject: Int32Array
  /** Team id (the team now) or -1. */
  readonly itemTeam: Int32Array
  readonly itemLabels: readonly (readonly string[] | undefined)[]
  readonly itemFields: readonly (Readonly<Record<string, unknown>> | undefined)[]
  readonly itemParent: readonly (string | undefined)[]
  /** Creation instant; when a change precedes it, the first change's instant (flagged). */
  readonly createdMs: Float64Array
  /** `resolved` when given and not before creation, else NaN. */
  readonly resolvedMs: Float64Array
  /** Status at creation: the `from` of the earliest status change, or the status now. */
  readonly initialStatus: Int32Array
  /** Type at creation: the `from` of the earliest type change, or the type now. */
  readonly initialType: Int32Array
  readonly eventOffset: Uint32Array
  readonly eventAt: Float64Array
  readonly eventKind: Uint8Array
  /** The status or type id after the change. */
  readonly eventValue: Int32Array
  /** The status or type id before the change, -1 when empty. */
  readonly eventFrom: Int32Array
  /** Data-quality bits found while building (see QUALITY_FLAGS). */
  readonly itemQuality: Uint16Array
}

/** How many items and status/type events a builder should make room for. */
export interface FlowDatasetCapacity {
  items?: number
  events?: number
}

/** Incrementally builds a {@link FlowDataset}; records may come in any order. */
export interface FlowDatasetBuilder {
  /** Makes room for at least `capacity` (never shrinks); an optimisation only. */
  reserve(capacity: FlowDatasetCapacity): void
  /**
   * Adds one record. `instants`, when given, must be what `parseHistoryLine` wrote for this very
   * record (its `options.instants`): the timestamps are then taken from it instead of parsed again.
   * The builder reads `record.changes` (and `instants`) during the call only, so a caller may
   * reuse them for the next record; the other values it keeps.
   */
  add(record: WorkItemRecord, instants?: Readonly<RecordInstants>): void
  /**
   * Adds a line `HistoryLineScanner.scan` accepted (its bytes are read during the call only): the
   * same item, events, ids and flags as `add` with that line's parsed record, without the record.
   * Items may share label lists and `fields` objects (equal bytes, one object; both read-only).
   */
  addScanned(line: ScannedHistoryLine): void
  readonly itemCount: number
  build(): FlowDataset
}

/** Builds a {@link FlowDataset} from records in one call. */
export function createFlowDataset(records: Iterable<WorkItemRecord>): FlowDataset {
  const builder = createFlowDatasetBuilder()
  for (const record of records) builder.add(record)
  return builder.build()
}
