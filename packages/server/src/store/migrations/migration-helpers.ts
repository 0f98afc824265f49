import { PostgresAdapter, sql } from 'kysely'
import type { ColumnDataType, CreateTableBuilder, Expression, Kysely } from 'kysely'

/**
 * The database a migration sees. `any`, as Kysely recommends: a migration is frozen in time and
 * must not follow later changes of the `Database` interface.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MigrationDb = Kysely<any>

/** A column type: a name Kysely knows, or raw SQL. */
export type DataTypeExpression = ColumnDataType | Expression<unknown>

/** Whether a migration runs on PostgreSQL (else SQLite). */
export function isPostgres(db: MigrationDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/**
 * Text compared byte by byte. PostgreSQL's default collation sorts by locale, SQLite's by
 * bytes; `collate "C"` makes keys sort the same on both, so exports and pages agree.
 */
export function keyText(db: MigrationDb): DataTypeExpression {
  return isPostgres(db) ? sql`text collate "C"` : 'text'
}

/** Adds an auto-generated integer primary key `id` (identity on PostgreSQL, rowid on SQLite). */
export function withId<T extends string>(
  db: MigrationDb,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'integer', (col) => col.generatedByDefaultAsIdentity().primaryKey())
    : table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
}

/**
 * Table suffix storing rows in primary-key order. On SQLite, `without rowid` makes a child
 * table's rows of one item contiguous, so reading an item range is a sequential scan instead of
 * one random lookup per row (loading the dataset is 3x faster); PostgreSQL needs nothing.
 */
export function clustered(db: MigrationDb): Expression<unknown> {
  return isPostgres(db) ? sql`` : sql`without rowid`
}

/** Epoch milliseconds: a double on both databases (exact for whole ms, read back as number). */
export const EPOCH_MS: DataTypeExpression = 'double precision'

/** Records the schema version a migration leaves the store at (read by the version check). */
export async function setSchemaVersion(db: MigrationDb, version: number): Promise<void> {
  await db.deleteFrom('openvmo_meta').where('key', '=', 'schema_version').execute()
  await db
    .insertInto('openvmo_meta')
    .values({ key: 'schema_version', value: String(version) })
    .execute()
}
