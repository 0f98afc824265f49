import type { MigrationDb } from './migration-helpers'
import { keyText, setSchemaVersion } from './migration-helpers'

/**
 * Experiments: process changes recorded with their hypothesis, windows, scope, targets and
 * control (see `ExperimentDefinition` in core). The definition is kept whole as JSON; the stream
 * of its scope has a column of its own, for reading per stream. Additive: nothing older changes.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('experiments')
    .addColumn('id', keyText(db), (col) => col.primaryKey())
    .addColumn('stream', keyText(db), (col) => col.notNull())
    .addColumn('definition', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('experiments_stream').on('experiments').column('stream').execute()
  await setSchemaVersion(db, 12)
}

/** Drops what {@link up} added. */
export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('experiments').execute()
  await setSchemaVersion(db, 11)
}
