import type { Kysely } from 'kysely'
import type { FindingsState, ItemFindings } from './store-types'
import type { Database } from './tables/database'

const STATE_KEY = 'findings_state'

/** Rows per insert: 3 parameters each, far below SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 2000

/**
 * Replaces every stored finding with `findings` and records `state`, in one transaction: a
 * reader sees the old set or the new one, never a mix.
 */
export async function replaceItemFindings(
  db: Kysely<Database>,
  findings: readonly ItemFindings[],
  state: FindingsState,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('item_findings').execute()
    for (let start = 0; start < findings.length; start += CHUNK) {
      const rows = findings.slice(start, start + CHUNK).map((item) => ({
        source: item.source,
        key: item.key,
        flags: item.flags.join(','),
      }))
      await trx.insertInto('item_findings').values(rows).execute()
    }
    await trx
      .insertInto('openvmo_meta')
      .values({ key: STATE_KEY, value: JSON.stringify(state) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(state) }))
      .execute()
  })
}

/** Stored findings ordered by source, then key; only one source's or one item's when asked. */
export async function listItemFindings(
  db: Kysely<Database>,
  filter: { source?: string; key?: string } = {},
): Promise<ItemFindings[]> {
  let query = db.selectFrom('item_findings').select(['source', 'key', 'flags'])
  if (filter.source !== undefined) query = query.where('source', '=', filter.source)
  if (filter.key !== undefined) query = query.where('key', '=', filter.key)
  const rows = await query.orderBy('source').orderBy('key').execute()
  return rows.map((row) => ({ source: row.source, key: row.key, flags: row.flags.split(',') }))
}

/** The state of the stored findings; undefined before the first import or sync computed them. */
export async function findFindingsState(db: Kysely<Database>): Promise<FindingsState | undefined> {
  const row = await db
    .selectFrom('openvmo_meta')
    .select('value')
    .where('key', '=', STATE_KEY)
    .executeTakeFirst()
  return row ? (JSON.parse(row.value) as FindingsState) : undefined
}
