import type { WorkItemRecord } from '@openvmo/core'

/** How serious an import outcome is: `error` items were skipped, the others were imported. */
export const OUTCOME_SEVERITIES = ['error', 'warning', 'info'] as const
export type OutcomeSeverity = (typeof OUTCOME_SEVERITIES)[number]

/**
 * One thing worth telling the user about an import: a skipped item (`error`), an imported item
 * with a caveat (`warning`), or a note about the whole file (`info`). `line` is the 1-based line
 * of a CSV row; `path` the JSON path of the offending value inside the file.
 */
export interface ImportOutcome {
  file: string
  severity: OutcomeSeverity
  reason: string
  key?: string
  line?: number
  path?: string
}

/**
 * What every reader returns: the records it could build and the outcomes of the rest. Readers
 * never throw for one bad item; they throw `VmoError('INVALID_INPUT')` only when the file as a
 * whole cannot be read (bad encoding, malformed JSON, missing columns). Whether an `error`
 * outcome aborts the import is the caller's decision (docs/importing.md ("NDJSON history"): all-or-nothing by default).
 */
export interface ImportResult {
  records: WorkItemRecord[]
  outcomes: ImportOutcome[]
  /** For CSV formats: which column each role was read from, and why (for `--dry-run`). */
  columns?: { role: string; column: string; by: 'name' | 'mapping' | 'alias' }[]
}

/** The result of mapping one source item: a record (with caveats) or the reason it was skipped. */
export type MapResult =
  { ok: true; record: WorkItemRecord; warnings: string[] } | { ok: false; reason: string }

/** Whether the outcomes contain at least one skipped item. */
export function hasImportErrors(outcomes: readonly ImportOutcome[]): boolean {
  return outcomes.some((o) => o.severity === 'error')
}
