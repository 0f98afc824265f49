import type { WorkItemChange, WorkItemRecord } from '@openvmo/core'
import { nonEmptyFields, withoutUndefined } from './record-helpers'

/** The status assumed at creation when a source has no history and no better guess. */
export const DEFAULT_INITIAL_STATUS = 'Open'

/** Inputs of {@link synthesizeResolutionChange}. */
export interface ResolutionHistoryInput {
  /** The status now. */
  status: string
  /** When the item was resolved (recorded text with offset), if it was. */
  resolved: string | undefined
  /** The status at creation; {@link DEFAULT_INITIAL_STATUS} when unknown. */
  initialStatus: string | undefined
}

/**
 * The history we dare to write for a source without a changelog (the appcelerator dump, Jira's
 * CSV export). Rule: no change at all, unless the item is resolved and its current status differs
 * from the initial status; then exactly one status change at the resolution instant, from the
 * initial status to the current one. This keeps lead time (created → resolved) right and claims
 * no intermediate states, so flow time and efficiency stay "insufficient data" rather than wrong.
 * Callers mark such records with `fields.historySynthesized = true`.
 */
export function synthesizeResolutionChange(input: ResolutionHistoryInput): WorkItemChange[] {
  const from = input.initialStatus ?? DEFAULT_INITIAL_STATUS
  if (input.resolved === undefined || from === input.status) return []
  return [{ at: input.resolved, field: 'status', from, to: input.status }]
}

/**
 * Picks the initial status of a batch: the most frequent status name among items whose status
 * category is "new" (Jira's To Do category), ties broken alphabetically;
 * {@link DEFAULT_INITIAL_STATUS} when no item is in that category.
 */
export function pickInitialStatus(newCategoryStatuses: Iterable<string>): string {
  const counts = new Map<string, number>()
  for (const name of newCategoryStatuses) counts.set(name, (counts.get(name) ?? 0) + 1)
  let best: [string, number] | undefined
  for (const entry of counts) {
    if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry
  }
  return best?.[0] ?? DEFAULT_INITIAL_STATUS
}

/**
 * Applies the synthesis rule to a record that has no source history, with the initial status
 * learnt from the whole batch (readers know it only at the end): `changes` becomes the rule's
 * result and `fields.historySynthesized` is set or removed to match. Call it only for records
 * without a changelog; their other properties are kept.
 */
export function resynthesize(record: WorkItemRecord, initialStatus: string): WorkItemRecord {
  const changes = synthesizeResolutionChange({
    status: record.status,
    resolved: record.resolved,
    initialStatus,
  })
  const { historySynthesized: _, ...rest } = record.fields ?? {}
  const fields = changes.length > 0 ? { ...rest, historySynthesized: true } : rest
  return withoutUndefined({ ...record, changes, fields: nonEmptyFields(fields) })
}
