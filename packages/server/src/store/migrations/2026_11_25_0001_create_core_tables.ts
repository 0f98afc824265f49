import type { MigrationDb } from './migration-helpers'
import { EPOCH_MS, clustered, keyText, setSchemaVersion, withId } from './migration-helpers'

async function createSourceTables(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('openvmo_meta')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute()
  await withId(db, db.schema.createTable('sources'))
    .addColumn('name', keyText(db), (col) => col.notNull().unique())
    .addColumn('kind', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
  await withId(db, db.schema.createTable('scopes'))
    .addColumn('source_id', 'integer', (col) => col.notNull().references('sources.id'))
    .addColumn('name', keyText(db), (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('scopes_source_name', ['source_id', 'name'])
    .execute()
  await db.schema
    .createTable('raw_payloads')
    .addColumn('source_id', 'integer', (col) => col.notNull().references('sources.id'))
    .addColumn('key', keyText(db), (col) => col.notNull())
    .addColumn('payload_json', 'text', (col) => col.notNull())
    .addColumn('stored_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('raw_payloads_pk', ['source_id', 'key'])
    .execute()
}

async function createWorkItemTables(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('work_items'))
    .addColumn('source_id', 'integer', (col) => col.notNull().references('sources.id'))
    .addColumn('key', keyText(db), (col) => col.notNull())
    .addColumn('external_id', 'text')
    .addColumn('url', 'text')
    .addColumn('project', 'text')
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('title', 'text')
    .addColumn('created', 'text', (col) => col.notNull())
    .addColumn('created_ms', EPOCH_MS, (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('team', 'text')
    .addColumn('labels_json', 'text')
    .addColumn('parent', 'text')
    .addColumn('resolved', 'text')
    .addColumn('resolved_ms', EPOCH_MS)
    .addColumn('fields_json', 'text')
    .addColumn('link_count', 'integer')
    .addUniqueConstraint('work_items_source_key', ['source_id', 'key'])
    .execute()
  // Changes and links are always read by item, in ordinal order: the primary key serves both.
  await db.schema
    .createTable('work_item_changes')
    .addColumn('item_id', 'integer', (col) =>
      col.notNull().references('work_items.id').onDelete('cascade'),
    )
    .addColumn('ordinal', 'integer', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('at_ms', EPOCH_MS, (col) => col.notNull())
    .addColumn('field', 'text', (col) => col.notNull())
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addPrimaryKeyConstraint('work_item_changes_pk', ['item_id', 'ordinal'])
    .modifyEnd(clustered(db))
    .execute()
  await db.schema
    .createTable('work_item_links')
    .addColumn('item_id', 'integer', (col) =>
      col.notNull().references('work_items.id').onDelete('cascade'),
    )
    .addColumn('ordinal', 'integer', (col) => col.notNull())
    .addColumn('link_type', 'text', (col) => col.notNull())
    .addColumn('target', 'text', (col) => col.notNull())
    .addColumn('target_source', keyText(db), (col) => col.notNull())
    .addColumn('target_key', keyText(db), (col) => col.notNull())
    .addPrimaryKeyConstraint('work_item_links_pk', ['item_id', 'ordinal'])
    .modifyEnd(clustered(db))
    .execute()
  await db.schema
    .createIndex('work_item_links_target')
    .on('work_item_links')
    .columns(['target_source', 'target_key'])
    .execute()
}

async function createModelTables(db: MigrationDb): Promise<void> {
  for (const table of ['value_streams', 'products', 'teams']) {
    await withId(db, db.schema.createTable(table))
      .addColumn('name', keyText(db), (col) => col.notNull().unique())
      .addColumn('definition_json', 'text', (col) => col.notNull())
      .execute()
  }
  await db.schema
    .createTable('business_results')
    .addColumn('stream', keyText(db), (col) => col.notNull())
    .addColumn('metric', keyText(db), (col) => col.notNull())
    .addColumn('date', keyText(db), (col) => col.notNull())
    .addColumn('value', 'double precision', (col) => col.notNull())
    .addPrimaryKeyConstraint('business_results_pk', ['stream', 'metric', 'date'])
    .execute()
  await db.schema
    .createTable('mapping_versions')
    .addColumn('version', 'integer', (col) => col.primaryKey())
    .addColumn('yaml', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
}

async function createSyncTables(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('sync_runs'))
    .addColumn('source_id', 'integer', (col) => col.notNull().references('sources.id'))
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('details_json', 'text')
    .execute()
  await db.schema
    .createTable('sync_cursors')
    .addColumn('source_id', 'integer', (col) => col.notNull().references('sources.id'))
    .addColumn('scope', keyText(db), (col) => col.notNull())
    .addColumn('cursor', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('sync_cursors_pk', ['source_id', 'scope'])
    .execute()
}

/** Creates every table of schema version 1. */
export async function up(db: MigrationDb): Promise<void> {
  await createSourceTables(db)
  await createWorkItemTables(db)
  await createModelTables(db)
  await createSyncTables(db)
  await setSchemaVersion(db, 1)
}

/** Drops every table of schema version 1 (children first). */
export async function down(db: MigrationDb): Promise<void> {
  const tables = [
    'sync_cursors',
    'sync_runs',
    'mapping_versions',
    'business_results',
    'teams',
    'products',
    'value_streams',
    'work_item_links',
    'work_item_changes',
    'work_items',
    'raw_payloads',
    'scopes',
    'sources',
    'openvmo_meta',
  ]
  for (const table of tables) await db.schema.dropTable(table).execute()
}
