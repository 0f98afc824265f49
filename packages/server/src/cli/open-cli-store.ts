import type { Store } from '../store/store'
import { openStore, resolveStoreLocation } from '../store/open-store'
import type { CliIo } from './cli-io'

/** Describes a store location for messages, never with a password. */
export function describeStore(options: { db?: string }, io: CliIo): string {
  const location = resolveStoreLocation({ db: options.db, env: io.env })
  if (location.dialect === 'sqlite') return `store ${location.path}`
  const url = new URL(location.url)
  return `PostgreSQL store ${url.hostname}:${url.port || 5432}${url.pathname}`
}

/** Opens the CLI's store (SQLite `--db`/`OPENVMO_DB`, or PostgreSQL with `DATABASE_URL`), runs `work`, closes it. */
export async function withStore<T>(
  options: { db?: string },
  io: CliIo,
  work: (store: Store, label: string) => Promise<T>,
): Promise<T> {
  const store = await openStore({ db: options.db, env: io.env })
  try {
    return await work(store, describeStore(options, io))
  } finally {
    await store.close()
  }
}
