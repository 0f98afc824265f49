import type { Kysely } from 'kysely'
import type { ItemLink, StoredLink } from './store-types'
import type { Database } from './tables/database'

/** Links of (source, key) in both directions (see `Store.listLinks`). */
export async function listLinks(
  db: Kysely<Database>,
  source: string,
  key: string,
): Promise<ItemLink[]> {
  const outgoing = await db
    .selectFrom('work_item_links as l')
    .innerJoin('work_items as w', 'w.id', 'l.item_id')
    .innerJoin('sources as s', 's.id', 'w.source_id')
    .select(['l.link_type', 'l.target_source', 'l.target_key'])
    .where('s.name', '=', source)
    .where('w.key', '=', key)
    .orderBy('l.ordinal')
    .execute()
  const incoming = await db
    .selectFrom('work_item_links as l')
    .innerJoin('work_items as w', 'w.id', 'l.item_id')
    .innerJoin('sources as s', 's.id', 'w.source_id')
    .select(['l.link_type', 's.name', 'w.key'])
    .where('l.target_source', '=', source)
    .where('l.target_key', '=', key)
    .orderBy('s.name')
    .orderBy('w.key')
    .orderBy('l.ordinal')
    .execute()
  return [
    ...outgoing.map((l) => ({
      direction: 'outgoing' as const,
      type: l.link_type,
      other: { source: l.target_source, key: l.target_key },
    })),
    ...incoming.map((l) => ({
      direction: 'incoming' as const,
      type: l.link_type,
      other: { source: l.name, key: l.key },
    })),
  ]
}

/** Row counts of items, changes and links. */
export async function countItems(db: Kysely<Database>) {
  const count = async (table: 'work_items' | 'work_item_links') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
  return {
    items: await count('work_items'),
    changes: Number(
      (
        await db
          .selectFrom('work_item_histories')
          .select((eb) => eb.fn.sum<number | string | null>('change_count').as('n'))
          .executeTakeFirstOrThrow()
      ).n ?? 0,
    ),
    links: await count('work_item_links'),
  }
}

/** Every stored item's (source, key), by source then key (byte order). */
export async function listItemKeys(
  db: Kysely<Database>,
): Promise<{ source: string; key: string }[]> {
  const rows = await db
    .selectFrom('work_items as w')
    .innerJoin('sources as s', 's.id', 'w.source_id')
    .select(['s.name as source', 'w.key'])
    .orderBy('s.name')
    .orderBy('w.key')
    .execute()
  return rows.map((row) => ({ source: row.source, key: row.key }))
}

/** Every stored link, by linking item's source, key, then recorded order (see `Store.listAllLinks`). */
export async function listAllLinks(db: Kysely<Database>): Promise<StoredLink[]> {
  const rows = await db
    .selectFrom('work_item_links as l')
    .innerJoin('work_items as w', 'w.id', 'l.item_id')
    .innerJoin('sources as s', 's.id', 'w.source_id')
    .select(['s.name', 'w.key', 'l.link_type', 'l.target_source', 'l.target_key'])
    .orderBy('s.name')
    .orderBy('w.key')
    .orderBy('l.ordinal')
    .execute()
  return rows.map((l) => ({
    from: { source: l.name, key: l.key },
    type: l.link_type,
    to: { source: l.target_source, key: l.target_key },
  }))
}
