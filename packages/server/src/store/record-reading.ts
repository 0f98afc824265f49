import type { Kysely } from 'kysely'
import { createFlowDatasetBuilder } from '@openvmo/core'
import type { FlowDataset, WorkItemChange, WorkItemRecord } from '@openvmo/core'
import { unpackFlowEvents } from './flow-events'
import type { RecordFilter } from './store-types'
import type { DatasetItemRow } from './store-dialect'
import type { Database } from './tables/database'
import { changeRowToChange, linkRowToLink, workItemRowToRecord } from './tables/work-item.table'

const STREAM_PAGE = 1000
const DATASET_PAGE = 10_000

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

async function childrenOf(db: Kysely<Database>, ids: readonly number[]) {
  const changes = await db
    .selectFrom('work_item_changes')
    .select(['item_id', 'at', 'field', 'from_value', 'to_value'])
    .where('item_id', 'in', [...ids])
    .orderBy('item_id')
    .orderBy('ordinal')
    .execute()
  const links = await db
    .selectFrom('work_item_links')
    .select(['item_id', 'link_type', 'target'])
    .where('item_id', 'in', [...ids])
    .orderBy('item_id')
    .orderBy('ordinal')
    .execute()
  return {
    changes: groupByItem(changes, changeRowToChange),
    links: groupByItem(links, linkRowToLink),
  }
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
      const children = await childrenOf(
        db,
        rows.map((row) => row.id),
      )
      for (const row of rows) {
        const changes = children.changes.get(row.id) ?? []
        yield workItemRowToRecord(
          { ...row, source: source.name },
          changes,
          children.links.get(row.id) ?? [],
        )
      }
    }
  }
}

const DATASET_FIELDS = [
  'id',
  'source_id',
  'key',
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
  'flow_events',
] as const

async function datasetPage(
  db: Kysely<Database>,
  after: number,
  sourceIds: readonly number[] | undefined,
): Promise<DatasetItemRow[]> {
  let query = db.selectFrom('work_items').select(DATASET_FIELDS).where('id', '>', after)
  if (sourceIds)
    query = query.where('source_id', 'in', sourceIds.length > 0 ? [...sourceIds] : [-1])
  return query.orderBy('id').limit(DATASET_PAGE).execute()
}

/** Status and type changes of rows without packed events (written outside the store). */
async function unpackedEvents(db: Kysely<Database>, rows: readonly DatasetItemRow[]) {
  const ids = rows.filter((row) => row.flow_events === null).map((row) => row.id)
  if (ids.length === 0) return undefined
  const changes = await db
    .selectFrom('work_item_changes')
    .select(['item_id', 'at', 'field', 'from_value', 'to_value'])
    .where('item_id', 'in', ids)
    .where('field', 'in', ['status', 'type'])
    .orderBy('item_id')
    .orderBy('ordinal')
    .execute()
  return groupByItem(changes, changeRowToChange)
}

/** The fields of a record the engine's builder reads (absent optional fields stay absent). */
function datasetRowToRecord(
  row: DatasetItemRow,
  source: string,
  changes: WorkItemChange[],
): WorkItemRecord {
  const record: WorkItemRecord = {
    source,
    key: row.key,
    type: row.type,
    created: row.created,
    status: row.status,
    changes,
  }
  if (row.url !== null) record.url = row.url
  if (row.project !== null) record.project = row.project
  if (row.title !== null) record.title = row.title
  if (row.team !== null) record.team = row.team
  if (row.labels_json !== null) record.labels = JSON.parse(row.labels_json) as string[]
  if (row.parent !== null) record.parent = row.parent
  if (row.resolved !== null) record.resolved = row.resolved
  if (row.fields_json !== null)
    record.fields = JSON.parse(row.fields_json) as Record<string, unknown>
  return record
}

/**
 * Builds the engine's dataset page by page in id order (the order items were first stored),
 * without holding all records at once. One row per item: status and type changes come from the
 * packed `flow_events` column (migration 0003); links and other changes are not read, since the
 * engine does not use them.
 */
export async function loadFlowDataset(
  db: Kysely<Database>,
  filter: RecordFilter = {},
): Promise<FlowDataset> {
  const sources = await selectSources(db, filter.sources)
  const names = new Map(sources.map((s) => [s.id, s.name]))
  const sourceIds = filter.sources ? sources.map((s) => s.id) : undefined
  const keys = filter.keys ? new Set(filter.keys) : undefined
  const builder = createFlowDatasetBuilder()
  for (let after = 0; ;) {
    const rows = await datasetPage(db, after, sourceIds)
    if (rows.length === 0) break
    const unpacked = await unpackedEvents(db, rows)
    for (const row of rows) {
      if (keys && !keys.has(row.key)) continue
      const changes =
        row.flow_events === null ? (unpacked?.get(row.id) ?? []) : unpackFlowEvents(row.flow_events)
      builder.add(datasetRowToRecord(row, names.get(row.source_id) ?? '', changes))
    }
    after = rows[rows.length - 1]?.id ?? after
  }
  return builder.build()
}
