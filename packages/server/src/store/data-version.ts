import { sql } from 'kysely'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from './tables/database'

const KEY = 'data_version'

/**
 * Increments the store's data version (`openvmo_meta.data_version`). Called in the same
 * transaction as every write that changes what metrics see (imports that changed items, model,
 * business results, finished syncs), so readers on other instances can tell their snapshot is stale.
 */
export async function bumpDataVersion(db: Kysely<Database> | Transaction<Database>): Promise<void> {
  await sql`insert into openvmo_meta (key, value) values (${KEY}, '1')
    on conflict (key) do update set value = cast(cast(openvmo_meta.value as integer) + 1 as text)`.execute(
    db,
  )
}

/** The store's data version: 0 before the first change. */
export async function readDataVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('openvmo_meta')
    .select('value')
    .where('key', '=', KEY)
    .executeTakeFirst()
  return row ? Number(row.value) : 0
}
