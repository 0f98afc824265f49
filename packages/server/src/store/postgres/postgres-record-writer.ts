import type pg from 'pg'
import { sql } from 'kysely'
import type { RawBuilder, Transaction } from 'kysely'
import { ITEM_COLUMNS, itemColumnValues } from '../record-encoding'
import type { WritableRecord } from '../record-encoding'
import type { BatchOutcome, RecordWriter } from '../store-dialect'
import type { Database } from '../tables/database'
import { CopyRows, copyInto } from './postgres-copy'

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

/** Takes `count` ids from the work_items identity sequence (safe beside concurrent writers). */
async function reserveIds(trx: Transaction<Database>, count: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence('work_items', 'id'))::int as id
    from generate_series(1, ${count}::int)`.execute(trx)
  return rows.map((row) => row.id)
}

const ITEM_COPY_COLUMNS = ['id', ...ITEM_COLUMNS.map(([name]) => name)]

async function insertItems(
  trx: Transaction<Database>,
  client: pg.PoolClient,
  items: readonly WritableRecord[],
) {
  if (items.length === 0) return []
  const ids = await reserveIds(trx, items.length)
  const rows = new CopyRows()
  const written = items.map((item, i) => {
    const id = ids[i] ?? 0
    const values = itemColumnValues(item)
    values.unshift(id)
    rows.add(values)
    return { id, item }
  })
  await copyInto(client, 'work_items', { columns: ITEM_COPY_COLUMNS, rows })
  return written
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
  await sql`delete from work_item_links where item_id = any(${ids}::int[])`.execute(trx)
  await sql`delete from work_item_histories where item_id = any(${ids}::int[])`.execute(trx)
}

const LINK_COLUMNS = ['item_id', 'ordinal', 'link_type', 'target', 'target_source', 'target_key']

const HISTORY_COLUMNS = ['item_id', 'changes_json', 'change_count']

/** COPYs the history rows and links of `items`; returns the number of their changes. */
async function insertChildren(
  client: pg.PoolClient,
  items: readonly { id: number; item: WritableRecord }[],
) {
  const histories = new CopyRows()
  const links = new CopyRows()
  let changes = 0
  for (const { id, item } of items) {
    changes += item.record.changes.length
    histories.add([id, item.changesJson, item.record.changes.length])
    item.links.forEach((l, i) => {
      links.add([id, i, l.type, l.target, l.targetSource, l.targetKey])
    })
  }
  await copyInto(client, 'work_item_histories', { columns: HISTORY_COLUMNS, rows: histories })
  await copyInto(client, 'work_item_links', { columns: LINK_COLUMNS, rows: links })
  return changes
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
 * The PostgreSQL import path, inside the import's transaction on one connection: per batch, one
 * lookup of the existing rows; new items get ids from the sequence and go in with COPY, their
 * history rows (all their changes in one value) and links too (COPY is several times faster than
 * inserts); changed items are updated with set-based statements over `unnest` arrays and their
 * history and links replaced.
 */
export function createPostgresRecordWriter(
  trx: Transaction<Database>,
  client: pg.PoolClient,
): RecordWriter {
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
      const inserted = await insertItems(trx, client, fresh)
      await updateItems(trx, changed)
      const changes = await insertChildren(client, [...inserted, ...changed])
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
