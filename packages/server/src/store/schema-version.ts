import type { MigrationDb } from './migrations/migration-helpers'
import { sql } from 'kysely'
import { VmoError } from '@openvmo/core'
import {
  MIGRATIONS,
  MIGRATION_TABLE,
  SCHEMA_VERSION,
  createStoreMigrator,
} from './migrations/migrations'
import { isPostgres } from './migrations/migration-helpers'

/** What a store says about its own schema. */
export interface StoreVersionInfo {
  /** `openvmo_meta.schema_version`, or undefined for an empty database. */
  schemaVersion: number | undefined
  /** Names of the migrations the store has run. */
  migrations: string[]
}

async function tableExists(db: MigrationDb, table: string): Promise<boolean> {
  const query = isPostgres(db)
    ? sql<{ found: string | null }>`select to_regclass(${table})::text as found`
    : sql<{
        found: string | null
      }>`select name as found from sqlite_master where type = 'table' and name = ${table}`
  const { rows } = await query.execute(db)
  return rows.length > 0 && rows[0]?.found !== null
}

/** Reads the schema version and run migrations of the database behind `db`. */
export async function readStoreVersion(db: MigrationDb): Promise<StoreVersionInfo> {
  const info: StoreVersionInfo = { schemaVersion: undefined, migrations: [] }
  if (await tableExists(db, 'openvmo_meta')) {
    const { rows } = await sql<{
      value: string
    }>`select value from openvmo_meta where key = 'schema_version'`.execute(db)
    if (rows[0]) info.schemaVersion = Number(rows[0].value)
  }
  if (await tableExists(db, MIGRATION_TABLE)) {
    const { rows } = await sql<{
      name: string
    }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db)
    info.migrations = rows.map((row) => row.name)
  }
  return info
}

/**
 * Throws `STORE_VERSION_UNSUPPORTED` when the store was written by a newer openvmo: its schema
 * version is above {@link SCHEMA_VERSION} or it ran a migration this build does not know.
 */
export function assertSupportedVersion(info: StoreVersionInfo, location: string): void {
  const unknown = info.migrations.filter((name) => !(name in MIGRATIONS))
  const version = info.schemaVersion ?? 0
  if (version <= SCHEMA_VERSION && unknown.length === 0) return
  const schema = version > SCHEMA_VERSION ? String(version) : `with migration "${unknown[0]}"`
  throw new VmoError(
    'STORE_VERSION_UNSUPPORTED',
    `store ${location} was written by a newer openvmo (schema ${schema}, this build knows up to ${SCHEMA_VERSION}); upgrade openvmo`,
    {
      details: {
        schemaVersion: info.schemaVersion,
        knownVersion: SCHEMA_VERSION,
        unknownMigrations: unknown,
      },
    },
  )
}

/**
 * Checks the version, then runs every pending migration; returns the schema version reached. A
 * store that is up to date is not written to (no migration transaction), so opening it needs no
 * write lock and works on a read-only file.
 */
export async function migrateToLatest(db: MigrationDb, location: string): Promise<number> {
  const info = await readStoreVersion(db)
  assertSupportedVersion(info, location)
  const ran = new Set(info.migrations)
  if (Object.keys(MIGRATIONS).every((name) => ran.has(name))) return SCHEMA_VERSION
  for (let attempt = 1; ; attempt++) {
    const { error } = await (await createStoreMigrator(db)).migrateToLatest()
    if (!error) return SCHEMA_VERSION
    if (attempt < 3 && isCatalogRace(error)) continue
    const reason = error instanceof Error ? `: ${error.message}` : ''
    throw new VmoError('STORE_UNAVAILABLE', `store ${location} could not be migrated${reason}`, {
      cause: error,
    })
  }
}

/**
 * PostgreSQL's "schema does not exist" (3F000) while the migrator reads the catalogue: another
 * schema of the same database was dropped during the read (the migrator lists every schema's
 * tables). Nothing has run yet (migrations run in one transaction), so trying again is safe.
 */
function isCatalogRace(error: unknown): boolean {
  return (error as { code?: unknown }).code === '3F000'
}
