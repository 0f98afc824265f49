import { sql } from 'kysely'
import type { RawBuilder, Transaction } from 'kysely'
import { ITEM_COLUMNS, itemColumnValues } from '../record-encoding'
import type { WritableRecord } from '../record-encoding'
import type { BatchOutcome, RecordWriter } from '../store-dialect'
import type { Database } from '../tables/database'

type Column = readonly [name: string, pgType: string]

/** `unnest($1::int[], $2::text[], …)` over column arrays: one statement for a whole batch. */
function unnest(columns: readonly Column[], arrays: readonly unknown[][]): RawBuilder<unknown> {
  const args = columns.map(([, type], i) => sql`${arrays[i]}::${sql.raw(type)}[]`)
  return sql`unnest(${sql.join(args)})`
}

function columnArrays(rows: readonly unknown[][], width: number): unknown[][] {
  const arrays: unknown[][] = Array.from({ length: width }, () => [])
  for (const row of rows) for (let i = 0; i < width; i++) arrays[i]?.push(row[i])
  return arrays
}

function names(columns: readonly Column[]): RawBuilder<unknown> {
  return sql.join(columns.map(([name]) => sql.ref(name)))
}

const identity = (sourceId: number, key: string) => `${sourceId}\u0000${key}`

async function findExisting(trx: Transaction<Database>, batch: readonly WritableRecord[]) {
  const { rows } = await sql<{
    id: number
    source_id: number
    key: string
    content_hash: string | null
  }>`
    select w.id, w.source_id, w.key, w.content_hash from work_items w
    join ${unnest(ITEM_COLUMNS.slice(0, 2), [batch.map((b) => b.sourceId), batch.map((b) => b.record.key)])}
      as u(source_id, key) on w.source_id = u.source_id and w.key = u.key`.execute(trx)
  return new Map(rows.map((row) => [identity(row.source_id, row.key), row]))
}

async function insertItems(trx: Transaction<Database>, items: readonly WritableRecord[]) {
  if (items.length === 0) return []
  const arrays = columnArrays(items.map(itemColumnValues), ITEM_COLUMNS.length)
  const { rows } = await sql<{ id: number; source_id: number; key: string }>`
    insert into work_items (${names(ITEM_COLUMNS)}) select * from ${unnest(ITEM_COLUMNS, arrays)}
    returning id, source_id, key`.execute(trx)
  const ids = new Map(rows.map((row) => [identity(row.source_id, row.key), row.id]))
  return items.map((item) => ({ id: ids.get(identity(item.sourceId, item.record.key)) ?? 0, item }))
}

async function updateItems(
  trx: Transaction<Database>,
  items: readonly { id: number; item: WritableRecord }[],
) {
  if (items.length === 0) return
  const columns: Column[] = [['id', 'int'], ...ITEM_COLUMNS.slice(2)]
  const rows = items.map(({ id, item }) => [id, ...itemColumnValues(item).slice(2)])
  const sets = sql.join(
    ITEM_COLUMNS.slice(2).map(([name]) => sql`${sql.ref(name)} = u.${sql.ref(name)}`),
  )
  await sql`update work_items w set ${sets} from ${unnest(columns, columnArrays(rows, columns.length))}
    as u(${names(columns)}) where w.id = u.id`.execute(trx)
  const ids = items.map(({ id }) => id)
  await sql`delete from work_item_changes where item_id = any(${ids}::int[])`.execute(trx)
  await sql`delete from work_item_links where item_id = any(${ids}::int[])`.execute(trx)
}

const CHANGE_COLUMNS: Column[] = [
  ['item_id', 'int'],
  ['ordinal', 'int'],
  ['at', 'text'],
  ['at_ms', 'float8'],
  ['field', 'text'],
  ['from_value', 'text'],
  ['to_value', 'text'],
]
const LINK_COLUMNS: Column[] = [
  ['item_id', 'int'],
  ['ordinal', 'int'],
  ['link_type', 'text'],
  ['target', 'text'],
  ['target_source', 'text'],
  ['target_key', 'text'],
]

async function insertChildren(
  trx: Transaction<Database>,
  items: readonly { id: number; item: WritableRecord }[],
) {
  const changes: unknown[][] = CHANGE_COLUMNS.map(() => [])
  const links: unknown[][] = LINK_COLUMNS.map(() => [])
  for (const { id, item } of items) {
    item.record.changes.forEach((c, i) => {
      const row = [id, i, c.at, item.changeMs[i], c.field, c.from, c.to]
      row.forEach((value, column) => changes[column]?.push(value))
    })
    item.links.forEach((l, i) => {
      const row = [id, i, l.type, l.target, l.targetSource, l.targetKey]
      row.forEach((value, column) => links[column]?.push(value))
    })
  }
  if (changes[0]?.length) {
    await sql`insert into work_item_changes (${names(CHANGE_COLUMNS)}) select * from ${unnest(CHANGE_COLUMNS, changes)}`.execute(
      trx,
    )
  }
  if (links[0]?.length) {
    await sql`insert into work_item_links (${names(LINK_COLUMNS)}) select * from ${unnest(LINK_COLUMNS, links)}`.execute(
      trx,
    )
  }
  return changes[0]?.length ?? 0
}

async function putPayloads(
  trx: Transaction<Database>,
  batch: readonly WritableRecord[],
  now: string,
) {
  const kept = batch.filter((item) => item.rawPayloadJson !== undefined)
  if (kept.length === 0) return
  const columns: Column[] = [
    ['source_id', 'int'],
    ['key', 'text'],
    ['payload_json', 'text'],
    ['stored_at', 'text'],
  ]
  const arrays = [
    kept.map((k) => k.sourceId),
    kept.map((k) => k.record.key),
    kept.map((k) => k.rawPayloadJson),
    kept.map(() => now),
  ]
  await sql`insert into raw_payloads (${names(columns)}) select * from ${unnest(columns, arrays)}
    on conflict (source_id, key) do update set payload_json = excluded.payload_json, stored_at = excluded.stored_at`.execute(
    trx,
  )
}

/**
 * The PostgreSQL import path: per batch a handful of set-based statements over `unnest` arrays
 * (one round trip per table instead of one per row), inside the import's transaction.
 */
export function createPostgresRecordWriter(trx: Transaction<Database>): RecordWriter {
  return {
    async writeBatch(batch) {
      const existing = await findExisting(trx, batch)
      const fresh: WritableRecord[] = []
      const changed: { id: number; item: WritableRecord }[] = []
      for (const item of batch) {
        const row = existing.get(identity(item.sourceId, item.record.key))
        if (!row) fresh.push(item)
        else if (row.content_hash !== item.hash) changed.push({ id: row.id, item })
      }
      const inserted = await insertItems(trx, fresh)
      await updateItems(trx, changed)
      const changes = await insertChildren(trx, [...inserted, ...changed])
      await putPayloads(trx, batch, new Date().toISOString())
      const outcome: BatchOutcome = {
        inserted: fresh.length,
        updated: changed.length,
        unchanged: 0,
        changes,
      }
      outcome.unchanged = batch.length - fresh.length - changed.length
      return outcome
    },
  }
}
