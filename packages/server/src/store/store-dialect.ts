import type { CompiledQuery, Kysely, Transaction } from 'kysely'
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

/**
 * What differs between SQLite and PostgreSQL, kept in one small object (ANCHORS §6.4);
 * everything else is the shared Kysely code of `KyselyStore`.
 */
export interface StoreDialect {
  readonly name: StoreDialectName
  /** Where the store lives, for messages (never containing a password). */
  readonly location: string
  /** Rows per batch of an import. */
  readonly importBatchSize: number
  /**
   * Runs `work` in one transaction with this dialect's writer bound to it: the unit an import
   * commits or rolls back as a whole.
   */
  transactImport<T>(db: Kysely<Database>, work: ImportWork<T>): Promise<T>
  /**
   * Runs a compiled select and returns its rows as arrays of column values in select order: no
   * object per row, which matters when loading millions of rows (better-sqlite3's `raw` mode,
   * pg's `rowMode: 'array'`). Runs on a connection of `db`, as Kysely would (on SQLite it waits
   * for an open transaction to end rather than read its uncommitted rows).
   */
  selectArrays(db: Kysely<Database>, query: CompiledQuery): Promise<unknown[][]>
  /**
   * Streams the rows of a parameterless select in batches, values typed per column (numbers or
   * text, null for NULL), when the dialect has a faster way than pages of {@link selectArrays}
   * (PostgreSQL's `COPY … TO STDOUT`).
   */
  streamRows?(select: string, types: readonly ('number' | 'text')[]): AsyncIterable<unknown[][]>
  /**
   * The store's error for a driver's error: `STORE_UNAVAILABLE` (cannot reach or open the
   * database), `STORE_READ_ONLY`, `STORE_BUSY`, each naming the store; any other error (a
   * `VmoError`, a failing input, a bug) is returned unchanged.
   */
  translateError(error: unknown): unknown
  /** Closes anything the dialect opened beside Kysely (prepared statements, pools). */
  close?(db: Kysely<Database>): Promise<void>
}
