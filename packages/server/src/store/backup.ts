import { existsSync, renameSync, rmSync } from 'node:fs'
import BetterSqlite3 from 'better-sqlite3'
import { VmoError } from '@openvmo/core'
import { MIGRATIONS, MIGRATION_TABLE, SCHEMA_VERSION } from './migrations/migrations'
import { missingStoreError, NO_OPENVMO_TABLES, notAStoreError } from './open-errors'
import { redactDatabaseUrl } from './postgres/create-postgres-store'
import { assertSupportedVersion } from './schema-version'

function openExisting(path: string, what: 'store' | 'backup'): BetterSqlite3.Database {
  if (!existsSync(path)) {
    if (what === 'store') throw missingStoreError(path)
    throw new VmoError('NOT_FOUND', `backup "${path}" does not exist`)
  }
  try {
    return new BetterSqlite3(path, { readonly: true, fileMustExist: true })
  } catch (error) {
    throw new VmoError('STORE_UNAVAILABLE', `cannot open ${what} "${path}"`, { cause: error })
  }
}

/**
 * Copies a live SQLite store to `destPath` with SQLite's online backup (consistent even while
 * another process writes). Refuses to overwrite an existing file, and to copy a file that is not
 * an openvmo store (`NOT_FOUND` when missing, `INVALID_INPUT` without openvmo's tables).
 */
export async function backupSqlite(storePath: string, destPath: string): Promise<void> {
  if (existsSync(destPath))
    throw new VmoError('CONFLICT', `backup target "${destPath}" already exists`)
  const db = openExisting(storePath, 'store')
  try {
    if (readVersion(db, storePath).schemaVersion === undefined)
      throw notAStoreError(`"${storePath}"`, NO_OPENVMO_TABLES)
    await db.backup(destPath)
  } finally {
    db.close()
  }
}

function readVersion(db: BetterSqlite3.Database, path: string) {
  try {
    const meta = db.prepare(`select value from openvmo_meta where key = 'schema_version'`).get() as
      { value: string } | undefined
    const rows = db.prepare(`select name from ${MIGRATION_TABLE}`).all() as { name: string }[]
    return {
      schemaVersion: meta ? Number(meta.value) : undefined,
      migrations: rows.map((row) => row.name),
    }
  } catch (error) {
    const reason = (error as Error).message
    const tables = /no such table/.test(reason) ? 'it has no openvmo tables' : reason
    throw notAStoreError(`"${path}"`, tables, error)
  }
}

/** Throws unless `path` is an openvmo SQLite store this build can open; returns its version. */
export function verifySqliteBackup(path: string): number {
  const db = openExisting(path, 'backup')
  try {
    const info = readVersion(db, path)
    if (info.schemaVersion === undefined)
      throw new VmoError('INVALID_INPUT', `"${path}" is not an openvmo store`)
    assertSupportedVersion(info, `"${path}"`)
    return info.schemaVersion
  } finally {
    db.close()
  }
}

/** Options of {@link restoreSqlite}. */
export interface RestoreOptions {
  /** Replace an existing store (default false: refuse with CONFLICT). */
  force?: boolean
}

/**
 * Replaces the SQLite store at `storePath` with a backup: checks the backup is an openvmo store of
 * a supported version, copies it beside the target, then renames it into place (atomic), and
 * removes the old store's WAL files. No process may have the store open meanwhile.
 */
export async function restoreSqlite(
  backupPath: string,
  storePath: string,
  options: RestoreOptions = {},
): Promise<void> {
  verifySqliteBackup(backupPath)
  if (existsSync(storePath) && !options.force) {
    throw new VmoError('CONFLICT', `store "${storePath}" exists; pass force to replace it`)
  }
  const temp = `${storePath}.restore-${process.pid}`
  rmSync(temp, { force: true })
  const source = openExisting(backupPath, 'backup')
  try {
    await source.backup(temp)
  } finally {
    source.close()
  }
  // A WAL left by the old store would be replayed onto the restored file: remove it first.
  for (const suffix of ['-wal', '-shm']) rmSync(`${storePath}${suffix}`, { force: true })
  renameSync(temp, storePath)
}

/** Commands to back up and restore a PostgreSQL store (with the password redacted). */
export interface PostgresBackupGuidance {
  backup: string
  restore: string
  notes: string[]
}

/** `pg_dump`/`pg_restore` commands for the store at `databaseUrl`, written to/read from `file`. */
export function postgresBackupGuidance(
  databaseUrl: string,
  file = 'openvmo.dump',
): PostgresBackupGuidance {
  const url = redactDatabaseUrl(databaseUrl)
  return {
    backup: `pg_dump --format=custom --no-owner --file=${JSON.stringify(file)} ${JSON.stringify(url)}`,
    restore: `pg_restore --clean --if-exists --no-owner --single-transaction --dbname=${JSON.stringify(url)} ${JSON.stringify(file)}`,
    notes: [
      'replace *** with the password, or set PGPASSWORD / use ~/.pgpass so it stays out of shell history',
      `the dump holds schema version ${SCHEMA_VERSION} (${Object.keys(MIGRATIONS).length} migrations); restore it with this openvmo version or newer`,
      'pg_dump takes a consistent snapshot while openvmo keeps running; stop openvmo before pg_restore',
    ],
  }
}
