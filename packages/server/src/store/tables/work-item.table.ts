import type { Generated, Insertable, Selectable } from 'kysely'
import type { WorkItemChange, WorkItemLink, WorkItemRecord } from '@openvmo/core'

/** One row per work item; `(source_id, key)` is unique. Instants are kept as text and epoch ms. */
export interface WorkItemTable {
  id: Generated<number>
  source_id: number
  key: string
  external_id: string | null
  url: string | null
  project: string | null
  type: string
  title: string | null
  /** The recorded text, e.g. `2024-03-04T16:30:00+01:00` (kept for a lossless export). */
  created: string
  created_ms: number
  status: string
  team: string | null
  /** JSON array, or null when the record had no `labels`. */
  labels_json: string | null
  parent: string | null
  resolved: string | null
  resolved_ms: number | null
  /** JSON object, or null when the record had no `fields`. */
  fields_json: string | null
  /** Number of links, or null when the record had no `links` (so `[]` and absent round-trip). */
  link_count: number | null
  /** sha256 of the canonical record (migration 0002); null for rows written before it. */
  content_hash: string | null
  /**
   * The status and type changes packed for the dataset loader (migration 0003, format in
   * `packFlowEvents`). Always set by imports and the backfill; for a null (a row written outside
   * the store) the loader reads the change rows instead.
   */
  flow_events: string | null
  /**
   * The `flow_values` ids of `type`, `status`, `project` and `team` (migration 0005), so the
   * loader reads numbers instead of strings; null when the text is null (or for a row written
   * outside the store without packed events, which the loader reads as text).
   */
  type_value: number | null
  status_value: number | null
  project_value: number | null
  team_value: number | null
}

/**
 * One row per work item with its changes exactly as recorded (migration 0006; before it, one
 * `work_item_changes` row per change, now a read-only view over this table).
 */
export interface WorkItemHistoryTable {
  item_id: number
  /** `[{at, field, from, to}, …]` in recorded order. */
  changes_json: string
  change_count: number
}

/** One row per link; the target is parsed into source and key so links resolve in both directions. */
export interface WorkItemLinkTable {
  item_id: number
  ordinal: number
  link_type: string
  /** The target as recorded (`PAY-130`, `github:acme/pay#45`). */
  target: string
  target_source: string
  target_key: string
}

/** A selected work-item row. */
export type WorkItemRow = Selectable<WorkItemTable>
/** A work-item row to insert. */
export type NewWorkItemRow = Insertable<WorkItemTable>
/** A selected link row. */
export type WorkItemLinkRow = Selectable<WorkItemLinkTable>

/** The work-item columns {@link workItemRowToRecord} reads. */
export type RecordRowFields = Pick<
  WorkItemRow,
  | 'key'
  | 'external_id'
  | 'url'
  | 'project'
  | 'type'
  | 'title'
  | 'created'
  | 'status'
  | 'team'
  | 'labels_json'
  | 'parent'
  | 'resolved'
  | 'fields_json'
  | 'link_count'
>

const SOURCE_PREFIX = /^([a-z][a-z0-9_.-]*):(.+)$/

/**
 * Splits a link target into source and key: `github:acme/pay#45` names another source, a bare
 * key (`PAY-130`) stays in the linking item's source.
 */
export function parseLinkTarget(
  target: string,
  ownSource: string,
): { source: string; key: string } {
  const match = SOURCE_PREFIX.exec(target)
  return match
    ? { source: match[1] ?? ownSource, key: match[2] ?? target }
    : { source: ownSource, key: target }
}

function optional(value: string | null): string | undefined {
  return value === null ? undefined : value
}

/** The changes of a `changes_json` value (null, for a row written outside the store: none). */
export function parseChangesJson(text: string | null): WorkItemChange[] {
  return text === null ? [] : (JSON.parse(text) as WorkItemChange[])
}

/** A link row back to the record's link. */
export function linkRowToLink(row: Pick<WorkItemLinkRow, 'link_type' | 'target'>): WorkItemLink {
  return { type: row.link_type, target: row.target }
}

/**
 * A work-item row with its change and link rows (both in ordinal order) back to the exact
 * record that was imported: absent optional fields stay absent, timestamps keep their text.
 */
export function workItemRowToRecord(
  row: RecordRowFields & { source: string },
  changes: readonly WorkItemChange[],
  links: readonly WorkItemLink[],
): WorkItemRecord {
  const record: WorkItemRecord = { source: row.source, key: row.key } as WorkItemRecord
  assign(record, 'id', optional(row.external_id))
  assign(record, 'url', optional(row.url))
  assign(record, 'project', optional(row.project))
  record.type = row.type
  assign(record, 'title', optional(row.title))
  record.created = row.created
  record.status = row.status
  assign(record, 'team', optional(row.team))
  if (row.labels_json !== null) record.labels = JSON.parse(row.labels_json) as string[]
  assign(record, 'parent', optional(row.parent))
  if (row.link_count !== null) record.links = [...links]
  assign(record, 'resolved', optional(row.resolved))
  if (row.fields_json !== null)
    record.fields = JSON.parse(row.fields_json) as Record<string, unknown>
  record.changes = [...changes]
  return record
}

function assign<K extends keyof WorkItemRecord>(
  record: WorkItemRecord,
  key: K,
  value: WorkItemRecord[K],
): void {
  if (value !== undefined) record[key] = value
}

/**
 * One row per status or type value of a source (migration 0005): packed flow events name values
 * by these ids. `(source_id, name)` is unique.
 */
export interface FlowValueTable {
  id: Generated<number>
  source_id: number
  name: string
}

/** The data-quality findings of one item (migration 0008); only items with findings have a row. */
export interface ItemFindingsTable {
  source: string
  key: string
  /** Finding names, comma-separated. */
  flags: string
}
