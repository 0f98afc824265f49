import type { Kysely } from 'kysely'
import { createFlowDatasetBuilder, createRecordInstants, parseInstant } from '@openvmo/core'
import type {
  FlowDataset,
  FlowDatasetBuilder,
  RecordInstants,
  WorkItemChange,
  WorkItemRecord,
} from '@openvmo/core'
import { unpackFlowEvents } from './flow-events'
import { readFlowValueNames } from './flow-values'
import { selectSources } from './record-reading'
import type { StoreDialect } from './store-dialect'
import type { RecordFilter } from './store-types'
import type { Database } from './tables/database'
import { parseChangesJson } from './tables/work-item.table'

/**
 * Rows per page. Small enough that a page (a few MB of strings) dies in V8's young generation
 * instead of being promoted and collected by full GCs (10k rows cost ~15% more CPU at 100k
 * items); large enough that a query per page costs little.
 */
const DATASET_PAGE = 2000

/** The columns the engine's dataset needs, in the order of the `C` indexes below. */
const DATASET_COLUMNS = [
  'id',
  'source_id',
  'key',
  'url',
  'project_value',
  'type_value',
  'title',
  'created_ms',
  'status_value',
  'team_value',
  'labels_json',
  'parent',
  'resolved_ms',
  'fields_json',
  'flow_events',
] as const

/** How {@link DATASET_COLUMNS} are typed when streamed (`StoreDialect.streamRows`). */
const DATASET_TYPES = DATASET_COLUMNS.map((column) =>
  column === 'id' || column === 'source_id' || column.endsWith('_value') || column.endsWith('_ms')
    ? 'number'
    : 'text',
)

const C = {
  id: 0,
  sourceId: 1,
  key: 2,
  url: 3,
  project: 4,
  type: 5,
  title: 6,
  created: 7,
  status: 8,
  team: 9,
  labels: 10,
  parent: 11,
  resolved: 12,
  fields: 13,
  events: 14,
} as const

/** A work-item row as an array in {@link DATASET_COLUMNS} order (no object per row). */
type DatasetRow = readonly unknown[]

/** Where the loader reads from: the database, its dialect and the selected sources. */
interface DatasetSource {
  db: Kysely<Database>
  dialect: StoreDialect
  /** Only these sources (undefined: all). */
  sourceIds: readonly number[] | undefined
}

async function countItems({ db, sourceIds }: DatasetSource): Promise<number> {
  let query = db.selectFrom('work_items').select((eb) => eb.fn.countAll<number | string>().as('n'))
  if (sourceIds)
    query = query.where('source_id', 'in', sourceIds.length > 0 ? [...sourceIds] : [-1])
  return Number((await query.executeTakeFirstOrThrow()).n)
}

function datasetPage(
  { db, dialect, sourceIds }: DatasetSource,
  after: number,
): Promise<DatasetRow[]> {
  let query = db.selectFrom('work_items').select(DATASET_COLUMNS).where('id', '>', after)
  if (sourceIds)
    query = query.where('source_id', 'in', sourceIds.length > 0 ? [...sourceIds] : [-1])
  return dialect.selectArrays(db, query.orderBy('id').limit(DATASET_PAGE).compile())
}

/** The events and text columns of a row without packed events (read the slow way). */
interface UnpackedItem {
  changes: WorkItemChange[]
  ms: number[]
  type: string
  status: string
  project: string | null
  team: string | null
}

/** Status and type changes of rows without packed events (written outside the store). */
async function unpackedEvents(db: Kysely<Database>, rows: readonly DatasetRow[]) {
  const ids = rows.filter((row) => row[C.events] === null).map((row) => row[C.id] as number)
  const byItem = new Map<number, UnpackedItem>()
  if (ids.length === 0) return byItem
  const texts = await db
    .selectFrom('work_items')
    .select(['id', 'type', 'status', 'project', 'team'])
    .where('id', 'in', ids)
    .execute()
  for (const t of texts) byItem.set(Number(t.id), { ...t, changes: [], ms: [] })
  const stored = await db
    .selectFrom('work_item_histories')
    .select(['item_id', 'changes_json'])
    .where('item_id', 'in', ids)
    .execute()
  for (const row of stored) {
    const item = byItem.get(Number(row.item_id))
    for (const change of parseChangesJson(row.changes_json)) {
      if (change.field !== 'status' && change.field !== 'type') continue
      item?.changes.push(change)
      item?.ms.push(parseInstant(change.at))
    }
  }
  return byItem
}

const text = (value: unknown) => (value === null ? undefined : (value as string))
/** The value of a `*_value` column: the name of that `flow_values` id, or undefined for null. */
const valueOf = (values: readonly string[], id: unknown) =>
  id === null ? undefined : values[id as number]

/** What {@link rowToRecord} reads besides the row. */
interface RowReading {
  changes: WorkItemChange[]
  json: SharedJson
  values: readonly string[]
  /** The row's text columns and events when it has no packed events. */
  unpacked: UnpackedItem | undefined
}
const epochMs = (value: unknown) => (value === null ? NaN : Number(value))
/** Distinct JSON texts kept per load: enough for labels and fields that repeat across items. */
const SHARED_JSON_LIMIT = 8192

/**
 * Parses the `labels_json`/`fields_json` texts of a load, handing out one parsed value per
 * distinct text (the first {@link SHARED_JSON_LIMIT} of them): labels such as `["api"]` and
 * fields such as `{"priority":"Low"}` repeat across thousands of items, and one shared value
 * instead of one per item saves the parsing and most of the objects the garbage collector would
 * otherwise copy (a second at 1M items). The dataset's values are read-only, so sharing is safe.
 */
class SharedJson {
  readonly #parsed = new Map<string, unknown>()

  parse<T>(value: unknown): T | undefined {
    if (value === null) return undefined
    const text = value as string
    let parsed = this.#parsed.get(text)
    if (parsed === undefined) {
      parsed = JSON.parse(text) as unknown
      if (this.#parsed.size < SHARED_JSON_LIMIT) this.#parsed.set(text, parsed)
    }
    return parsed as T
  }
}

/**
 * The fields of a record the engine's builder reads, built as one literal so every record has the
 * same shape (the builder's property reads stay monomorphic); absent optionals are `undefined`.
 * Instants are not read as text: the builder takes them from the `RecordInstants` passed beside
 * the record (`created_ms`, `resolved_ms` and the packed events' ms), so `created`, `resolved`
 * and each change's `at` are left empty.
 */
function rowToRecord(row: DatasetRow, source: string, read: RowReading): WorkItemRecord {
  const { changes, json, values, unpacked } = read
  return {
    source,
    key: row[C.key] as string,
    id: undefined,
    url: text(row[C.url]),
    project: unpacked ? text(unpacked.project) : valueOf(values, row[C.project]),
    type: unpacked ? unpacked.type : (valueOf(values, row[C.type]) ?? ''),
    title: text(row[C.title]),
    created: '',
    status: unpacked ? unpacked.status : (valueOf(values, row[C.status]) ?? ''),
    team: unpacked ? text(unpacked.team) : valueOf(values, row[C.team]),
    labels: json.parse<string[]>(row[C.labels]),
    parent: text(row[C.parent]),
    links: undefined,
    resolved: undefined,
    fields: json.parse<Record<string, unknown>>(row[C.fields]),
    changes,
  }
}

interface PageContext {
  db: Kysely<Database>
  builder: FlowDatasetBuilder
  names: ReadonlyMap<number, string>
  keys: ReadonlySet<string> | undefined
  /** Status and type values by id (`flow_values`). */
  values: readonly string[]
  instants: RecordInstants
  changes: WorkItemChange[]
  json: SharedJson
  /** Status and type events added so far. */
  events: number
}

async function addPage(context: PageContext, rows: readonly DatasetRow[]): Promise<void> {
  const { builder, names, keys, values, instants } = context
  const missing = rows.some((row) => row[C.events] === null)
  const unpacked = missing ? await unpackedEvents(context.db, rows) : undefined
  for (const row of rows) {
    if (keys && !keys.has(row[C.key] as string)) continue
    const events = row[C.events]
    let changes: WorkItemChange[]
    const item = events === null ? unpacked?.get(row[C.id] as number) : undefined
    if (events === null) {
      if (item === undefined) continue
      if (instants.changeMs.length < item.ms.length)
        instants.changeMs = new Float64Array(item.ms.length)
      instants.changeMs.set(item.ms)
      changes = item.changes
    } else {
      // `add` reads the changes during the call only, so one array and its objects serve all rows
      changes = unpackFlowEvents(events as string, {
        names: values,
        instants,
        reuse: context.changes,
      })
    }
    instants.createdMs = epochMs(row[C.created])
    instants.resolvedMs = epochMs(row[C.resolved])
    const source = names.get(row[C.sourceId] as number) ?? ''
    context.events += changes.length
    const reading = { changes, json: context.json, values, unpacked: item }
    builder.add(rowToRecord(row, source, reading), instants)
  }
}

/**
 * Builds the engine's dataset page by page in id order (the order items were first stored),
 * without holding all records at once. One row per item, read as arrays (no row objects): status
 * and type changes come from the packed `flow_events` column (migration 0003); links and other
 * changes are not read, since the engine does not use them. The next page is requested before the
 * current one is built, so PostgreSQL reads it while this process builds.
 */
export async function loadFlowDataset(
  db: Kysely<Database>,
  dialect: StoreDialect,
  filter: RecordFilter = {},
): Promise<FlowDataset> {
  const sources = await selectSources(db, filter.sources)
  const from: DatasetSource = {
    db,
    dialect,
    sourceIds: filter.sources ? sources.map((s) => s.id) : undefined,
  }
  const context: PageContext = {
    db,
    builder: createFlowDatasetBuilder(),
    names: new Map(sources.map((s) => [s.id, s.name])),
    keys: filter.keys ? new Set(filter.keys) : undefined,
    values: await readFlowValueNames(db),
    instants: createRecordInstants(),
    changes: [],
    json: new SharedJson(),
    events: 0,
  }
  const items = filter.keys ? undefined : await countItems(from)
  context.builder.reserve({ items })
  if (dialect.streamRows) {
    const where = from.sourceIds
      ? ` where source_id in (${from.sourceIds.length > 0 ? from.sourceIds.map((id) => Math.trunc(id)).join(', ') : '-1'})`
      : ''
    const select = `select ${DATASET_COLUMNS.join(', ')} from work_items${where} order by id`
    for await (const rows of dialect.streamRows(select, DATASET_TYPES)) {
      const first = context.builder.itemCount === 0
      await addPage(context, rows)
      if (first && items !== undefined && rows.length > 0)
        context.builder.reserve({
          events: Math.ceil((context.events / rows.length) * items * 1.05),
        })
    }
    return context.builder.build()
  }
  let next = datasetPage(from, 0)
  for (let page = 0; ; page++) {
    const rows = await next
    const last = rows[rows.length - 1]
    if (last === undefined) break
    next =
      rows.length === DATASET_PAGE ? datasetPage(from, last[C.id] as number) : Promise.resolve([])
    // Awaited on the next turn; until then a failure must not count as unhandled.
    next.catch(() => {})
    await addPage(context, rows)
    // after the first page, room for the events of all items at that page's rate (and a bit)
    if (page === 0 && items !== undefined && rows.length > 0)
      context.builder.reserve({ events: Math.ceil((context.events / rows.length) * items * 1.05) })
  }
  return context.builder.build()
}
