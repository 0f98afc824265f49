import type { MigrationDb } from './migration-helpers'
import { setSchemaVersion } from './migration-helpers'

/**
 * Adds `work_items.content_hash`, the sha256 of the canonical record, which makes a repeated
 * import a no-op. Rows from version 1 keep a null hash: their next import rewrites them once.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('work_items').addColumn('content_hash', 'text').execute()
  await setSchemaVersion(db, 2)
}

/** Drops the column again; every other value stays. */
export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('work_items').dropColumn('content_hash').execute()
  await setSchemaVersion(db, 1)
}
