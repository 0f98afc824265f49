import type { MigrationDb } from './migration-helpers'
import { keyText, setSchemaVersion } from './migration-helpers'

/**
 * What live sync keeps: a source's connector config and its encrypted token, each scope's kind
 * and value, which scope delivered each raw payload (the census of deletions per scope), a lease
 * per source (at most one sync of a source at a time, across processes), and tombstones of items
 * the source no longer has. Additive: every older row stays as it is.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('sources').addColumn('config_json', 'text').execute()
  await db.schema.alterTable('sources').addColumn('secret_json', 'text').execute()
  await db.schema.alterTable('scopes').addColumn('kind', 'text').execute()
  await db.schema.alterTable('scopes').addColumn('value', 'text').execute()
  await db.schema.alterTable('scopes').addColumn('reconciled_at', 'text').execute()
  await db.schema.alterTable('raw_payloads').addColumn('scope', keyText(db)).execute()
  await db.schema
    .createIndex('raw_payloads_scope')
    .on('raw_payloads')
    .columns(['source_id', 'scope'])
    .execute()
  await db.schema
    .createTable('sync_leases')
    .addColumn('source_id', 'integer', (col) => col.primaryKey())
    .addColumn('owner', 'text', (col) => col.notNull())
    .addColumn('acquired_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createTable('deleted_items')
    .addColumn('source_id', 'integer', (col) => col.notNull())
    .addColumn('key', keyText(db), (col) => col.notNull())
    .addColumn('scope', keyText(db))
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('deleted_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('deleted_items_pk', ['source_id', 'key'])
    .execute()
  await setSchemaVersion(db, 7)
}

/** Drops what {@link up} added; items, changes, sources and runs stay. */
export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('deleted_items').execute()
  await db.schema.dropTable('sync_leases').execute()
  await db.schema.dropIndex('raw_payloads_scope').execute()
  await db.schema.alterTable('raw_payloads').dropColumn('scope').execute()
  await db.schema.alterTable('scopes').dropColumn('reconciled_at').execute()
  await db.schema.alterTable('scopes').dropColumn('value').execute()
  await db.schema.alterTable('scopes').dropColumn('kind').execute()
  await db.schema.alterTable('sources').dropColumn('secret_json').execute()
  await db.schema.alterTable('sources').dropColumn('config_json').execute()
  await setSchemaVersion(db, 6)
}
