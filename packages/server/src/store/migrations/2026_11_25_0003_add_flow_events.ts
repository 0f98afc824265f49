import { sql } from 'kysely'
import type { WorkItemChange } from '@openvmo/core'
import { packFlowEvents } from '../flow-events'
import type { MigrationDb } from './migration-helpers'
import { setSchemaVersion } from './migration-helpers'

const BACKFILL_PAGE = 2000
const UPDATE_ROWS = 500

interface ChangeRow {
  item_id: number
  at: string
  field: string
  from_value: string | null
  to_value: string | null
}

/** Packs the events of the items `ids` and writes them back. */
async function backfillPage(db: MigrationDb, ids: readonly number[]): Promise<void> {
  const rows = (await db
    .selectFrom('work_item_changes')
    .select(['item_id', 'at', 'field', 'from_value', 'to_value'])
    .where('item_id', 'in', [...ids])
    .where('field', 'in', ['status', 'type'])
    .orderBy('item_id')
    .orderBy('ordinal')
    .execute()) as ChangeRow[]
  const byItem = new Map<number, WorkItemChange[]>(ids.map((id) => [id, []]))
  for (const row of rows) {
    byItem
      .get(Number(row.item_id))
      ?.push({ at: row.at, field: row.field, from: row.from_value, to: row.to_value })
  }
  const packed = [...byItem].map(([id, changes]) => sql`(${id}, ${packFlowEvents(changes)})`)
  for (let at = 0; at < packed.length; at += UPDATE_ROWS) {
    // `update … from (values …)` runs on both databases; their VALUES columns are column1, 2.
    await sql`update work_items set flow_events = v.column2
      from (values ${sql.join(packed.slice(at, at + UPDATE_ROWS))}) as v
      where work_items.id = cast(v.column1 as integer)`.execute(db)
  }
}

async function backfill(db: MigrationDb): Promise<void> {
  for (let after = 0; ;) {
    const items = (await db
      .selectFrom('work_items')
      .select('id')
      .where('id', '>', after)
      .orderBy('id')
      .limit(BACKFILL_PAGE)
      .execute()) as { id: number }[]
    if (items.length === 0) return
    const ids = items.map((item) => Number(item.id))
    await backfillPage(db, ids)
    after = ids[ids.length - 1] ?? after
  }
}

/**
 * Adds `work_items.flow_events`: the item's status and type changes packed into one text value
 * (format in `packFlowEvents`), so loading the engine's dataset reads one row per item instead of
 * one per change. `work_item_changes` stays the exact record of every change (streams, exports).
 * Rows of version 2 are backfilled from their change rows, in one transaction.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('work_items').addColumn('flow_events', 'text').execute()
  // PostgreSQL runs migrations in a transaction already; SQLite would commit every update.
  if (db.isTransaction) await backfill(db)
  else await db.transaction().execute((trx) => backfill(trx))
  await setSchemaVersion(db, 3)
}

/** Drops the column again; every other value stays. */
export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('work_items').dropColumn('flow_events').execute()
  await setSchemaVersion(db, 2)
}
