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

/** A search hit or a short description of an item. */
export interface WorkItemSummary {
  source: string
  key: string
  type: string
  status: string
  title?: string
  url?: string
}

/** Paging of {@link Store.searchItems}. */
export interface SearchOptions {
  /** Default 50. */
  limit?: number
  /** Default 0. */
  offset?: number
}

/** A link seen from one item: `outgoing` when the item links to `other`, else `incoming`. */
export interface ItemLink {
  direction: 'outgoing' | 'incoming'
  type: string
  other: { source: string; key: string }
}

/** A source with its scopes and how many items it holds. */
export interface SourceInfo {
  name: string
  kind?: string
  scopes: string[]
  itemCount: number
}

/** Input of {@link Store.upsertSource}. */
export interface SourceInput {
  name: string
  kind?: string
  /** Scopes to add (existing scopes are kept). */
  scopes?: readonly string[]
}

/** One saved version of the mapping file. */
export interface MappingVersion {
  version: number
  yaml: string
  /** ISO-8601 UTC. */
  createdAt: string
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
