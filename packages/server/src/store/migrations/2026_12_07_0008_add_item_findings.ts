import type { MigrationDb } from './migration-helpers'
import { clustered, keyText, setSchemaVersion } from './migration-helpers'

/**
 * The data-quality findings of every item with at least one, as of the end of the last import or
 * sync (their state — when, as of when, with which mapping and data version — is the
 * `findings_state` row of `openvmo_meta`). Additive: nothing older changes.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('item_findings')
    .addColumn('source', keyText(db), (col) => col.notNull())
    .addColumn('key', keyText(db), (col) => col.notNull())
    // the finding names, comma-separated, in the engine's order
    .addColumn('flags', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('item_findings_pk', ['source', 'key'])
    .modifyEnd(clustered(db))
    .execute()
  await setSchemaVersion(db, 8)
}

/** Drops what {@link up} added. */
export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('item_findings').execute()
  await db.deleteFrom('openvmo_meta').where('key', '=', 'findings_state').execute()
  await setSchemaVersion(db, 7)
}
