import { VmoError } from '@openvmo/core'

function sqliteCode(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined
}

/** Whether `error` is SQLite refusing to write a file it opened read-only. */
export function isSqliteReadOnly(error: unknown): boolean {
  return sqliteCode(error)?.startsWith('SQLITE_READONLY') ?? false
}

/** Whether `error` is SQLite's "database is locked" (another connection holds the write lock). */
export function isSqliteBusy(error: unknown): boolean {
  const code = sqliteCode(error)
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED')
}

const UNAVAILABLE = /^SQLITE_(CANTOPEN|IOERR|FULL|CORRUPT|NOTADB|PERM|AUTH)/

/**
 * The store's error for a better-sqlite3 error on the store file `path`: read-only file →
 * `STORE_READ_ONLY`, locked by another writer → `STORE_BUSY`, file that cannot be opened, read or
 * written (missing folder, disk full, corrupt, not a database) → `STORE_UNAVAILABLE`; each names
 * the file and SQLite's reason. Anything else is returned unchanged.
 */
export function translateSqliteError(error: unknown, path: string): unknown {
  const code = sqliteCode(error)
  if (code === undefined) return error
  const reason = (error as Error).message
  if (isSqliteReadOnly(error)) {
    return new VmoError(
      'STORE_READ_ONLY',
      `sqlite store "${path}" is read-only (${reason}): make the file and its folder writable for this user`,
      { cause: error },
    )
  }
  if (isSqliteBusy(error)) {
    return new VmoError(
      'STORE_BUSY',
      `sqlite store "${path}" is locked by another writer (${reason}): try again when it finishes`,
      { cause: error },
    )
  }
  if (UNAVAILABLE.test(code)) {
    return new VmoError('STORE_UNAVAILABLE', `sqlite store "${path}" is unavailable: ${reason}`, {
      cause: error,
    })
  }
  return error
}
