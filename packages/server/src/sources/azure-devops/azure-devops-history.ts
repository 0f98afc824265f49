import { parseInstant } from '@openvmo/core'
import type { WorkItemChange } from '@openvmo/core'
import type { AzureItemPayload, AzureWorkItemUpdate } from './azure-devops-payloads'

/** The fields whose history becomes changes, by the change's `field`. */
export const AZURE_TRACKED_FIELDS = {
  status: 'System.State',
  type: 'System.WorkItemType',
  column: 'System.BoardColumn',
  area: 'System.AreaPath',
  iteration: 'System.IterationPath',
} as const

type Tracked = keyof typeof AZURE_TRACKED_FIELDS

/** A work item's field history: changes, whether it was corrected, and warnings. */
export interface AzureHistory {
  changes: WorkItemChange[]
  /** The updates did not end in the item's state now: one change to it was added. */
  corrected: boolean
  warnings: string[]
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

/**
 * When an update happened: `fields["System.ChangedDate"].newValue`. Not `revisedDate`, which is
 * when the revision was superseded by the next one (9999-01-01 on the latest).
 */
export function changedAtOf(update: AzureWorkItemUpdate): string | undefined {
  const at = update?.fields?.['System.ChangedDate']?.newValue
  return typeof at === 'string' && Number.isFinite(parseInstant(at)) ? at : undefined
}

/**
 * Replays the updates of a work item (in `rev` order) into `status`, `type`, `column`, `area`
 * and `iteration` changes at each update's `System.ChangedDate`. The first revision sets the
 * values the item was created with (no change); a field update with no valid ChangedDate is
 * ignored with a warning; updates that only touch relations carry no fields and add nothing.
 * A state replay that does not end in `System.State` now gets one correcting change at the
 * item's `System.ChangedDate`. Pure.
 */
export function replayAzureHistory(payload: AzureItemPayload): AzureHistory {
  const warnings: string[] = []
  const changes: WorkItemChange[] = []
  const current = new Map<Tracked, string | null>()
  const updates = [...payload.updates].sort(
    (a, b) => (a?.rev ?? 0) - (b?.rev ?? 0) || (a?.id ?? 0) - (b?.id ?? 0),
  )
  let first = true
  for (const update of updates) {
    const fields = update?.fields
    if (typeof fields !== 'object' || fields === null) continue
    const at = changedAtOf(update)
    if (at === undefined && !first) {
      warnings.push(`update ${String(update.id)} has no valid System.ChangedDate and was ignored`)
      continue
    }
    for (const [field, name] of Object.entries(AZURE_TRACKED_FIELDS) as [Tracked, string][]) {
      const change = fields[name]
      if (change === undefined) continue
      const to = text(change.newValue)
      const from = current.has(field) ? (current.get(field) ?? null) : text(change.oldValue)
      current.set(field, to)
      if (!first && at !== undefined && from !== to) changes.push({ at, field, from, to })
    }
    first = false
  }
  return finish(payload, { changes, warnings, state: current.get('status') ?? null })
}

function finish(
  payload: AzureItemPayload,
  replay: { changes: WorkItemChange[]; warnings: string[]; state: string | null },
): AzureHistory {
  const fields = payload.item.fields ?? {}
  const now = text(fields['System.State'])
  const corrected = now !== null && replay.state !== now
  if (corrected) {
    const at = text(fields['System.ChangedDate']) ?? text(fields['System.CreatedDate']) ?? ''
    replay.changes.push({ at, field: 'status', from: replay.state, to: now })
    replay.warnings.push(
      `the updates end in ${JSON.stringify(replay.state)}, not ${JSON.stringify(now)}: one change was added`,
    )
  }
  return { changes: replay.changes, corrected, warnings: replay.warnings }
}
