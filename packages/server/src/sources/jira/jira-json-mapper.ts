import { parseInstant } from '@openvmo/core'
import type { WorkItemChange, WorkItemLink, WorkItemRecord } from '@openvmo/core'
import type { MapResult } from '../files/import-result'
import {
  asArray,
  describeInstantText,
  findBadName,
  findStatusMismatch,
  nonEmpty,
  nonEmptyFields,
  sortChangesByInstant,
  withoutUndefined,
} from '../files/record-helpers'
import { synthesizeResolutionChange } from '../files/resolution-history'
import { changesFromChangelog } from './jira-changelog'
import {
  browseUrl,
  displayText,
  findNamedField,
  namesOf,
  projectOfKey,
  sprintNames,
} from './jira-field-values'
import type { JiraFields, JiraIssue, JiraIssueLink } from './jira-json-payloads'

/** Options of {@link jiraIssueToRecord}. */
export interface JiraMapOptions {
  /** The record's `source`; default `jira`. */
  source?: string
  /** The Jira site (`https://jira.example.com`); `url` is `<baseUrl>/browse/KEY`. */
  baseUrl?: string
  /** Field id → display name (`expand=names` of a search page); the issue's own `names` wins. */
  names?: Readonly<Record<string, string>>
  /** Status at creation for issues without a changelog; see `synthesizeResolutionChange`. */
  initialStatus?: string
  /**
   * The custom-field allow-list, record name → Jira field id (`{ Team: 'customfield_10001' }`):
   * each field's value goes to `fields[name]` (display text, a list of them, or a number or
   * boolean as is; an allow-listed name wins over a built-in one), except `Team` (any case), which
   * becomes the record's `team`; its changelog entries are written under the name (`team`).
   */
  customFields?: Readonly<Record<string, string>>
}

type Required = { key: string; type: string; status: string; created: string }

/**
 * Maps one Jira issue (REST v2 or v3 `IssueBean`, with or without `expand=changelog`) to a
 * {@link WorkItemRecord}:
 * - `key`, `id`, `url` (`<baseUrl>/browse/KEY`, else derived from `self`), `project`
 *   (`fields.project.key`, else the key's prefix), `type` (`issuetype.name`), `title` (`summary`),
 *   `created`, `resolved` (`resolutiondate`), `status` (`status.name`), timestamps as recorded;
 * - `team`: the allow-listed `Team` field (`customFields`), else a field named `team`/`Team`
 *   (directly or through `names`), else the first component;
 * - `parent`: `fields.parent.key`, else the `Epic Link` custom field, else `fields.epic.key`;
 * - `links` from `issuelinks`: `{ type: <outward name>, target: <key> }` for an outward issue,
 *   the inward name for an inward one; targets are bare keys (same source);
 * - `fields`: `priority`, `resolution`, `statusCategory` (key), `components`, `fixVersions` and
 *   `sprints` (names), the allow-listed custom fields under their names, and
 *   `historySynthesized: true` when the history was synthesised;
 * - `changes` from the changelog (see `changesFromChangelog`); without a changelog, the one
 *   resolution change of `synthesizeResolutionChange`.
 * Descriptions (v2 text, v3 ADF) and people are not read. Never throws: an issue without key,
 * type, status or a valid `created` is `{ ok: false, reason }` naming the JSON path.
 */
export function jiraIssueToRecord(issue: JiraIssue, options: JiraMapOptions = {}): MapResult {
  if (typeof issue !== 'object' || issue === null) return { ok: false, reason: 'not an object' }
  const fields = issue.fields ?? {}
  const required = requiredValues(issue, fields)
  if (typeof required === 'string') return { ok: false, reason: required }
  const history = historyOf(issue, required, options)
  if (!history.ok) return history
  const record = buildRecord(issue, required, options)
  record.changes = sortChangesByInstant(history.changes)
  if (history.synthesized) record.fields = { ...record.fields, historySynthesized: true }
  const mismatch = history.synthesized ? undefined : findStatusMismatch(record)
  return {
    ok: true,
    record,
    warnings: mismatch ? [...history.warnings, mismatch] : history.warnings,
  }
}

function requiredValues(issue: JiraIssue, fields: JiraFields): Required | string {
  const key = issue.key
  const type = fields.issuetype?.name
  const status = fields.status?.name
  const created = fields.created
  if (typeof key !== 'string' || key === '') return 'key is missing'
  const badKey = findBadName(key, 'key')
  if (badKey !== undefined) return badKey
  if (typeof type !== 'string' || type === '') return 'fields.issuetype.name is missing'
  if (typeof status !== 'string' || status === '') return 'fields.status.name is missing'
  if (typeof created !== 'string') return 'fields.created is missing'
  if (!Number.isFinite(parseInstant(created))) {
    return `fields.created ${describeInstantText(created)}`
  }
  return { key, type, status, created }
}

type History =
  | { ok: true; changes: WorkItemChange[]; warnings: string[]; synthesized: boolean }
  | { ok: false; reason: string }

function historyOf(issue: JiraIssue, required: Required, options: JiraMapOptions): History {
  if (issue.changelog) {
    const result = changesFromChangelog(issue.changelog, allowListNames(options.customFields))
    return result.ok ? { ...result, synthesized: false } : result
  }
  const resolved = resolvedOf(issue.fields)
  const changes = synthesizeResolutionChange({
    status: required.status,
    resolved,
    initialStatus: options.initialStatus,
  })
  return { ok: true, changes, warnings: [], synthesized: changes.length > 0 }
}

function resolvedOf(fields: JiraFields | undefined): string | undefined {
  const resolved = fields?.resolutiondate
  return typeof resolved === 'string' && Number.isFinite(parseInstant(resolved))
    ? resolved
    : undefined
}

function buildRecord(issue: JiraIssue, required: Required, options: JiraMapOptions) {
  const fields = issue.fields ?? {}
  const names = { ...options.names, ...issue.names }
  const record: WorkItemRecord = {
    source: options.source ?? 'jira',
    key: required.key,
    id: issue.id === undefined ? undefined : String(issue.id),
    url: browseUrl(required.key, options.baseUrl, issue.self),
    project: fields.project?.key ?? projectOfKey(required.key),
    type: required.type,
    title: fields.summary,
    created: required.created,
    status: required.status,
    team: teamOf(fields, names, options.customFields),
    labels: nonEmpty(asArray(fields.labels).filter((l) => typeof l === 'string')),
    parent: parentOf(fields, names),
    links: nonEmpty(linksOf(asArray(fields.issuelinks) as JiraIssueLink[])),
    resolved: resolvedOf(fields),
    fields: extraFields(fields, names, options.customFields),
    changes: [],
  }
  return withoutUndefined(record)
}

function parentOf(fields: JiraFields, names: Record<string, string>): string | undefined {
  const epicLink = findNamedField(fields, names, ['Epic Link'])
  return (
    fields.parent?.key ??
    (typeof epicLink === 'string' ? epicLink : displayText(epicLink)) ??
    fields.epic?.key ??
    undefined
  )
}

function linksOf(issueLinks: readonly JiraIssueLink[]): WorkItemLink[] {
  return issueLinks.flatMap((link) => {
    const type = link.type
    if (link.outwardIssue?.key) {
      return [{ type: type?.outward ?? type?.name ?? 'relates', target: link.outwardIssue.key }]
    }
    if (link.inwardIssue?.key) {
      return [{ type: type?.inward ?? type?.name ?? 'relates', target: link.inwardIssue.key }]
    }
    return []
  })
}

function teamOf(
  fields: JiraFields,
  names: Record<string, string>,
  customFields: Readonly<Record<string, string>> = {},
): string | undefined {
  const allowed = Object.entries(customFields).find(([name]) => isTeam(name))
  const value = allowed ? fields[allowed[1]] : findNamedField(fields, names, ['team'])
  return displayText(value) ?? namesOf(asArray(fields.components))[0]
}

function isTeam(name: string): boolean {
  return name.toLowerCase() === 'team'
}

// Field id → the record field its changelog entries are written as.
function allowListNames(customFields: Readonly<Record<string, string>> = {}) {
  return Object.fromEntries(Object.entries(customFields).map(([name, id]) => [id, name]))
}

function allowListValues(
  fields: JiraFields,
  customFields: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const [name, id] of Object.entries(customFields)) {
    const value = isTeam(name) ? undefined : plainValue(fields[id])
    if (value !== undefined) values[name] = value
  }
  return values
}

function plainValue(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return value
  if (!Array.isArray(value)) return displayText(value)
  const list = value.map(plainValue).filter((v) => v !== undefined)
  return nonEmpty(list)
}

function extraFields(
  fields: JiraFields,
  names: Record<string, string>,
  customFields?: Readonly<Record<string, string>>,
) {
  const extra = withoutUndefined({
    priority: fields.priority?.name,
    resolution: fields.resolution?.name,
    statusCategory: fields.status?.statusCategory?.key,
    components: nonEmpty(namesOf(asArray(fields.components))),
    fixVersions: nonEmpty(namesOf(asArray(fields.fixVersions))),
    sprints: nonEmpty(sprintNames(fields, names)),
    ...allowListValues(fields, customFields),
  })
  return nonEmptyFields(extra)
}
