/**
 * One change of a work item's field, with the tool's own timestamp (ISO-8601 with offset, as
 * recorded). `from`/`to` are the field's values before and after; `null` when empty.
 */
export interface WorkItemChange {
  at: string
  field: string
  from: string | null
  to: string | null
}

/** A link from one work item to another, possibly in another source (`github:acme/pay#45`). */
export interface WorkItemLink {
  type: string
  target: string
}

/**
 * A work item with its change history: the NDJSON history line of docs/importing.md ("NDJSON history"), validated.
 * Timestamps keep their recorded text (so an export is lossless); the engine parses them once
 * when it builds a {@link FlowDataset}. `changes` are sorted by instant (stable).
 */
export interface WorkItemRecord {
  source: string
  key: string
  id?: string
  url?: string
  project?: string
  type: string
  title?: string
  created: string
  status: string
  team?: string
  labels?: string[]
  parent?: string
  links?: WorkItemLink[]
  resolved?: string
  fields?: Record<string, unknown>
  changes: WorkItemChange[]
}
