import type { Kysely, Transaction } from 'kysely'
import type { StoreDialectName } from './store'
import type { WritableRecord } from './record-encoding'
import type { Database } from './tables/database'

/** Counts of one written batch. */
export interface BatchOutcome {
  inserted: number
  updated: number
  unchanged: number
  changes: number
}

/** Writes batches of records inside the import's one transaction. */
export interface RecordWriter {
  /** `batch` holds each (source, key) at most once. */
  writeBatch(batch: readonly WritableRecord[]): Promise<BatchOutcome>
}

/** The body of an import transaction. */
export type ImportWork<T> = (trx: Transaction<Database>, writer: RecordWriter) => Promise<T>

/** Work-item row fields the dataset loader reads, ordered by id. */
export interface DatasetItemRow {
  id: number
  source_id: number
  key: string
  url: string | null
  project: string | null
  type: string
  title: string | null
  created: string
  status: string
  team: string | null
  labels_json: string | null
  parent: string | null
  resolved: string | null
  fields_json: string | null
  flow_events: string | null
}

/**
 * What differs between SQLite and PostgreSQL, kept in one small object (ANCHORS §6.4);
 * everything else is the shared Kysely code of `KyselyStore`.
 */
export interface StoreDialect {
  readonly name: StoreDialectName
  /** Where the store lives, for messages (never containing a password). */
  readonly location: string
  /** `like` on SQLite (ASCII case-insensitive already), `ilike` on PostgreSQL. */
  readonly likeOperator: 'like' | 'ilike'
  /** Rows per batch of an import. */
  readonly importBatchSize: number
  /**
   * Runs `work` in one transaction with this dialect's writer bound to it: the unit an import
   * commits or rolls back as a whole.
   */
  transactImport<T>(db: Kysely<Database>, work: ImportWork<T>): Promise<T>
  /** Closes anything the dialect opened beside Kysely (prepared statements, pools). */
  close?(db: Kysely<Database>): Promise<void>
}
