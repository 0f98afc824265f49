import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sharedDataPath } from '../../../test/shared-data'
import { afterAll, describe, expect, test } from 'vitest'
import { formatHistoryLine, parseHistoryLine } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import { loadFlowDataset } from '../ndjson/load-flow-dataset'
import { appceleratorRowToRecord, readAppceleratorCsv } from './appcelerator-csv'
import type { AppceleratorIssueRow } from './appcelerator-csv'

const folders: string[] = []

/** A fresh folder under the OS temp folder, removed after the file's tests. */
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'openvmo-appcelerator-'))
  folders.push(folder)
  return folder
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

const ISSUES_CSV = sharedDataPath('appcelerator-jira-archive/issues.csv')
const SCRIPT = fileURLToPath(
  new URL('../../../../../scripts/convert-appcelerator.ts', import.meta.url),
)

const EMPTY_ROW: AppceleratorIssueRow = {
  key: '',
  id: '',
  project: '',
  issue_type: '',
  subtask: '',
  priority: '',
  status: '',
  status_category: '',
  resolution: '',
  created: '',
  updated: '',
  resolutiondate: '',
  components: '',
  labels: '',
  fix_versions: '',
  affects_versions: '',
  parent_key: '',
  subtask_count: '',
  issuelink_count: '',
  comment_count: '',
  sprint_count: '',
  assignee_hash: '',
  reporter_hash: '',
  flagged: '',
  summary: '',
}

const RESOLVED_ROW: AppceleratorIssueRow = {
  ...EMPTY_ROW,
  key: 'TIMOB-20002',
  id: '153233',
  project: 'TIMOB',
  issue_type: 'Bug',
  priority: 'High',
  status: 'Closed',
  status_category: 'done',
  resolution: 'Fixed',
  created: '2015-11-17T11:10:49.000+0000',
  resolutiondate: '2015-12-04T20:24:05.000+0000',
  components: 'Android;iOS',
  labels: 'ios;regression',
  fix_versions: 'Release 5.2.0',
  parent_key: 'TIMOB-19999',
  summary: 'Crash on start',
}

function countBy<T>(values: Iterable<T>, keyOf: (value: T) => string): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const value of values) counts[keyOf(value)] = (counts[keyOf(value)] ?? 0) + 1
  return counts
}

describe('appceleratorRowToRecord', () => {
  test('writes one status change from Open at the resolution date when the issue is resolved', () => {
    expect(appceleratorRowToRecord(RESOLVED_ROW)).toEqual({
      source: 'jira',
      key: 'TIMOB-20002',
      id: '153233',
      project: 'TIMOB',
      type: 'Bug',
      title: 'Crash on start',
      created: '2015-11-17T11:10:49.000+0000',
      status: 'Closed',
      labels: ['ios', 'regression'],
      parent: 'TIMOB-19999',
      resolved: '2015-12-04T20:24:05.000+0000',
      fields: {
        priority: 'High',
        components: ['Android', 'iOS'],
        resolution: 'Fixed',
        status_category: 'done',
        fix_versions: ['Release 5.2.0'],
        historySynthesized: true,
      },
      changes: [
        { at: '2015-12-04T20:24:05.000+0000', field: 'status', from: 'Open', to: 'Closed' },
      ],
    })
  })

  test('writes no changes and leaves empty columns out when the issue is not resolved', () => {
    const row = { ...EMPTY_ROW, key: 'AC-1', project: 'AC', issue_type: 'Story' }
    const record = appceleratorRowToRecord({
      ...row,
      status: 'Reopened',
      created: RESOLVED_ROW.created,
    })
    expect(record).toEqual({
      source: 'jira',
      key: 'AC-1',
      project: 'AC',
      type: 'Story',
      created: RESOLVED_ROW.created,
      status: 'Reopened',
      changes: [],
    })
    expect(Object.keys(record)).not.toContain('labels')
  })

  test('produces lines the parser accepts unchanged when formatted', () => {
    const record = appceleratorRowToRecord(RESOLVED_ROW)
    const parsed = parseHistoryLine(formatHistoryLine(record))
    expect(parsed).toEqual({ ok: true, record })
  })
})

describe('readAppceleratorCsv', () => {
  test('converts all 29,057 issues with the README counts when reading the archive', async () => {
    const records: WorkItemRecord[] = []
    for await (const record of readAppceleratorCsv(ISSUES_CSV)) records.push(record)
    expect(records).toHaveLength(29_057)
    expect(countBy(records, (r) => r.status)).toEqual({
      Closed: 23_834,
      Open: 2_639,
      Resolved: 2_335,
      Reopened: 192,
      'In Review': 29,
      'In Progress': 26,
      'In QE Test': 2,
    })
    expect(records.filter((r) => r.resolved !== undefined)).toHaveLength(26_108)
    expect(records.filter((r) => r.changes.length === 1)).toHaveLength(26_108)
    expect(countBy(records, (r) => r.type)).toMatchObject({ Bug: 20_959, Epic: 134 })
    expect(records.filter((r) => r.parent !== undefined)).toHaveLength(1_375)
    for (const record of records) {
      const parsed = parseHistoryLine(formatHistoryLine(record))
      if (!parsed.ok) throw new Error(`${record.key}: ${parsed.reason}`)
    }
  })

  test('writes an NDJSON file that loads without skipped lines when the script runs', async () => {
    const out = join(tempFolder(), 'appcelerator.ndjson.gz')
    const run = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ISSUES_CSV, out], {
      encoding: 'utf8',
    })
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' })
    expect(run.stdout).toContain('wrote 29057 records')
    const { dataset, items, changes, skipped } = await loadFlowDataset(out)
    expect({ items, changes, skipped }).toEqual({ items: 29_057, changes: 26_108, skipped: [] })
    expect(dataset.itemCount).toBe(29_057)
  })
})
