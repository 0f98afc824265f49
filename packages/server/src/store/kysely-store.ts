import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { FlowDataset, ResultDefinition, WorkItemRecord } from '@openvmo/core'
import { countItems, listAllLinks, listItemKeys, listLinks } from './item-queries'
import * as model from './model-queries'
import * as results from './result-queries'
import { importRecords } from './record-import'
import { loadFlowDataset } from './dataset-loading'
import { streamRecords } from './record-reading'
import { migrateToLatest, readStoreVersion } from './schema-version'
import * as sources from './source-queries'
import * as sync from './sync-state-queries'
import type { Store } from './store'
import { KyselyAccountStore } from './kysely-account-store'
import type { StoreDialect } from './store-dialect'
import type * as T from './store-types'
import type { Database } from './tables/database'
import { bumpDataVersion, readDataVersion } from './data-version'
import * as findings from './finding-queries'

/**
 * The one {@link Store} implementation: shared Kysely queries, with the few dialect differences
 * (import path, `ilike`, driver errors) in a {@link StoreDialect}. Built by `createSqliteStore`
 * and `createPostgresStore`. Every public method passes its errors through the dialect's
 * `translateError` (here, once), so callers see `STORE_UNAVAILABLE`, `STORE_READ_ONLY` or
 * `STORE_BUSY` instead of a driver's error.
 */
export class KyselyStore extends KyselyAccountStore implements Store {
  readonly #db: Kysely<Database>
  readonly #dialect: StoreDialect

  constructor(db: Kysely<Database>, dialect: StoreDialect) {
    super(db, dialect)
    this.#db = db
    this.#dialect = dialect
  }

  /** Which database the store runs on. */
  get dialect() {
    return this.#dialect.name
  }

  /** Where the store lives, safe to show (no password). */
  get location(): string {
    return this.#dialect.location
  }

  /** Runs one trivial query: throws when the database cannot be reached. */
  ping(): Promise<void> {
    return this.guard(async () => {
      await sql`select 1`.execute(this.#db)
    })
  }

  /** Whether the database holds an openvmo store (it ran openvmo's migrations). */
  isOpenvmoStore(): Promise<boolean> {
    return this.guard(async () => {
      const info = await readStoreVersion(this.#db)
      return info.schemaVersion !== undefined || info.migrations.length > 0
    })
  }

  migrate(): Promise<number> {
    return this.guard(() => migrateToLatest(this.#db, this.#dialect.location))
  }

  importRecords(
    records: AsyncIterable<WorkItemRecord> | Iterable<WorkItemRecord>,
    options: T.StoreImportOptions = {},
  ): Promise<T.StoreImportResult> {
    return this.guard(() => importRecords(this.#db, this.#dialect, { records, options }))
  }

  async *streamRecords(filter?: T.RecordFilter): AsyncIterable<WorkItemRecord> {
    try {
      yield* streamRecords(this.#db, filter)
    } catch (error) {
      throw this.#dialect.translateError(error)
    }
  }

  loadFlowDataset(filter?: T.RecordFilter): Promise<FlowDataset> {
    return this.guard(() => loadFlowDataset(this.#db, this.#dialect, filter))
  }

  listLinks(source: string, key: string) {
    return this.guard(() => listLinks(this.#db, source, key))
  }

  listAllLinks() {
    return this.guard(() => listAllLinks(this.#db))
  }

  countItems() {
    return this.guard(() => countItems(this.#db))
  }

  listItemKeys() {
    return this.guard(() => listItemKeys(this.#db))
  }

  listSources() {
    return this.guard(() => sources.listSources(this.#db))
  }

  saveMappingVersion(yaml: string, options: T.MappingSaveOptions = {}) {
    return this.guard(async () => {
      const version = await model.saveMappingVersion(this.#db, yaml, options)
      // the model's lists are read under the data version: a new model is new data
      if (options.model) await bumpDataVersion(this.#db)
      return version
    })
  }

  findCurrentMapping() {
    return this.guard(() => model.findCurrentMapping(this.#db))
  }

  getMappingVersion(version: number) {
    return this.guard(() => model.getMappingVersion(this.#db, version))
  }

  replaceModel(organisation: T.OrganisationModel) {
    return this.guard(async () => {
      await model.replaceModel(this.#db, organisation)
      await bumpDataVersion(this.#db)
    })
  }

  listValueStreams() {
    return this.guard(() => model.listModelEntities(this.#db, 'value_streams'))
  }

  listProducts() {
    return this.guard(() => model.listModelEntities(this.#db, 'products'))
  }

  listTeams() {
    return this.guard(() => model.listModelEntities(this.#db, 'teams'))
  }

  replaceBusinessResults(points: readonly T.BusinessResultPoint[]) {
    return this.guard(async () => {
      await model.replaceBusinessResults(this.#db, points)
      await bumpDataVersion(this.#db)
    })
  }

  listBusinessResults(stream: string) {
    return this.guard(() => model.listBusinessResults(this.#db, stream))
  }

  upsertBusinessResults(points: readonly T.BusinessResultPoint[]) {
    return this.guard(async () => {
      const counts = await results.upsertResultPoints(this.#db, points)
      if (points.length > 0) await bumpDataVersion(this.#db)
      return counts
    })
  }

  saveResultDefinition(definition: ResultDefinition, atIso: string) {
    return this.guard(() => results.saveResultDefinition(this.#db, definition, atIso))
  }

  listResultDefinitions(stream?: string) {
    return this.guard(() => results.listResultDefinitions(this.#db, stream))
  }

  startSyncRun(source: string) {
    return this.guard(() => sources.startSyncRun(this.#db, source))
  }

  finishSyncRun(
    id: number,
    outcome: Exclude<T.SyncOutcome, 'running'>,
    details?: Record<string, unknown>,
  ) {
    return this.guard(async () => {
      await sources.finishSyncRun(this.#db, id, { outcome, details })
      await bumpDataVersion(this.#db)
    })
  }

  dataVersion() {
    return this.guard(() => readDataVersion(this.#db))
  }

  listSyncRuns(source: string) {
    return this.guard(() => sources.listSyncRuns(this.#db, source))
  }

  findCursor(source: string, scope: string) {
    return this.guard(() => sources.findCursor(this.#db, source, scope))
  }

  setCursor(source: string, scope: string, cursor: string) {
    return this.guard(() => sources.setCursor(this.#db, { source, scope, cursor }))
  }

  deleteItems(
    source: string,
    at: { keys: readonly string[]; scope: string | null; reason: string },
  ) {
    return this.guard(() => sync.deleteItems(this.#db, { source, ...at }))
  }

  saveSource(source: T.SourceDefinition) {
    return this.guard(() => sync.saveSource(this.#db, source))
  }

  findSource(name: string) {
    return this.guard(() => sync.findSource(this.#db, name))
  }

  removeSource(name: string) {
    return this.guard(() => sync.removeSource(this.#db, name))
  }

  acquireLease(
    source: string,
    at: { owner: string; nowMs: number; ttlMs: number; replacing?: string },
  ) {
    return this.guard(() => sync.acquireLease(this.#db, { source, ...at }))
  }

  releaseLease(source: string, owner: string) {
    return this.guard(() => sync.releaseLease(this.#db, { source, owner }))
  }

  putRawPayloads(source: string, scope: string | null, items: readonly T.RawPayloadInput[]) {
    return this.guard(() => sync.putRawPayloads(this.#db, { source, scope, items }))
  }

  listScopeKeys(source: string, scope: string) {
    return this.guard(() => sync.listScopeKeys(this.#db, { source, scope }))
  }

  markReconciled(source: string, scope: string, atMs: number) {
    return this.guard(() => sync.markReconciled(this.#db, { source, scope, atMs }))
  }

  findRawPayload(source: string, key: string) {
    return this.guard(() => sources.findRawPayload(this.#db, source, key))
  }

  replaceItemFindings(items: readonly T.ItemFindings[], state: T.FindingsState) {
    return this.guard(() => findings.replaceItemFindings(this.#db, items, state))
  }

  listItemFindings(filter?: { source?: string; key?: string }) {
    return this.guard(() => findings.listItemFindings(this.#db, filter))
  }

  findFindingsState() {
    return this.guard(() => findings.findFindingsState(this.#db))
  }

  async close(): Promise<void> {
    await this.#dialect.close?.(this.#db)
    await this.#db.destroy()
  }
}
