import { findControlCharacter, findInstantProblem, parseInstant } from '@openvmo/core'
import type { WorkItemChange, WorkItemRecord } from '@openvmo/core'

/**
 * Why `value` cannot be a source name or an item key, or undefined: it holds a control character
 * (U+0000–U+001F but tab). `what` names the value in the reason (`column "key"`), which quotes it.
 */
export function findBadName(value: string, what: string): string | undefined {
  const problem = findControlCharacter(value)
  return problem && `${what} ${JSON.stringify(value)} contains a ${problem}`
}

/**
 * What is wrong with `text`, which `parseInstant` refused, quoting it: the field out of range
 * (`"2024-02-30T10:00:00Z" is not a valid date and time: day 30 is not in February 2024 (01–29)`)
 * or, for another shape, that it is not an instant with an offset.
 */
export function describeInstantText(text: string): string {
  const problem = findInstantProblem(text)
  const quoted = JSON.stringify(text)
  return problem === undefined
    ? `${quoted} is not an instant with offset`
    : `${quoted} is not a valid date and time: ${problem}`
}

/** Sorts changes by instant, keeping the source order of changes at the same instant. */
export function sortChangesByInstant(changes: readonly WorkItemChange[]): WorkItemChange[] {
  return changes
    .map((change, index) => ({ change, index, ms: parseInstant(change.at) }))
    .sort((a, b) => a.ms - b.ms || a.index - b.index)
    .map(({ change }) => change)
}

/**
 * Why `record` breaks docs/importing.md ("NDJSON history")'s rule that `status` equals the `to` of the last status change
 * (changes sorted), or `undefined` when it keeps it (or has no status change).
 */
export function findStatusMismatch(record: WorkItemRecord): string | undefined {
  const last = record.changes.filter((c) => c.field === 'status').at(-1)
  if (!last || last.to === record.status) return undefined
  return `status "${record.status}" differs from the last status change to "${last.to ?? ''}" at ${last.at}`
}

/** `list` when it has elements, else `undefined` (an empty list adds nothing to a record). */
export function nonEmpty<T>(list: readonly T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? [...list] : undefined
}

/** `value` when it is an array, else an empty array (source payloads are not trusted). */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

/** A copy of `value` without its `undefined` properties (they would clutter the NDJSON). */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

/** `fields` when it has a property, else `undefined`. */
export function nonEmptyFields(
  fields: Record<string, unknown>,
): Record<string, unknown> | undefined {
  return Object.keys(fields).length > 0 ? fields : undefined
}
