import { sql } from 'kysely'
import { parseInstant } from '@openvmo/core'
import type { MigrationDb } from './migration-helpers'
import { EPOCH_MS, clustered, isPostgres, setSchemaVersion } from './migration-helpers'

const PAGE = 2000
const INSERT_ROWS = 500

interface ChangeRow {
  item_id: number
  at: string
  field: string
  from_value: string | null
  to_value: string | null
}

/** Runs `work` in one transaction (PostgreSQL runs migrations in one already). */
async function inTransaction(db: MigrationDb, work: (trx: MigrationDb) => Promise<void>) {
  if (db.isTransaction) await work(db)
  else await db.transaction().execute(work)
}

/** Runs `work` on the ids of every item, a page at a time, in id order. */
async function forEachItemPage(
  db: MigrationDb,
  work: (ids: number[]) => Promise<void>,
): Promise<void> {
  for (let ids = await itemIds(db, 0); ids.length > 0;) {
    await work(ids)
    ids = await itemIds(db, ids[ids.length - 1] ?? 0)
  }
}

async function itemIds(db: MigrationDb, after: number): Promise<number[]> {
  const rows = (await db
    .selectFrom('work_items')
    .select('id')
    .where('id', '>', after)
    .orderBy('id')
    .limit(PAGE)
    .execute()) as { id: number }[]
  return rows.map((row) => Number(row.id))
}

/** Writes each item's change rows into one `work_item_histories` row. */
async function foldChanges(db: MigrationDb): Promise<void> {
  await forEachItemPage(db, async (ids) => {
    const rows = (await db
      .selectFrom('work_item_changes')
      .select(['item_id', 'at', 'field', 'from_value', 'to_value'])
      .where('item_id', 'in', ids)
      .orderBy('item_id')
      .orderBy('ordinal')
      .execute()) as ChangeRow[]
    const byItem = new Map<number, unknown[]>(ids.map((id) => [id, []]))
    for (const r of rows) {
      byItem
        .get(Number(r.item_id))
        ?.push({ at: r.at, field: r.field, from: r.from_value, to: r.to_value })
    }
    const histories = [...byItem].map(([id, changes]) => ({
      item_id: id,
      changes_json: JSON.stringify(changes),
      change_count: changes.length,
    }))
    for (let at = 0; at < histories.length; at += INSERT_ROWS)
      await db
        .insertInto('work_item_histories')
        .values(histories.slice(at, at + INSERT_ROWS))
        .execute()
  })
}

/** The read-only view that keeps `work_item_changes` queryable in SQL, one row per change. */
function createChangesView(db: MigrationDb) {
  return isPostgres(db)
    ? sql`create view work_item_changes as
        select w.item_id, cast(e.ordinality - 1 as integer) as ordinal,
          e.value ->> 'at' as at, e.value ->> 'field' as field,
          e.value ->> 'from' as from_value, e.value ->> 'to' as to_value
        from work_item_histories w
        cross join lateral json_array_elements(cast(w.changes_json as json)) with ordinality as e(value, ordinality)`
    : sql`create view work_item_changes as
        select w.item_id, cast(j.key as integer) as ordinal,
          json_extract(j.value, '$.at') as at, json_extract(j.value, '$.field') as field,
          json_extract(j.value, '$.from') as from_value, json_extract(j.value, '$.to') as to_value
        from work_item_histories w, json_each(w.changes_json) as j`
}

/**
 * Moves each item's changes from `work_item_changes` (a row per change) into `work_item_histories`
 * (a row per item: `changes_json`, the changes exactly as recorded, `[{at, field, from, to}, …]`
 * in recorded order, and `change_count`). Changes are always read and written per item, whole,
 * and the row per change cost an import of 10M changes more than half of SQLite's time (and most
 * of PostgreSQL's COPY). A table of its own keeps `work_items` small, so the dataset loader's scan
 * reads no history. `work_item_changes` stays as a read-only view with the same columns (but
 * `at_ms`), so SQL reports keep working. One transaction.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('work_item_histories')
    .addColumn('item_id', 'integer', (col) =>
      isPostgres(db)
        ? col.primaryKey()
        : col.primaryKey().references('work_items.id').onDelete('cascade'),
    )
    .addColumn('changes_json', 'text', (col) => col.notNull())
    .addColumn('change_count', 'integer', (col) => col.notNull())
    .execute()
  await inTransaction(db, foldChanges)
  await db.schema.dropTable('work_item_changes').execute()
  await createChangesView(db).execute(db)
  await setSchemaVersion(db, 6)
}

/** Writes the change rows back (as migrations 0001 and 0004 left the table) and drops the columns. */
export async function down(db: MigrationDb): Promise<void> {
  await sql`drop view work_item_changes`.execute(db)
  let table = db.schema
    .createTable('work_item_changes')
    .addColumn('item_id', 'integer', (col) =>
      isPostgres(db)
        ? col.notNull()
        : col.notNull().references('work_items.id').onDelete('cascade'),
    )
    .addColumn('ordinal', 'integer', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('at_ms', EPOCH_MS, (col) => col.notNull())
    .addColumn('field', 'text', (col) => col.notNull())
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addPrimaryKeyConstraint('work_item_changes_pk', ['item_id', 'ordinal'])
  table = table.modifyEnd(clustered(db))
  await table.execute()
  await inTransaction(db, unfoldChanges)
  await db.schema.dropTable('work_item_histories').execute()
  await setSchemaVersion(db, 5)
}

async function unfoldChanges(db: MigrationDb): Promise<void> {
  await forEachItemPage(db, async (ids) => {
    const items = (await db
      .selectFrom('work_item_histories')
      .select(['item_id as id', 'changes_json'])
      .where('item_id', 'in', ids)
      .execute()) as { id: number; changes_json: string | null }[]
    const rows = []
    for (const item of items) {
      const changes = JSON.parse(item.changes_json ?? '[]') as {
        at: string
        field: string
        from: string | null
        to: string | null
      }[]
      for (const [ordinal, c] of changes.entries()) {
        rows.push({
          item_id: Number(item.id),
          ordinal,
          at: c.at,
          at_ms: parseInstant(c.at),
          field: c.field,
          from_value: c.from,
          to_value: c.to,
        })
      }
    }
    for (let at = 0; at < rows.length; at += INSERT_ROWS)
      await db
        .insertInto('work_item_changes')
        .values(rows.slice(at, at + INSERT_ROWS))
        .execute()
  })
}
