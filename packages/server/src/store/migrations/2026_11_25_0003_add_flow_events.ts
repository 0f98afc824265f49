import type { MigrationDb } from './migration-helpers'
import { setSchemaVersion } from './migration-helpers'
import { packVersion3, rewriteFlowEvents } from './flow-events-backfill'

/**
 * Adds `work_items.flow_events`: the item's status and type changes packed into one text value
 * (the version-3 format of `packVersion3`; migration 0005 replaces it), so loading the engine's dataset reads one row per item instead of
 * one per change. `work_item_changes` stays the exact record of every change (streams, exports).
 * Rows of version 2 are backfilled from their change rows, in one transaction.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('work_items').addColumn('flow_events', 'text').execute()
  await rewriteFlowEvents(db, packVersion3)
  await setSchemaVersion(db, 3)
}

/** Drops the column again; every other value stays. */
export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('work_items').dropColumn('flow_events').execute()
  await setSchemaVersion(db, 2)
}
