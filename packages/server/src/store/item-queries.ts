import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { WorkItemRecord } from '@openvmo/core'
import { streamRecords } from './record-reading'
import type { StoreDialect } from './store-dialect'
import type { ItemLink, SearchOptions, WorkItemSummary } from './store-types'
import type { Database } from './tables/database'

/** The record of (source, key), or undefined. */
export async function findItem(
  db: Kysely<Database>,
  source: string,
  key: string,
): Promise<WorkItemRecord | undefined> {
  for await (const record of streamRecords(db, { sources: [source], keys: [key] })) return record
  return undefined
}

function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** Substring search over key, title and fields (see `Store.searchItems`). */
export async function searchItems(
  db: Kysely<Database>,
  dialect: StoreDialect,
  input: { query: string; options: SearchOptions },
): Promise<WorkItemSummary[]> {
  const pattern = likePattern(input.query.trim())
  const op = sql.raw(dialect.likeOperator)
  const matches = (column: string) => sql<boolean>`${sql.ref(column)} ${op} ${pattern} escape '\\'`
  const rows = await db
    .selectFrom('work_items as w')
    .innerJoin('sources as s', 's.id', 'w.source_id')
    .select(['s.name as source', 'w.key', 'w.type', 'w.status', 'w.title', 'w.url'])
    .where((eb) => eb.or([matches('w.key'), matches('w.title'), matches('w.fields_json')]))
    .orderBy(sql`case when w.key = ${input.query.trim()} then 0 else 1 end`)
    .orderBy('s.name')
    .orderBy('w.key')
    .limit(input.options.limit ?? 50)
    .offset(input.options.offset ?? 0)
    .execute()
  return rows.map((row) => {
    const hit: WorkItemSummary = {
      source: row.source,
      key: row.key,
      type: row.type,
      status: row.status,
    }
    if (row.title !== null) hit.title = row.title
    if (row.url !== null) hit.url = row.url
    return hit
  })
}

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
