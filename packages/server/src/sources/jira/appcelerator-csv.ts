import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import { parse } from 'csv-parse'
import { VmoError, isVmoError } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import { synthesizeResolutionChange } from '../files/resolution-history'

/**
 * One row of the Appcelerator Jira archive's `issues.csv` (see its README): every column is text,
 * empty when unknown; multi-valued columns are joined with `;`; timestamps are Jira's
 * `2015-04-24T12:04:05.000+0000`.
 */
export interface AppceleratorIssueRow {
  key: string
  id: string
  project: string
  issue_type: string
  subtask: string
  priority: string
  status: string
  status_category: string
  resolution: string
  created: string
  updated: string
  resolutiondate: string
  components: string
  labels: string
  fix_versions: string
  affects_versions: string
  parent_key: string
  subtask_count: string
  issuelink_count: string
  comment_count: string
  sprint_count: string
  assignee_hash: string
  reporter_hash: string
  flagged: string
  summary: string
}

/** The status every archived issue is assumed to have been created in (the archive has no history). */
export const APPCELERATOR_INITIAL_STATUS = 'Open'

function splitList(value: string): string[] | undefined {
  if (value === '') return undefined
  return value.split(';').filter((item) => item !== '')
}

function nonEmpty(value: string): string | undefined {
  return value === '' ? undefined : value
}

/** Drops the keys whose value is undefined, so absent columns stay absent in the record. */
function withoutUndefined(record: WorkItemRecord): WorkItemRecord {
  for (const name of Object.keys(record) as (keyof WorkItemRecord)[]) {
    if (record[name] === undefined) delete record[name]
  }
  return record
}

function rowFields(row: AppceleratorIssueRow): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  const values: [string, unknown][] = [
    ['priority', nonEmpty(row.priority)],
    ['components', splitList(row.components)],
    ['resolution', nonEmpty(row.resolution)],
    ['status_category', nonEmpty(row.status_category)],
    ['fix_versions', splitList(row.fix_versions)],
  ]
  for (const [name, value] of values) if (value !== undefined) fields[name] = value
  return fields
}

/**
 * Converts one `issues.csv` row to a work-item record: source `jira`, `key`, `id`, `project`,
 * `type` = issue_type, `title` = summary, `created`, `resolved` = resolutiondate, `status`,
 * `labels` (`;`-split), `parent` = parent_key, and `fields` {priority, components (list),
 * resolution, status_category, fix_versions (list)}. Empty columns are left out; timestamps are
 * kept as recorded (`+0000` offsets are valid instants).
 *
 * History rule: the archive has no changelog, so only what is known is written. When
 * `resolutiondate` is set, the record gets exactly one status change at `resolutiondate` from
 * `Open` ({@link APPCELERATOR_INITIAL_STATUS}) to the current status (none if the current status is
 * `Open` itself); otherwise it has no changes. Lead time (created → resolved) is therefore right,
 * while intermediate states, reopenings and cycle times are unknown, not invented. Records with a
 * synthesized change carry `fields.historySynthesized = true`.
 */
export function appceleratorRowToRecord(row: AppceleratorIssueRow): WorkItemRecord {
  const resolved = nonEmpty(row.resolutiondate)
  const changes = synthesizeResolutionChange({
    status: row.status,
    resolved,
    initialStatus: APPCELERATOR_INITIAL_STATUS,
  })
  const fields = rowFields(row)
  if (changes.length > 0) fields.historySynthesized = true
  return withoutUndefined({
    source: 'jira',
    key: row.key,
    id: nonEmpty(row.id),
    project: nonEmpty(row.project),
    type: row.issue_type,
    title: nonEmpty(row.summary),
    created: row.created,
    status: row.status,
    labels: splitList(row.labels),
    parent: nonEmpty(row.parent_key),
    resolved,
    fields: Object.keys(fields).length > 0 ? fields : undefined,
    changes,
  })
}

/**
 * Streams the records of an Appcelerator `issues.csv` file, in file order. Throws
 * `VmoError('INVALID_INPUT')` naming the file on broken quoting, a row whose column count differs
 * from the header, or a file that cannot be read.
 */
export async function* readAppceleratorCsv(path: string): AsyncGenerator<WorkItemRecord> {
  const rows = createReadStream(path).pipe(parse({ columns: true, bom: true }))
  try {
    for await (const row of rows) yield appceleratorRowToRecord(row as AppceleratorIssueRow)
  } catch (error) {
    if (isVmoError(error)) throw error
    const reason = (error as Error).message.toLowerCase()
    throw new VmoError('INVALID_INPUT', `${basename(path)}: ${reason}`, {
      cause: error,
      details: { file: path, reason },
    })
  }
}
