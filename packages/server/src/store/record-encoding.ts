import { createHash } from 'node:crypto'
import { VmoError, parseInstant } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import { parseLinkTarget } from './tables/work-item.table'

/** A link with its target resolved to source and key. */
export interface EncodedLink {
  type: string
  target: string
  targetSource: string
  targetKey: string
}

/** A record checked and prepared for writing: hash, parsed instants, JSON columns. */
export interface EncodedRecord {
  record: WorkItemRecord
  /** sha256 (hex) of the canonical record: equal hashes mean nothing to rewrite. */
  hash: string
  createdMs: number
  resolvedMs: number | null
  changeMs: number[]
  links: EncodedLink[]
}

/** An encoded record bound to its source row, ready for a dialect's writer. */
export interface WritableRecord extends EncodedRecord {
  sourceId: number
  /** JSON of the raw payload to keep beside the item, if any. */
  rawPayloadJson?: string
}

/**
 * Work-item columns written by an import, in the order of {@link itemColumnValues}; the second
 * entry is the PostgreSQL type of the column (for `unnest` arrays).
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
    r.labels === undefined ? null : JSON.stringify(r.labels),
    r.parent ?? null,
    r.resolved ?? null,
    item.resolvedMs,
    r.fields === undefined ? null : JSON.stringify(r.fields),
    r.links === undefined ? null : r.links.length,
    item.hash,
  ]
}

/** The record as one JSON line with a fixed field order: what the content hash covers. */
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

/**
 * Checks a record and prepares its columns; throws `INVALID_INPUT` naming the item and the
 * reason (which rolls back the whole import).
 */
export function encodeRecord(record: WorkItemRecord): EncodedRecord {
  checkRequired(record)
  const createdMs = instant(record, record.created, 'created')
  const resolvedMs =
    record.resolved === undefined ? null : instant(record, record.resolved, 'resolved')
  const changeMs = record.changes.map((change) => instant(record, change.at, 'change time'))
  const links = (record.links ?? []).map((link) => {
    const target = parseLinkTarget(link.target, record.source)
    return {
      type: link.type,
      target: link.target,
      targetSource: target.source,
      targetKey: target.key,
    }
  })
  const hash = createHash('sha256').update(canonicalRecordLine(record)).digest('hex')
  return { record, hash, createdMs, resolvedMs, changeMs, links }
}
