import type { WorkItemRecord } from '@openvmo/core'

/** Options of {@link Store.importRecords}. */
export interface StoreImportOptions {
  /** Sources the import may create get this `kind` (e.g. `ndjson`, `jira`). */
  sourceKind?: string
  /** Returns the raw source payload of a record to keep beside it (undefined: keep none). */
  rawPayloads?: (record: WorkItemRecord) => unknown
  /** Called after each written batch with the running totals. */
  onProgress?: (progress: StoreImportResult) => void
}

/** Outcome of one import: per record, whether it was new, changed or identical. */
export interface StoreImportResult {
  inserted: number
  updated: number
  unchanged: number
  /** Changes written (of inserted and updated records). */
  changes: number
}

/** Filter of {@link Store.streamRecords} and {@link Store.loadFlowDataset}. */
export interface RecordFilter {
  /** Only these sources (all when absent). */
  sources?: readonly string[]
  /** Only these keys (in any of the selected sources). */
  keys?: readonly string[]
}

/** A link seen from one item: `outgoing` when the item links to `other`, else `incoming`. */
export interface ItemLink {
  direction: 'outgoing' | 'incoming'
  type: string
  other: { source: string; key: string }
}

/** A stored link from one item to another (the target parsed into source and key). */
export interface StoredLink {
  from: { source: string; key: string }
  type: string
  to: { source: string; key: string }
}

/** A source with its scopes and how many items it holds. */
export interface SourceInfo {
  name: string
  kind?: string
  scopes: string[]
  itemCount: number
}

/** One saved version of the mapping file. */
export interface MappingVersion {
  version: number
  yaml: string
  /** ISO-8601 UTC. */
  createdAt: string
}

/** Options of {@link Store.saveMappingVersion}. */
export interface MappingSaveOptions {
  /**
   * Save only if the current version is still this one (0: no mapping saved yet): the new text
   * becomes version `expectedVersion + 1`, or the save fails with `CONFLICT` when another writer
   * saved first. The database arbitrates (a unique version number), so of several concurrent
   * saves expecting the same version exactly one succeeds. Absent: save over whatever is current.
   */
  expectedVersion?: number
  /**
   * The organisation model the new version defines (its `products`, `teams`, `customers`), stored
   * in the same transaction as the version; absent: the stored model stays as it is.
   */
  model?: OrganisationModel
}

/** A value stream, product or team: its name and whatever the model says about it. */
export interface ModelEntity {
  name: string
  definition: Record<string, unknown>
}

/** The organisation model, replaced as a whole. */
export interface OrganisationModel {
  valueStreams: readonly ModelEntity[]
  products: readonly ModelEntity[]
  teams: readonly ModelEntity[]
}

/** One point of a business-result series. */
export interface BusinessResultPoint {
  stream: string
  /** e.g. `value`, `cost`, `quality`, `happiness`, or any named metric. */
  metric: string
  /** `YYYY-MM-DD`. */
  date: string
  value: number
}

/** Closed list of the ways to open a store. */
export const STORE_OPEN_MODES = ['create', 'read-existing'] as const
/**
 * `create`: open the store, creating its file or tables when missing (writing commands);
 * `read-existing`: open only a store openvmo already created, and touch nothing else (reading
 * commands): a missing SQLite file is `NOT_FOUND`, a database without openvmo's tables
 * `INVALID_INPUT`, and neither gets created.
 */
export type StoreOpenMode = (typeof STORE_OPEN_MODES)[number]

/** Closed list of sync outcomes. */
export const SYNC_OUTCOMES = ['running', 'succeeded', 'failed', 'canceled'] as const
/** How a sync run ended (or `running`). */
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number]

/** A sync run as stored. */
export interface SyncRun {
  id: number
  source: string
  startedAt: string
  finishedAt?: string
  outcome: SyncOutcome
  details?: Record<string, unknown>
}

/** A scope as the sync engine reads it: its name, kind and value (see the connector's ScopeSpec). */
export interface ScopeDefinition {
  name: string
  kind: string
  value: string
  /** When the key census last ran for it (ISO-8601 UTC). */
  reconciledAt?: string
}

/**
 * A source openvmo syncs: its connector kind and config (never a secret), the encrypted token
 * when one is stored (an opaque envelope; the environment may hold it instead), and its scopes.
 */
export interface SourceDefinition {
  name: string
  kind: string
  config: Record<string, unknown>
  secret?: Record<string, unknown>
  scopes: ScopeDefinition[]
}

/** Who holds a source's sync lease, and until when (ISO-8601 UTC). */
export interface SyncLease {
  owner: string
  acquiredAt: string
  expiresAt: string
}

/** A raw payload to keep: the item's key and the source's payloads it was read from. */
export interface RawPayloadInput {
  key: string
  payload: unknown
}

/** One item's data-quality findings (flag names in the engine's order). */
export interface ItemFindings {
  source: string
  key: string
  flags: string[]
}

/**
 * What the stored findings are: when they were computed (ISO-8601 UTC), as of which instant,
 * with which mapping version, at which data version (see `dataVersion`), how many items were
 * checked, and what made them (`import`, `sync`, `mapping`).
 */
export interface FindingsState {
  computedAt: string
  asOf: string
  mappingVersion: number
  dataVersion: number
  itemsChecked: number
  by: string
}
