import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { FlowDataset, WorkItemRecord } from '@openvmo/core'
import { countItems, findItem, listLinks, searchItems } from './item-queries'
import * as model from './model-queries'
import { importRecords } from './record-import'
import { loadFlowDataset } from './dataset-loading'
import { streamRecords } from './record-reading'
import { migrateToLatest, readStoreVersion } from './schema-version'
import * as sources from './source-queries'
import type { Store } from './store'
import type { StoreDialect } from './store-dialect'
import type * as T from './store-types'
import type { Database } from './tables/database'
import { bumpDataVersion, readDataVersion } from './data-version'

/**
 * The one {@link Store} implementation: shared Kysely queries, with the few dialect differences
 * (import path, `ilike`) in a {@link StoreDialect}. Built by `createSqliteStore` and
 * `createPostgresStore`.
 */
export class KyselyStore implements Store {
  readonly #db: Kysely<Database>
  readonly #dialect: StoreDialect

  constructor(db: Kysely<Database>, dialect: StoreDialect) {
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
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.#db)
  }

  migrate(): Promise<number> {
    return migrateToLatest(this.#db, this.#dialect.location)
  }

  async schemaVersion(): Promise<number> {
    return (await readStoreVersion(this.#db)).schemaVersion ?? 0
  }

  importRecords(
    records: AsyncIterable<WorkItemRecord> | Iterable<WorkItemRecord>,
    options: T.StoreImportOptions = {},
  ): Promise<T.StoreImportResult> {
    return importRecords(this.#db, this.#dialect, { records, options })
  }

  streamRecords(filter?: T.RecordFilter): AsyncIterable<WorkItemRecord> {
    return streamRecords(this.#db, filter)
  }

  loadFlowDataset(filter?: T.RecordFilter): Promise<FlowDataset> {
    return loadFlowDataset(this.#db, this.#dialect, filter)
  }

  findItem(source: string, key: string) {
    return findItem(this.#db, source, key)
  }

  searchItems(query: string, options: T.SearchOptions = {}) {
    return searchItems(this.#db, this.#dialect, { query, options })
  }

  listLinks(source: string, key: string) {
    return listLinks(this.#db, source, key)
  }

  countItems() {
    return countItems(this.#db)
  }

  upsertSource(source: T.SourceInput) {
    return sources.upsertSource(this.#db, source)
  }

  listSources() {
    return sources.listSources(this.#db)
  }

  saveMappingVersion(yaml: string) {
    return model.saveMappingVersion(this.#db, yaml)
  }

  findCurrentMapping() {
    return model.findCurrentMapping(this.#db)
  }

  getMappingVersion(version: number) {
    return model.getMappingVersion(this.#db, version)
  }

  async replaceModel(organisation: T.OrganisationModel) {
    await model.replaceModel(this.#db, organisation)
    await bumpDataVersion(this.#db)
  }

  listValueStreams() {
    return model.listModelEntities(this.#db, 'value_streams')
  }

  listProducts() {
    return model.listModelEntities(this.#db, 'products')
  }

  listTeams() {
    return model.listModelEntities(this.#db, 'teams')
  }

  async replaceBusinessResults(points: readonly T.BusinessResultPoint[]) {
    await model.replaceBusinessResults(this.#db, points)
    await bumpDataVersion(this.#db)
  }

  listBusinessResults(stream: string) {
    return model.listBusinessResults(this.#db, stream)
  }

  startSyncRun(source: string) {
    return sources.startSyncRun(this.#db, source)
  }

  finishSyncRun(
    id: number,
    outcome: Exclude<T.SyncOutcome, 'running'>,
    details?: Record<string, unknown>,
  ) {
    return sources
      .finishSyncRun(this.#db, id, { outcome, details })
      .then(() => bumpDataVersion(this.#db))
  }

  dataVersion() {
    return readDataVersion(this.#db)
  }

  listSyncRuns(source: string) {
    return sources.listSyncRuns(this.#db, source)
  }

  findCursor(source: string, scope: string) {
    return sources.findCursor(this.#db, source, scope)
  }

  setCursor(source: string, scope: string, cursor: string) {
    return sources.setCursor(this.#db, { source, scope, cursor })
  }

  putRawPayload(source: string, key: string, payload: unknown) {
    return sources.putRawPayload(this.#db, { source, key, payload })
  }

  findRawPayload(source: string, key: string) {
    return sources.findRawPayload(this.#db, source, key)
  }

  async close(): Promise<void> {
    await this.#db.destroy()
  }
}
