import { hash } from 'node:crypto'
import { VmoError, parseInstant } from '@openvmo/core'
import type { WorkItemChange, WorkItemRecord } from '@openvmo/core'
import { flowValueNames, packFlowEvents } from './flow-events'
import { parseLinkTarget } from './tables/work-item.table'

/** A link with its target resolved to source and key. */
export interface EncodedLink {
  type: string
  target: string
  targetSource: string
  targetKey: string
}

/**
 * A record checked and prepared for writing into its source: hash, parsed instants and the text
 * of the JSON columns, each computed once.
 */
export interface WritableRecord {
  record: WorkItemRecord
  sourceId: number
  /** sha256 (hex) of the record's content (see {@link contentHash}): equal means nothing to write. */
  hash: string
  createdMs: number
  resolvedMs: number | null
  changeMs: number[]
  links: EncodedLink[]
  labelsJson: string | null
  fieldsJson: string | null
  /** The changes exactly as recorded, `[{at, field, from, to}, …]` (`work_item_histories`). */
  changesJson: string
  /** The status and type changes packed for `work_items.flow_events` (see `packFlowEvents`). */
  flowEvents: string
  /** The `flow_values` ids of the record's type, status, project and team (null when absent). */
  valueIds: ItemValueIds
  /** JSON of the raw payload to keep beside the item, if any. */
  rawPayloadJson?: string
}

/** The `flow_values` ids of a record's text columns that the dataset loader reads as numbers. */
export interface ItemValueIds {
  type: number | null
  status: number | null
  project: number | null
  team: number | null
}

/** The values of a record that need `flow_values` ids: its changes' and its own. */
export function recordValueNames(record: WorkItemRecord): string[] {
  const names = Array.isArray(record?.changes) ? flowValueNames(record.changes) : []
  for (const name of [record?.type, record?.status, record?.project, record?.team])
    if (typeof name === 'string') names.push(name)
  return names
}

const idOrNull = (ids: ReadonlyMap<string, number>, name: string | undefined) =>
  name === undefined ? null : (ids.get(name) ?? null)

/**
 * Work-item columns written by an import, in the order of {@link itemColumnValues}; the second
 * entry is the PostgreSQL type of the column (for `unnest` arrays and COPY).
 */
export const ITEM_COLUMNS = [
  ['source_id', 'int'],
  ['key', 'text'],
  ['external_id', 'text'],
  ['url', 'text'],
  ['project', 'text'],
  ['type', 'text'],
  ['title', 'text'],
  ['created', 'text'],
  ['created_ms', 'float8'],
  ['status', 'text'],
  ['team', 'text'],
  ['labels_json', 'text'],
  ['parent', 'text'],
  ['resolved', 'text'],
  ['resolved_ms', 'float8'],
  ['fields_json', 'text'],
  ['link_count', 'int'],
  ['content_hash', 'text'],
  ['flow_events', 'text'],
  ['type_value', 'int'],
  ['status_value', 'int'],
  ['project_value', 'int'],
  ['team_value', 'int'],
] as const

/** The values of {@link ITEM_COLUMNS} for one record (undefined becomes null). */
export function itemColumnValues(item: WritableRecord): unknown[] {
  const r = item.record
  return [
    item.sourceId,
    r.key,
    r.id ?? null,
    r.url ?? null,
    r.project ?? null,
    r.type,
    r.title ?? null,
    r.created,
    item.createdMs,
    r.status,
    r.team ?? null,
    item.labelsJson,
    r.parent ?? null,
    r.resolved ?? null,
    item.resolvedMs,
    item.fieldsJson,
    r.links === undefined ? null : r.links.length,
    item.hash,
    item.flowEvents,
    item.valueIds.type,
    item.valueIds.status,
    item.valueIds.project,
    item.valueIds.team,
  ]
}

/** The record as one JSON line in the field order of docs/importing.md ("NDJSON history") (how an export writes it). */
export function canonicalRecordLine(r: WorkItemRecord): string {
  return JSON.stringify({
    source: r.source,
    key: r.key,
    id: r.id,
    url: r.url,
    project: r.project,
    type: r.type,
    title: r.title,
    created: r.created,
    status: r.status,
    team: r.team,
    labels: r.labels,
    parent: r.parent,
    links: r.links?.map((link) => ({ type: link.type, target: link.target })),
    resolved: r.resolved,
    fields: r.fields,
    changes: r.changes.map((c) => ({ at: c.at, field: c.field, from: c.from, to: c.to })),
  })
}

function invalid(record: WorkItemRecord, reason: string): VmoError {
  const key = typeof record?.key === 'string' ? record.key : '?'
  return new VmoError('INVALID_INPUT', `item "${key}": ${reason}`, { details: { key } })
}

function instant(record: WorkItemRecord, text: unknown, what: string): number {
  const ms = typeof text === 'string' ? parseInstant(text) : NaN
  if (Number.isNaN(ms))
    throw invalid(record, `${what} "${String(text)}" is not an ISO-8601 instant with an offset`)
  return ms
}

function checkRequired(record: WorkItemRecord): void {
  for (const field of ['source', 'key', 'type', 'status'] as const) {
    if (typeof record?.[field] !== 'string' || record[field] === '')
      throw invalid(record, `"${field}" is missing`)
  }
  if (!Array.isArray(record.changes)) throw invalid(record, '"changes" is not an array')
}

/** The JSON texts of a record's columns, each built once for its column and for the hash. */
interface RecordJson {
  labels: string | null
  fields: string | null
  changes: string
}

/**
 * The content hash of a record: sha256 (hex) over one JSON array of every stored scalar and its
 * links, followed by the labels, fields and changes JSON (already built for their columns, so
 * nothing is stringified twice). Null and absent optional values hash alike, as they are stored
 * alike; changes and links hash in recorded order. Rows written before migration 0006 hashed
 * another text, so the next import rewrites them once.
 */
export function contentHash(r: WorkItemRecord, json: RecordJson): string {
  const scalars = JSON.stringify([
    r.source,
    r.key,
    r.id,
    r.url,
    r.project,
    r.type,
    r.title,
    r.created,
    r.status,
    r.team,
    r.parent,
    r.resolved,
    r.links,
  ])
  // JSON text never holds a raw newline, so the separators keep the parts apart.
  return hash('sha256', `${scalars}\n${json.labels}\n${json.fields}\n${json.changes}`, 'hex')
}

/** The changes as stored: exactly their four fields, in recorded order. */
function changesJson(changes: readonly WorkItemChange[]): string {
  return JSON.stringify(changes.map((c) => ({ at: c.at, field: c.field, from: c.from, to: c.to })))
}

function encodeLinks(record: WorkItemRecord): EncodedLink[] {
  if (record.links === undefined || record.links.length === 0) return []
  return record.links.map((link) => {
    const target = parseLinkTarget(link.target, record.source)
    return {
      type: link.type,
      target: link.target,
      targetSource: target.source,
      targetKey: target.key,
    }
  })
}

/**
 * Checks a record and prepares its columns for source `sourceId`, whose status and type values
 * have ids in `valueIds` (see `FlowValueIds`); throws `INVALID_INPUT` naming the item and the
 * reason (which rolls back the whole import).
 */
export function encodeRecord(
  record: WorkItemRecord,
  sourceId: number,
  valueIds: ReadonlyMap<string, number>,
): WritableRecord {
  checkRequired(record)
  const createdMs = instant(record, record.created, 'created')
  const resolvedMs =
    record.resolved === undefined ? null : instant(record, record.resolved, 'resolved')
  const changes = record.changes
  const changeMs = new Array<number>(changes.length)
  for (let i = 0; i < changes.length; i++)
    changeMs[i] = instant(record, changes[i]?.at, 'change time')
  const json: RecordJson = {
    labels: record.labels === undefined ? null : JSON.stringify(record.labels),
    fields: record.fields === undefined ? null : JSON.stringify(record.fields),
    changes: changesJson(changes),
  }
  return {
    record,
    sourceId,
    hash: contentHash(record, json),
    createdMs,
    resolvedMs,
    changeMs,
    links: encodeLinks(record),
    labelsJson: json.labels,
    fieldsJson: json.fields,
    changesJson: json.changes,
    flowEvents: packFlowEvents(changes, changeMs, valueIds),
    valueIds: {
      type: idOrNull(valueIds, record.type),
      status: idOrNull(valueIds, record.status),
      project: idOrNull(valueIds, record.project),
      team: idOrNull(valueIds, record.team),
    },
  }
}
