import type { Generated } from 'kysely'

/** One sync of one source: when it ran and how it ended. */
export interface SyncRunTable {
  id: Generated<number>
  source_id: number
  started_at: string
  finished_at: string | null
  /** `running`, `succeeded`, `failed` or `canceled`. */
  outcome: string
  details_json: string | null
}

/** Where the next sync of a source's scope resumes. */
export interface SyncCursorTable {
  source_id: number
  scope: string
  cursor: string
  updated_at: string
}

/** Key/value facts about the store itself, e.g. `schema_version`. */
export interface MetaTable {
  key: string
  value: string
}
