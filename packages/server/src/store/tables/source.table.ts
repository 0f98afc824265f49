import type { Generated, Selectable } from 'kysely'

/** A connected tool or instance (`jira`, `github`, `csv`); work items belong to one. */
export interface SourceTable {
  id: Generated<number>
  name: string
  kind: string | null
  /** ISO-8601 UTC instant of the first sight. */
  created_at: string
  /** The connector's config (no secret in it), JSON; null for sources only imported from files. */
  config_json: string | null
  /** The token, encrypted (AES-256-GCM envelope, JSON); null when it comes from the environment. */
  secret_json: string | null
}

/** A part of a source that syncs on its own cursor (a Jira project, a GitHub repository). */
export interface ScopeTable {
  id: Generated<number>
  source_id: number
  name: string
  created_at: string
  /** `project`, `jql`, `repo`, `org` … (null for scopes seen only in imports). */
  kind: string | null
  value: string | null
  /** When the key census last compared the source with the store (ISO-8601 UTC). */
  reconciled_at: string | null
}

/** A raw source payload, kept so a mapping change recomputes without re-fetching. */
export interface RawPayloadTable {
  source_id: number
  key: string
  payload_json: string
  stored_at: string
  /** The scope whose sync delivered it last (the census of that scope covers it). */
  scope: string | null
}

/** Who is syncing a source now: at most one holder, until its lease expires. */
export interface SyncLeaseTable {
  source_id: number
  owner: string
  acquired_at: string
  expires_at: string
}

/** An item the source no longer has (deleted, or moved out of every synced scope). */
export interface DeletedItemTable {
  source_id: number
  key: string
  scope: string | null
  /** `deleted` (gone from its scope's census). */
  reason: string
  deleted_at: string
}

/** A selected source row. */
export type SourceRow = Selectable<SourceTable>
