import type { WorkItemChange } from '@openvmo/core'

/** Kind codes of a packed event, the same numbers as the engine's `EVENT_STATUS`/`EVENT_TYPE`. */
const KIND_STATUS = 0
const KIND_TYPE = 1
const FIELD_OF_KIND = ['status', 'type'] as const

/**
 * Packs the status and type changes of a record into `work_items.flow_events` (migration 0003):
 * a JSON array of four entries per change, `[kind, at, from, to, kind, at, from, to, …]`, where
 * `kind` is 0 for `status` and 1 for `type`, `at` is the instant text exactly as recorded and
 * `from`/`to` are the values (or null). Changes keep the record's order; other fields are left
 * out, since the engine reads only these two.
 *
 * `at` stays text rather than epoch ms: the engine's dataset builder parses the text itself,
 * so ms would have to be formatted back to text on every load (a second per 10M changes), and
 * text keeps offsets such as `+0100` exactly as imported.
 */
export function packFlowEvents(changes: readonly WorkItemChange[]): string {
  const packed: unknown[] = []
  for (const change of changes) {
    const kind = change.field === 'status' ? KIND_STATUS : change.field === 'type' ? KIND_TYPE : -1
    if (kind >= 0) packed.push(kind, change.at, change.from, change.to)
  }
  return JSON.stringify(packed)
}

/** Reverses {@link packFlowEvents}: the record's status and type changes, in recorded order. */
export function unpackFlowEvents(packed: string): WorkItemChange[] {
  const values = JSON.parse(packed) as (string | number | null)[]
  const changes: WorkItemChange[] = new Array<WorkItemChange>(values.length >> 2)
  for (let i = 0, e = 0; i < values.length; i += 4, e++) {
    changes[e] = {
      at: values[i + 1] as string,
      field: FIELD_OF_KIND[values[i] as 0 | 1],
      from: values[i + 2] as string | null,
      to: values[i + 3] as string | null,
    }
  }
  return changes
}
