import { parseInstant } from '@openvmo/core'
import type { FlowState, WorkItemLink, WorkItemRecord } from '@openvmo/core'
import type { MapResult } from '../files/import-result'
import {
  describeInstantText,
  findStatusMismatch,
  nonEmpty,
  nonEmptyFields,
  sortChangesByInstant,
  withoutUndefined,
} from '../files/record-helpers'
import { replayAzureHistory } from './azure-devops-history'
import type { AzureHistory } from './azure-devops-history'
import type { AzureItemPayload, AzureWorkItemRelation } from './azure-devops-payloads'

/** Link types the mapper writes, from the relation types of Azure DevOps. */
export const AZURE_LINK_TYPES: Readonly<Record<string, string>> = {
  'System.LinkTypes.Hierarchy-Forward': 'child',
  'System.LinkTypes.Hierarchy-Reverse': 'parent',
  'System.LinkTypes.Related': 'related',
  'System.LinkTypes.Dependency-Forward': 'successor',
  'System.LinkTypes.Dependency-Reverse': 'predecessor',
  'System.LinkTypes.Duplicate-Forward': 'duplicate',
  'System.LinkTypes.Duplicate-Reverse': 'duplicate_of',
}

/**
 * The flow state of an Azure DevOps state category: Proposed → new, InProgress → active,
 * Resolved → done (the vocabulary's `resolved`: the work is finished, only its verification or
 * closing remains), Completed → done, Removed → canceled; undefined for anything else.
 */
export function flowStateOfAzureCategory(category: string | undefined): FlowState | undefined {
  switch (category) {
    case 'Proposed':
      return 'new'
    case 'InProgress':
      return 'active'
    case 'Resolved':
    case 'Completed':
      return 'done'
    case 'Removed':
      return 'canceled'
    default:
      return undefined
  }
}

/** The work item id a relation's `url` names (`…/_apis/wit/workItems/12`), if it names one. */
export function workItemIdOfUrl(url: string | undefined): string | undefined {
  const match = /\/_apis\/wit\/workItems\/(\d+)$/i.exec(url ?? '')
  return match?.[1]
}

const string = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined)

/**
 * Maps a work item with all its updates to a {@link WorkItemRecord}:
 * - `key` and `id`: the work item id (unique in the organisation), `url` (its web page),
 *   `project` (`System.TeamProject`), `type` (`System.WorkItemType`), `title`, `created`
 *   (`System.CreatedDate`), `status` (`System.State`), `labels` (`System.Tags`), `resolved`
 *   (`Microsoft.VSTS.Common.ClosedDate`, else `ResolvedDate`), `parent` (the
 *   Hierarchy-Reverse relation);
 * - `changes`: status, type, board column, area and iteration from {@link replayAzureHistory};
 * - `links`: the work item relations of {@link AZURE_LINK_TYPES} (parent, child, related,
 *   predecessor, successor, duplicate); attachments, hyperlinks and artifact links are left out;
 * - `fields`: `areaPath`, `iterationPath`, `boardColumn`, `assignedTo`, `reason`,
 *   `historyCorrected`.
 * Never throws: a payload without an id, a valid created date, a type or a state is
 * `{ ok: false }`.
 */
export function azureItemToRecord(
  payload: AzureItemPayload,
  options: { source: string },
): MapResult {
  const item = payload?.item
  if (typeof item !== 'object' || item === null) return { ok: false, reason: 'no work item object' }
  if (!Number.isInteger(item.id)) return { ok: false, reason: 'the work item has no id' }
  const key = String(item.id)
  const fields = item.fields ?? {}
  const created = string(fields['System.CreatedDate'])
  if (created === undefined) return { ok: false, reason: `${key}: System.CreatedDate is missing` }
  if (!Number.isFinite(parseInstant(created))) {
    return { ok: false, reason: `${key}: System.CreatedDate ${describeInstantText(created)}` }
  }
  if (string(fields['System.WorkItemType']) === undefined)
    return { ok: false, reason: `${key}: System.WorkItemType is missing` }
  if (string(fields['System.State']) === undefined)
    return { ok: false, reason: `${key}: System.State is missing` }
  const history = replayAzureHistory({
    item,
    updates: Array.isArray(payload.updates) ? payload.updates : [],
  })
  const record = buildRecord(payload, { key, created, history, source: options.source })
  const mismatch = findStatusMismatch(record)
  return {
    ok: true,
    record,
    warnings: mismatch ? [...history.warnings, mismatch] : history.warnings,
  }
}

function buildRecord(
  payload: AzureItemPayload,
  built: { key: string; created: string; history: AzureHistory; source: string },
): WorkItemRecord {
  const fields = payload.item.fields ?? {}
  const links = azureLinksOf(payload.item.relations ?? [])
  const record: WorkItemRecord = {
    source: built.source,
    key: built.key,
    id: built.key,
    url: string(payload.item._links?.html?.href) ?? string(payload.item.url),
    project: string(fields['System.TeamProject']),
    type: fields['System.WorkItemType'] as string,
    title: string(fields['System.Title']),
    created: built.created,
    status: fields['System.State'] as string,
    labels: nonEmpty(tagsOf(fields['System.Tags'])),
    parent: links.find((l) => l.type === 'parent')?.target,
    links: nonEmpty(links),
    resolved:
      string(fields['Microsoft.VSTS.Common.ClosedDate']) ??
      string(fields['Microsoft.VSTS.Common.ResolvedDate']),
    fields: extraFields(fields, built.history),
    changes: sortChangesByInstant(built.history.changes),
  }
  return withoutUndefined(record)
}

/** `System.Tags` (`"backend; urgent"`) as labels. */
function tagsOf(tags: unknown): string[] {
  if (typeof tags !== 'string') return []
  return tags
    .split(';')
    .map((t) => t.trim())
    .filter((t) => t !== '')
}

/** The links of a work item's relations, each target a work item id of the same organisation. */
export function azureLinksOf(relations: readonly AzureWorkItemRelation[]): WorkItemLink[] {
  const links: WorkItemLink[] = []
  const seen = new Set<string>()
  for (const relation of Array.isArray(relations) ? relations : []) {
    const type = AZURE_LINK_TYPES[relation?.rel ?? '']
    const target = workItemIdOfUrl(relation?.url)
    if (type === undefined || target === undefined || seen.has(`${type}>${target}`)) continue
    seen.add(`${type}>${target}`)
    links.push({ type, target })
  }
  return links
}

function extraFields(fields: Record<string, unknown>, history: AzureHistory) {
  const assigned = fields['System.AssignedTo'] as { displayName?: unknown } | string | undefined
  return nonEmptyFields(
    withoutUndefined({
      areaPath: string(fields['System.AreaPath']),
      iterationPath: string(fields['System.IterationPath']),
      boardColumn: string(fields['System.BoardColumn']),
      assignedTo: typeof assigned === 'string' ? assigned : string(assigned?.displayName),
      reason: string(fields['System.Reason']),
      historyCorrected: history.corrected ? true : undefined,
    }),
  )
}
