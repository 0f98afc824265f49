import type { Generated, Selectable } from 'kysely'

/** A connected tool or instance (`jira`, `github`, `csv`); work items belong to one. */
export interface SourceTable {
  id: Generated<number>
  name: string
  kind: string | null
  /** ISO-8601 UTC instant of the first sight. */
  created_at: string
}

/** A part of a source that syncs on its own cursor (a Jira project, a GitHub repository). */
export interface ScopeTable {
  id: Generated<number>
  source_id: number
  name: string
  created_at: string
}

/** A raw source payload, kept so a mapping change recomputes without re-fetching. */
export interface RawPayloadTable {
  source_id: number
  key: string
  payload_json: string
  stored_at: string
}

/** A selected source row. */
export type SourceRow = Selectable<SourceTable>
