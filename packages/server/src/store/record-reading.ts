import type { Kysely } from 'kysely'
import type { WorkItemRecord } from '@openvmo/core'
import type { RecordFilter } from './store-types'
import type { Database } from './tables/database'
import { linkRowToLink, parseChangesJson, workItemRowToRecord } from './tables/work-item.table'

const STREAM_PAGE = 1000

const ITEM_FIELDS = [
  'id',
  'source_id',
  'key',
  'external_id',
  'url',
  'project',
  'type',
  'title',
  'created',
  'status',
  'team',
  'labels_json',
  'parent',
  'resolved',
  'fields_json',
  'link_count',
] as const

/** Source ids by name, optionally only the named ones, ordered by name. */
export async function selectSources(db: Kysely<Database>, names?: readonly string[]) {
  let query = db.selectFrom('sources').select(['id', 'name']).orderBy('name')
  if (names) query = query.where('name', 'in', names.length > 0 ? [...names] : [''])
  return (await query.execute()).map((row) => ({ id: Number(row.id), name: row.name }))
}

function groupByItem<R extends { item_id: number }, T>(
  rows: readonly R[],
  map: (row: R) => T,
): Map<number, T[]> {
  const groups = new Map<number, T[]>()
  for (const row of rows) {
    let group = groups.get(row.item_id)
    if (!group) groups.set(row.item_id, (group = []))
    group.push(map(row))
  }
  return groups
}

async function linksOf(db: Kysely<Database>, ids: readonly number[]) {
  const links = await db
    .selectFrom('work_item_links')
    .select(['item_id', 'link_type', 'target'])
    .where('item_id', 'in', [...ids])
    .orderBy('item_id')
    .orderBy('ordinal')
    .execute()
  return groupByItem(links, linkRowToLink)
}

/** The `changes_json` of the items `ids`, by item (absent for a row written outside the store). */
async function historiesOf(db: Kysely<Database>, ids: readonly number[]) {
  const rows = await db
    .selectFrom('work_item_histories')
    .select(['item_id', 'changes_json'])
    .where('item_id', 'in', [...ids])
    .execute()
  return new Map(rows.map((row) => [Number(row.item_id), row.changes_json]))
}

async function* sourcePages(db: Kysely<Database>, sourceId: number, keys?: readonly string[]) {
  let after: string | undefined
  for (;;) {
    let query = db.selectFrom('work_items').select(ITEM_FIELDS).where('source_id', '=', sourceId)
    if (after !== undefined) query = query.where('key', '>', after)
    if (keys) query = query.where('key', 'in', keys.length > 0 ? [...keys] : [''])
    const rows = await query.orderBy('key').limit(STREAM_PAGE).execute()
    if (rows.length === 0) return
    yield rows
    after = rows[rows.length - 1]?.key
  }
}

/** Records ordered by source name, then key, read in pages (see `Store.streamRecords`). */
export async function* streamRecords(
  db: Kysely<Database>,
  filter: RecordFilter = {},
): AsyncIterable<WorkItemRecord> {
  for (const source of await selectSources(db, filter.sources)) {
    for await (const rows of sourcePages(db, source.id, filter.keys)) {
      const ids = rows.map((row) => row.id)
      const links = await linksOf(db, ids)
      const histories = await historiesOf(db, ids)
      for (const row of rows) {
        yield workItemRowToRecord(
          { ...row, source: source.name },
          parseChangesJson(histories.get(row.id) ?? null),
          links.get(row.id) ?? [],
        )
      }
    }
  }
}
