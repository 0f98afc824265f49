import type { MigrationDb } from './migration-helpers'
import { Migrator, PostgresAdapter, sql } from 'kysely'
import type { Migration } from 'kysely'
import * as createCoreTables from './2026_11_25_0001_create_core_tables'
import * as addContentHash from './2026_11_25_0002_add_content_hash'
import * as addFlowEvents from './2026_11_25_0003_add_flow_events'
import * as dropChildForeignKeys from './2026_11_25_0004_drop_child_foreign_keys_on_postgres'
import * as addFlowValues from './2026_11_25_0005_add_flow_values'
import * as addWorkItemHistories from './2026_11_25_0006_add_work_item_histories'
import * as addSyncState from './2026_12_06_0007_add_sync_state'
import * as addItemFindings from './2026_12_07_0008_add_item_findings'
import * as addAccountsAndAudit from './2026_12_07_0009_add_accounts_and_audit'
import * as addUserIdentities from './2026_12_07_0010_add_user_identities'
import * as addResultDefinitions from './2026_12_07_0011_add_business_result_definitions'
import * as addExperiments from './2026_12_07_0012_add_experiments'

/**
 * Every migration this build knows, oldest first. A static list (no folder scanning) so the
 * set is fixed at build time and bundlers see it.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026_11_25_0001_create_core_tables': createCoreTables,
  '2026_11_25_0002_add_content_hash': addContentHash,
  '2026_11_25_0003_add_flow_events': addFlowEvents,
  '2026_11_25_0004_drop_child_foreign_keys_on_postgres': dropChildForeignKeys,
  '2026_11_25_0005_add_flow_values': addFlowValues,
  '2026_11_25_0006_add_work_item_histories': addWorkItemHistories,
  '2026_12_06_0007_add_sync_state': addSyncState,
  '2026_12_07_0008_add_item_findings': addItemFindings,
  '2026_12_07_0009_add_accounts_and_audit': addAccountsAndAudit,
  '2026_12_07_0010_add_user_identities': addUserIdentities,
  '2026_12_07_0011_add_business_result_definitions': addResultDefinitions,
  '2026_12_07_0012_add_experiments': addExperiments,
}

/** The schema version this build writes: one per migration. */
export const SCHEMA_VERSION = Object.keys(MIGRATIONS).length

/** Kysely's migration table; its rows name the migrations a store has run. */
export const MIGRATION_TABLE = 'kysely_migration'

/** A Kysely {@link Migrator} over {@link MIGRATIONS}. */
export async function createStoreMigrator(db: MigrationDb): Promise<Migrator> {
  // Without a schema, Kysely looks for its migration tables in every schema of the database, so
  // another openvmo schema there (a test, a benchmark) would be mistaken for this one's.
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
          ?.schema
      : undefined
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) },
    migrationTableName: MIGRATION_TABLE,
    migrationTableSchema: schema,
  })
}
