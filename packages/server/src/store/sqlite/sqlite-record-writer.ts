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

/** Change rows per multi-row insert: fewer calls into SQLite, 7 × 128 parameters per call. */
const CHANGE_ROWS_PER_INSERT = 128
const CHANGE_COLUMNS = '(item_id, ordinal, at, at_ms, field, from_value, to_value)'
const CHANGE_ROW = '(?, ?, ?, ?, ?, ?, ?)'

/** The prepared statements of the import path, compiled once per store. */
export interface SqliteImportStatements {
  find: Statement<[number, string], ExistingItem>
  anyItem: Statement<[number], number>
  insertItem: Statement<unknown[]>
  updateItem: Statement<unknown[]>
  deleteChanges: Statement<[number]>
  deleteLinks: Statement<[number]>
  insertChange: Statement<unknown[]>
  insertChanges: Statement<unknown[]>
  insertLink: Statement<unknown[]>
  putPayload: Statement<unknown[]>
}

/** Prepares the statements of {@link createSqliteRecordWriter} on `raw`. */
export function prepareImportStatements(raw: SqliteDatabase): SqliteImportStatements {
  const manyRows = Array.from({ length: CHANGE_ROWS_PER_INSERT }, () => CHANGE_ROW).join(', ')
  return {
    find: raw.prepare('select id, content_hash from work_items where source_id = ? and key = ?'),
    anyItem: raw
      .prepare<[number], number>('select 1 from work_items where source_id = ? limit 1')
      .pluck(),
    insertItem: raw.prepare(
      `insert into work_items (${COLUMN_LIST}) values (${PLACEHOLDERS}) on conflict (source_id, key) do nothing`,
    ),
    updateItem: raw.prepare(`update work_items set ${ASSIGNMENTS} where id = ?`),
    deleteChanges: raw.prepare('delete from work_item_changes where item_id = ?'),
    deleteLinks: raw.prepare('delete from work_item_links where item_id = ?'),
    insertChange: raw.prepare(
      `insert into work_item_changes ${CHANGE_COLUMNS} values ${CHANGE_ROW}`,
    ),
    insertChanges: raw.prepare(
      `insert into work_item_changes ${CHANGE_COLUMNS} values ${manyRows}`,
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

/**
 * Collects change rows and writes them {@link CHANGE_ROWS_PER_INSERT} per statement. The values go
 * into one preallocated array written by index (a push per value, and the array shrinking back
 * to nothing after each statement, cost more than SQLite's insert of the row).
 */
class ChangeRows {
  readonly #values: unknown[] = new Array<unknown>(CHANGE_ROWS_PER_INSERT * 7).fill(null)
  #used = 0

  constructor(private readonly s: SqliteImportStatements) {}

  add(id: number, item: WritableRecord): number {
    const changes = item.record.changes
    const values = this.#values
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i]
      if (!c) continue
      let at = this.#used
      values[at++] = id
      values[at++] = i
      values[at++] = c.at
      values[at++] = item.changeMs[i]
      values[at++] = c.field
      values[at++] = c.from
      values[at++] = c.to
      this.#used = at
      if (at === values.length) {
        this.s.insertChanges.run(values)
        this.#used = 0
      }
    }
    return changes.length
  }

  flush(): void {
    for (let at = 0; at < this.#used; at += 7)
      this.s.insertChange.run(this.#values.slice(at, at + 7))
    this.#used = 0
  }
}

function writeLinks(s: SqliteImportStatements, id: number, item: WritableRecord): void {
  item.links.forEach((link, i) => {
    s.insertLink.run(id, i, link.type, link.target, link.targetSource, link.targetKey)
  })
}

/**
 * The SQLite import path. It runs prepared better-sqlite3 statements on the raw handle instead of
 * Kysely queries: building and compiling a Kysely query per row costs more than SQLite's insert
 * itself, and 10M change rows must go in at ≥ 200k/s (change rows go 64 per statement). The
 * statements run on the same connection as Kysely's open transaction, so they commit or roll back
 * with it.
 */
export function createSqliteRecordWriter(
  s: SqliteImportStatements,
  now: () => string,
): RecordWriter {
  const changeRows = new ChangeRows(s)
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
    outcome.changes += changeRows.add(id, item)
    writeLinks(s, id, item)
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
      changeRows.flush()
      s.deleteChanges.run(existing.id)
      s.deleteLinks.run(existing.id)
      outcome.changes += changeRows.add(existing.id, item)
      writeLinks(s, existing.id, item)
      outcome.updated++
    }
  }
  return {
    writeBatch: (batch) => {
      const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, changes: 0 }
      for (const item of batch) writeOne(item, outcome)
      changeRows.flush()
      return Promise.resolve(outcome)
    },
  }
}
