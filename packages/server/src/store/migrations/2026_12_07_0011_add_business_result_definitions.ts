import type { MigrationDb } from './migration-helpers'
import { keyText, setSchemaVersion } from './migration-helpers'

/**
 * What each stream wants of its business results: per (stream, metric) a category (value, cost,
 * quality, happiness), a unit, a direction (higher or lower is better) and an optional target
 * with the date it should be reached by. The points stay in `business_results`. Additive:
 * nothing older changes.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('business_result_definitions')
    .addColumn('stream', keyText(db), (col) => col.notNull())
    .addColumn('metric', keyText(db), (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('unit', 'text', (col) => col.notNull())
    .addColumn('direction', 'text', (col) => col.notNull())
    .addColumn('target', 'double precision')
    // YYYY-MM-DD
    .addColumn('target_date', 'text')
    .addColumn('description', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('business_result_definitions_pk', ['stream', 'metric'])
    .execute()
  await setSchemaVersion(db, 11)
}

/** Drops what {@link up} added. */
export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('business_result_definitions').execute()
  await setSchemaVersion(db, 10)
}
