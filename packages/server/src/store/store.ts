import type { FlowDataset, WorkItemRecord } from '@openvmo/core'
import type {
  BusinessResultPoint,
  StoreImportOptions,
  StoreImportResult,
  ItemLink,
  MappingSaveOptions,
  MappingVersion,
  ModelEntity,
  OrganisationModel,
  RecordFilter,
  SearchOptions,
  SourceInfo,
  SourceInput,
  SyncOutcome,
  SyncRun,
  WorkItemSummary,
} from './store-types'

/** Which database a store runs on. */
export type StoreDialectName = 'sqlite' | 'postgres'

/**
 * Where openvmo keeps work items, their history, the model and sync state. One implementation
 * (`KyselyStore`) over SQLite and PostgreSQL; every method behaves the same on both, which
 * `store.contract.ts` checks. Instants are ISO-8601 text; unknown items are `undefined` from
 * `find*` and `NOT_FOUND` from `get*`.
 *
 * Every method fails with the store's own errors when the database does: `STORE_UNAVAILABLE`
 * when it cannot be reached (connection refused or lost, database missing; a later call
 * reconnects by itself), `STORE_READ_ONLY` when the file cannot be written, `STORE_BUSY` when
 * another writer held the write lock for longer than the store waits.
 */
export interface Store {
  readonly dialect: StoreDialectName
  /** Runs pending migrations; refuses (`STORE_VERSION_UNSUPPORTED`) a store from a newer build. */
  migrate(): Promise<number>
  /** The schema version the store is at. */
  schemaVersion(): Promise<number>
  /**
   * Upserts records by (source, key) in ONE transaction: all are stored or, when the iterable
   * throws or a record is invalid, none (the store is exactly as before). A record identical to
   * the stored one (same content hash) is `unchanged` and not rewritten, so importing twice
   * changes nothing. Sources are created on first sight.
   */
  importRecords(
    records: AsyncIterable<WorkItemRecord> | Iterable<WorkItemRecord>,
    options?: StoreImportOptions,
  ): Promise<StoreImportResult>
  /** Records ordered by source, then key (byte order), each exactly as imported. */
  streamRecords(filter?: RecordFilter): AsyncIterable<WorkItemRecord>
  /** The engine's dataset of the selected items, in the order they were first stored. */
  loadFlowDataset(filter?: RecordFilter): Promise<FlowDataset>
  findItem(source: string, key: string): Promise<WorkItemRecord | undefined>
  /** Case-insensitive substring search over key, title and fields; exact key matches first. */
  searchItems(query: string, options?: SearchOptions): Promise<WorkItemSummary[]>
  /** Links of an item in both directions, across sources (outgoing first, in recorded order). */
  listLinks(source: string, key: string): Promise<ItemLink[]>
  countItems(): Promise<{ items: number; changes: number; links: number }>
  /**
   * A counter that grows with every write that changes what metrics see: an import that inserted
   * or changed items, a model or business-results replacement, a finished sync. Mapping saves are
   * versioned separately (`findCurrentMapping`). Instances compare it to know when to reload.
   */
  dataVersion(): Promise<number>
  upsertSource(source: SourceInput): Promise<void>
  /** Sources by name, with scopes and item counts. */
  listSources(): Promise<SourceInfo[]>
  /**
   * Saves the mapping file as the next version and returns it. Saving the current text again
   * returns the current version (whatever `expectedVersion` says). With `expectedVersion`, the save
   * is conditional: `CONFLICT` unless that is still the current version (see
   * {@link MappingSaveOptions}); without it, concurrent saves each get their own version.
   */
  saveMappingVersion(yaml: string, options?: MappingSaveOptions): Promise<number>
  findCurrentMapping(): Promise<MappingVersion | undefined>
  /** Throws `NOT_FOUND` for an unknown version. */
  getMappingVersion(version: number): Promise<MappingVersion>
  replaceModel(model: OrganisationModel): Promise<void>
  listValueStreams(): Promise<ModelEntity[]>
  listProducts(): Promise<ModelEntity[]>
  listTeams(): Promise<ModelEntity[]>
  /** Replaces every series of the streams named in `points` (other streams are kept). */
  replaceBusinessResults(points: readonly BusinessResultPoint[]): Promise<void>
  /** A stream's points ordered by metric, then date. */
  listBusinessResults(stream: string): Promise<BusinessResultPoint[]>
  /** Records the start of a sync of `source` (created when unknown); returns the run id. */
  startSyncRun(source: string): Promise<number>
  finishSyncRun(
    id: number,
    outcome: Exclude<SyncOutcome, 'running'>,
    details?: Record<string, unknown>,
  ): Promise<void>
  /** Runs of a source, newest first. */
  listSyncRuns(source: string): Promise<SyncRun[]>
  findCursor(source: string, scope: string): Promise<string | undefined>
  setCursor(source: string, scope: string, cursor: string): Promise<void>
  /** Keeps the raw payload of an item (replacing an older one). */
  putRawPayload(source: string, key: string, payload: unknown): Promise<void>
  findRawPayload(source: string, key: string): Promise<unknown>
  close(): Promise<void>
}
