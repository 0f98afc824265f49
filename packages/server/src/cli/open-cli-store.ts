import type { Store } from '../store/store'
import { openStore, resolveStoreLocation } from '../store/open-store'
import type { OpenStoreOptions } from '../store/open-store'
import type { StoreOpenMode } from '../store/store-types'
import { readEnvironment } from '../config/environment'
import type { CliIo } from './cli-io'

/** Where a command's store is: `--db`, else `OPENVMO_DB`; PostgreSQL with `DATABASE_URL`. */
export function cliStoreLocation(options: { db?: string }, io: CliIo) {
  const env = readEnvironment(io.env)
  return resolveStoreLocation({ db: options.db ?? env.sqlitePath, databaseUrl: env.databaseUrl })
}

/** Describes a store location for messages, never with a password. */
export function describeStore(options: { db?: string }, io: CliIo): string {
  const location = cliStoreLocation(options, io)
  if (location.dialect === 'sqlite') return `store ${location.path}`
  const url = new URL(location.url)
  return `PostgreSQL store ${url.hostname}:${url.port || 5432}${url.pathname}`
}

/** Where and how a command opens the store. */
export interface CliStoreOptions {
  /** `--db PATH`. */
  db?: string
  /**
   * `read-existing` (default): reading commands open only a store openvmo created, and create
   * nothing; `create`: writing commands (import, demo) create it when missing.
   */
  mode?: StoreOpenMode
  /** SQLite: how long a write waits for another process's write lock (default: the store's). */
  lockWaitMs?: number
}

/**
 * Opens the CLI's store (SQLite `--db`/`OPENVMO_DB`, or PostgreSQL with `DATABASE_URL`) in
 * `options.mode`; a write that has to wait for another process's lock says so on stderr.
 */
export function openCliStore(options: CliStoreOptions, io: CliIo): Promise<Store> {
  const env = readEnvironment(io.env)
  const open: OpenStoreOptions = {
    db: options.db ?? env.sqlitePath,
    databaseUrl: env.databaseUrl,
    mode: options.mode ?? 'read-existing',
    lockWaitMs: options.lockWaitMs ?? env.lockWaitMs,
    onLockWait: (path) => io.stderr(`waiting for another import holding ${path} to finish …\n`),
  }
  return openStore(open)
}

/** Opens the store with {@link openCliStore}, runs `work`, closes it. */
export async function withStore<T>(
  options: CliStoreOptions,
  io: CliIo,
  work: (store: Store, label: string) => Promise<T>,
): Promise<T> {
  const store = await openCliStore(options, io)
  try {
    return await work(store, describeStore(options, io))
  } finally {
    await store.close()
  }
}
