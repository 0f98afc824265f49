import { sql } from 'kysely'
import type { MigrationDb } from './migration-helpers'

const BACKFILL_PAGE = 2000
const UPDATE_ROWS = 500

/** A status or type change row as the backfill reads it, in the item's recorded order. */
export interface FlowChangeRow {
  item_id: number
  at: string
  at_ms: number
  field: string
  from_value: string | null
  to_value: string | null
}

/**
 * Packs one item's status and type changes into the text of `work_items.flow_events`; may
 * write to the database first (the version-5 format registers new values).
 */
export type FlowEventsPacker = (
  db: MigrationDb,
  sourceId: number,
  changes: readonly FlowChangeRow[],
) => string | Promise<string>

async function backfillPage(
  db: MigrationDb,
  items: readonly { id: number; source_id: number }[],
  pack: FlowEventsPacker,
): Promise<void> {
  const rows = (await db
    .selectFrom('work_item_changes')
    .select(['item_id', 'at', 'at_ms', 'field', 'from_value', 'to_value'])
    .where(
      'item_id',
      'in',
      items.map((item) => item.id),
    )
    .where('field', 'in', ['status', 'type'])
    .orderBy('item_id')
    .orderBy('ordinal')
    .execute()) as FlowChangeRow[]
  const byItem = new Map<number, FlowChangeRow[]>(items.map((item) => [item.id, []]))
  for (const row of rows) byItem.get(Number(row.item_id))?.push(row)
  const packed = []
  for (const item of items) {
    const text = await pack(db, item.source_id, byItem.get(item.id) ?? [])
    packed.push(sql`(${item.id}, ${text})`)
  }
  for (let at = 0; at < packed.length; at += UPDATE_ROWS) {
    // `update … from (values …)` runs on both databases; their VALUES columns are column1, 2.
    await sql`update work_items set flow_events = v.column2
      from (values ${sql.join(packed.slice(at, at + UPDATE_ROWS))}) as v
      where work_items.id = cast(v.column1 as integer)`.execute(db)
  }
}

async function backfill(db: MigrationDb, pack: FlowEventsPacker): Promise<void> {
  for (let after = 0; ;) {
    const items = (
      (await db
        .selectFrom('work_items')
        .select(['id', 'source_id'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(BACKFILL_PAGE)
        .execute()) as { id: number; source_id: number }[]
    ).map((item) => ({ id: Number(item.id), source_id: Number(item.source_id) }))
    if (items.length === 0) return
    await backfillPage(db, items, pack)
    after = items[items.length - 1]?.id ?? after
  }
}

/**
 * Rewrites `work_items.flow_events` of every item from its change rows with `pack`, page by
 * page, in one transaction (PostgreSQL runs migrations in one already; SQLite would commit
 * every update on its own).
 */
export async function rewriteFlowEvents(db: MigrationDb, pack: FlowEventsPacker): Promise<void> {
  if (db.isTransaction) await backfill(db, pack)
  else await db.transaction().execute((trx) => backfill(trx, pack))
}

/**
 * The version-3 format, frozen here: a JSON array of four entries per change,
 * `[kind, at, from, to, …]` with kind 0 for status and 1 for type and `at` the recorded text.
 */
export function packVersion3(_db: MigrationDb, _source: number, changes: readonly FlowChangeRow[]) {
  const packed: unknown[] = []
  for (const c of changes) packed.push(c.field === 'status' ? 0 : 1, c.at, c.from_value, c.to_value)
  return JSON.stringify(packed)
}
