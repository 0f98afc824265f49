import type { Kysely, Transaction } from 'kysely'
import type { Database } from './tables/database'

type Db = Kysely<Database> | Transaction<Database>

/**
 * The ids of status and type values (`flow_values`, migration 0005): one row per source and
 * value, so a packed event names its values by number and loading the dataset creates no string
 * per event. Ids are global (identity/rowid); a value is registered once and never changes.
 * Keeps what it has read or registered, per source, for the life of one import or migration.
 */
export class FlowValueIds {
  readonly #bySource = new Map<number, Map<string, number>>()

  /** The ids known so far for `sourceId` (empty until {@link register} has run for it). */
  known(sourceId: number): ReadonlyMap<string, number> | undefined {
    return this.#bySource.get(sourceId)
  }

  /**
   * Makes sure every name of `names` has an id for `sourceId` (inserting the new ones inside
   * `db`'s transaction, so they roll back with it) and returns the source's ids. A value another
   * transaction registered at the same time is taken as it is (`on conflict do nothing`).
   */
  async register(
    db: Db,
    sourceId: number,
    names: Iterable<string>,
  ): Promise<ReadonlyMap<string, number>> {
    let ids = this.#bySource.get(sourceId)
    if (ids === undefined) {
      ids = new Map()
      const rows = await db
        .selectFrom('flow_values')
        .select(['id', 'name'])
        .where('source_id', '=', sourceId)
        .execute()
      for (const row of rows) ids.set(row.name, Number(row.id))
      this.#bySource.set(sourceId, ids)
    }
    const missing = [...new Set(names)].filter((name) => !ids.has(name))
    if (missing.length === 0) return ids
    const inserted = await db
      .insertInto('flow_values')
      .values(missing.map((name) => ({ source_id: sourceId, name })))
      .onConflict((conflict) => conflict.columns(['source_id', 'name']).doNothing())
      .returning(['id', 'name'])
      .execute()
    for (const row of inserted) ids.set(row.name, Number(row.id))
    const raced = missing.filter((name) => !ids.has(name))
    if (raced.length > 0) {
      const rows = await db
        .selectFrom('flow_values')
        .select(['id', 'name'])
        .where('source_id', '=', sourceId)
        .where('name', 'in', raced)
        .execute()
      for (const row of rows) ids.set(row.name, Number(row.id))
    }
    return ids
  }
}

/** Every registered value by id (a sparse array; ids are small integers), for the loader. */
export async function readFlowValueNames(db: Db): Promise<string[]> {
  const names: string[] = []
  const rows = await db.selectFrom('flow_values').select(['id', 'name']).execute()
  for (const row of rows) names[Number(row.id)] = row.name
  return names
}
