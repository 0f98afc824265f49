import { parseInstant } from '@openvmo/core'
import type { WorkItemChange } from '@openvmo/core'
import { describeInstantText } from '../files/record-helpers'
import type { JiraChangeItem, JiraChangelog } from './jira-json-payloads'

// Jira changelog field names → record field names (docs/importing.md ("NDJSON history") uses status, type, team, parent).
// `IssueParentAssociation` is how Cloud logs the unified Parent field; `Epic Link` and
// `Parent Link` (Advanced Roadmaps) are the older ways to say the same.
const FIELD_NAMES: Readonly<Record<string, string>> = {
  status: 'status',
  issuetype: 'type',
  sprint: 'sprint',
  assignee: 'assignee',
  team: 'team',
  parent: 'parent',
  'epic link': 'parent',
  'parent link': 'parent',
  issueparentassociation: 'parent',
}

/**
 * The record field a Jira changelog field is written as: `status`, `issuetype` → `type`,
 * `Sprint` → `sprint`, `assignee`, `Team` → `team`, `Parent`/`Epic Link`/`Parent Link`/
 * `IssueParentAssociation` → `parent`; any other field keeps its Jira name.
 */
export function recordFieldOf(jiraField: string): string {
  return FIELD_NAMES[jiraField.toLowerCase()] ?? jiraField
}

/** Changes read from an inline changelog, or the reason the issue cannot be imported. */
export type ChangelogResult =
  { ok: true; changes: WorkItemChange[]; warnings: string[] } | { ok: false; reason: string }

/**
 * Turns `changelog.histories` into changes, one per item, `at` = the history's `created` as
 * recorded. Values are the display strings (`fromString`/`toString`; `from`/`to` when a
 * display string is absent); empty strings become `null`. A history without a valid timestamp
 * rejects the issue (its path is named). A changelog with `total` above the histories it holds
 * (Jira inlines at most 100) yields a `changelog truncated: 100 of 250 histories` warning; the
 * connector fetches the rest from `/issue/{key}/changelog`. `fieldNames` (field id → name) names
 * the items of those fields instead of their Jira name (the custom-field allow-list).
 */
export function changesFromChangelog(
  changelog: JiraChangelog,
  fieldNames: Readonly<Record<string, string>> = {},
): ChangelogResult {
  const histories = changelog.histories ?? []
  const changes: WorkItemChange[] = []
  for (const [h, history] of histories.entries()) {
    const at = history.created
    if (typeof at !== 'string' || !Number.isFinite(parseInstant(at))) {
      const shown = at === undefined ? 'missing' : describeInstantText(String(at))
      return { ok: false, reason: `changelog.histories[${h}].created ${shown}` }
    }
    for (const item of history.items ?? []) {
      const field = (item.fieldId && fieldNames[item.fieldId]) || item.field
      if (field) changes.push(changeOf(at, field, item))
    }
  }
  return { ok: true, changes, warnings: truncationWarnings(changelog, histories.length) }
}

function changeOf(at: string, field: string, item: JiraChangeItem): WorkItemChange {
  return {
    at,
    field: recordFieldOf(field),
    from: valueOf(item, 'fromString', 'from'),
    to: valueOf(item, 'toString', 'to'),
  }
}

// `item.toString` would fall back to Object.prototype.toString when the key is absent: read own keys.
function valueOf(item: JiraChangeItem, display: keyof JiraChangeItem, raw: keyof JiraChangeItem) {
  const value = ownText(item, display) ?? ownText(item, raw)
  return value === undefined || value === '' ? null : value
}

function ownText(item: JiraChangeItem, key: keyof JiraChangeItem): string | undefined {
  const value: unknown = Object.hasOwn(item, key) ? item[key] : undefined
  return typeof value === 'string' ? value : undefined
}

function truncationWarnings(changelog: JiraChangelog, held: number): string[] {
  const total = changelog.total
  return typeof total === 'number' && total > held
    ? [`changelog truncated: ${held} of ${total} histories`]
    : []
}
