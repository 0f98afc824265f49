import type { Database as SqliteDatabase, Statement } from 'better-sqlite3'
import { ITEM_COLUMNS, itemColumnValues } from '../record-encoding'
import type { WritableRecord } from '../record-encoding'
import type { BatchOutcome, RecordWriter } from '../store-dialect'

const COLUMN_LIST = ITEM_COLUMNS.map(([name]) => name).join(', ')
const PLACEHOLDERS = ITEM_COLUMNS.map(() => '?').join(', ')
const ASSIGNMENTS = ITEM_COLUMNS.slice(2)
  .map(([name]) => `${name} = ?`)
  .join(', ')

interface ExistingItem {
  id: number
  content_hash: string | null
}

/** The prepared statements of the import path, compiled once per store. */
export interface SqliteImportStatements {
  find: Statement<[number, string], ExistingItem>
  anyItem: Statement<[number], number>
  insertItem: Statement<unknown[]>
  updateItem: Statement<unknown[]>
  deleteLinks: Statement<[number]>
  putHistory: Statement<[number, string, number]>
  insertLink: Statement<unknown[]>
  putPayload: Statement<unknown[]>
}

/** Prepares the statements of {@link createSqliteRecordWriter} on `raw`. */
export function prepareImportStatements(raw: SqliteDatabase): SqliteImportStatements {
  return {
    find: raw.prepare('select id, content_hash from work_items where source_id = ? and key = ?'),
    anyItem: raw
      .prepare<[number], number>('select 1 from work_items where source_id = ? limit 1')
      .pluck(),
    insertItem: raw.prepare(
      `insert into work_items (${COLUMN_LIST}) values (${PLACEHOLDERS}) on conflict (source_id, key) do nothing`,
    ),
    updateItem: raw.prepare(`update work_items set ${ASSIGNMENTS} where id = ?`),
    deleteLinks: raw.prepare('delete from work_item_links where item_id = ?'),
    putHistory: raw.prepare(
      `insert into work_item_histories (item_id, changes_json, change_count) values (?, ?, ?)
       on conflict (item_id) do update set changes_json = excluded.changes_json, change_count = excluded.change_count`,
    ),
    insertLink: raw.prepare(
      'insert into work_item_links (item_id, ordinal, link_type, target, target_source, target_key) values (?, ?, ?, ?, ?, ?)',
    ),
    putPayload: raw.prepare(
      `insert into raw_payloads (source_id, key, payload_json, stored_at) values (?, ?, ?, ?)
       on conflict (source_id, key) do update set payload_json = excluded.payload_json, stored_at = excluded.stored_at`,
    ),
  }
}

/** Writes the item's history row and links (after deleting the old links of an update). */
function writeChildren(s: SqliteImportStatements, id: number, item: WritableRecord): void {
  s.putHistory.run(id, item.changesJson, item.record.changes.length)
  writeLinks(s, id, item)
}

function writeLinks(s: SqliteImportStatements, id: number, item: WritableRecord): void {
  item.links.forEach((link, i) => {
    s.insertLink.run(id, i, link.type, link.target, link.targetSource, link.targetKey)
  })
}

/**
 * The SQLite import path. It runs prepared better-sqlite3 statements on the raw handle instead of
 * Kysely queries: building and compiling a Kysely query per row costs more than SQLite's insert
 * itself, and 1M items with 10M changes must go in at ≥ 200k changes/s (an item's changes are
 * one row of `work_item_histories`). The
 * statements run on the same connection as Kysely's open transaction, so they commit or roll back
 * with it.
 */
export function createSqliteRecordWriter(
  s: SqliteImportStatements,
  now: () => string,
): RecordWriter {
  // Per source, whether it held no items when this import began: its items are then inserted
  // straight away (`on conflict do nothing`, one index probe) instead of looked up first, which
  // saves a lookup per item of a first import; a re-import looks up first, as most items exist.
  const emptyAtStart = new Map<number, boolean>()
  function insertFirst(sourceId: number): boolean {
    let empty = emptyAtStart.get(sourceId)
    if (empty === undefined) {
      empty = s.anyItem.get(sourceId) === undefined
      emptyAtStart.set(sourceId, empty)
    }
    return empty
  }
  function insert(item: WritableRecord, outcome: BatchOutcome): boolean {
    const inserted = s.insertItem.run(itemColumnValues(item))
    if (inserted.changes === 0) return false
    const id = Number(inserted.lastInsertRowid)
    outcome.changes += item.record.changes.length
    writeChildren(s, id, item)
    outcome.inserted++
    return true
  }
  function writeOne(item: WritableRecord, outcome: BatchOutcome): void {
    if (!insertFirst(item.sourceId) || !insert(item, outcome)) update(item, outcome)
    if (item.rawPayloadJson !== undefined) {
      s.putPayload.run(item.sourceId, item.record.key, item.rawPayloadJson, now())
    }
  }
  /** Writes an item that may exist: unchanged, rewritten, or inserted when it does not. */
  function update(item: WritableRecord, outcome: BatchOutcome): void {
    const existing = s.find.get(item.sourceId, item.record.key)
    if (existing === undefined) {
      insert(item, outcome)
    } else if (existing.content_hash === item.hash) {
      outcome.unchanged++
    } else {
      const values = itemColumnValues(item).slice(2)
      values.push(existing.id)
      s.updateItem.run(values)
      s.deleteLinks.run(existing.id)
      outcome.changes += item.record.changes.length
      writeChildren(s, existing.id, item)
      outcome.updated++
    }
  }
  return {
    writeBatch: (batch) => {
      const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, changes: 0 }
      for (const item of batch) writeOne(item, outcome)
      return Promise.resolve(outcome)
    },
  }
}
