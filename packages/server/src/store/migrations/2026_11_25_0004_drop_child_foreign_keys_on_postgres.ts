import type { MigrationDb } from './migration-helpers'
import { isPostgres, setSchemaVersion } from './migration-helpers'

const CHILD_TABLES = ['work_item_changes', 'work_item_links'] as const

/** PostgreSQL's default name of a child table's `item_id` foreign key (set by migration 0001). */
const foreignKey = (table: string) => `${table}_item_id_fkey`

/**
 * Drops the foreign keys `work_item_changes → work_items` and `work_item_links → work_items` on
 * PostgreSQL only: checking them costs a lookup per COPY'd row, a large share of an import of
 * 10M changes. Integrity is kept by the store's single-transaction writes, which delete and
 * re-insert an item's children together with the item (and items are never deleted). SQLite
 * keeps its keys, which cost little there.
 */
export async function up(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    for (const table of CHILD_TABLES)
      await db.schema.alterTable(table).dropConstraint(foreignKey(table)).execute()
  }
  await setSchemaVersion(db, 4)
}

/** Re-adds the foreign keys as migration 0001 made them (validated against every row). */
export async function down(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    for (const table of CHILD_TABLES) {
      await db.schema
        .alterTable(table)
        .addForeignKeyConstraint(foreignKey(table), ['item_id'], 'work_items', ['id'], (fk) =>
          fk.onDelete('cascade'),
        )
        .execute()
    }
  }
  await setSchemaVersion(db, 3)
}
