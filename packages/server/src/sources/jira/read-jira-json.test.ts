import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { isVmoError } from '@openvmo/core'
import { readJiraJson } from './read-jira-json'
import { sharedDataPath } from '../../../test/shared-data'

const RAW_SAMPLE = sharedDataPath('appcelerator-jira-archive/raw-sample')
const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../test/fixtures/import/${name}`, import.meta.url))
const tempDir = () => mkdtempSync(join(tmpdir(), 'openvmo-jira-json-'))

interface RawIssue {
  key: string
  fields: {
    issuetype: { name: string }
    status: { name: string; statusCategory: { key: string } }
    created: string
    resolutiondate: string | null
  }
}

describe('readJiraJson with the appcelerator raw sample', () => {
  const files = readdirSync(RAW_SAMPLE).filter((f) => f.endsWith('.json'))
  const raw = files.map((f) => JSON.parse(readFileSync(join(RAW_SAMPLE, f), 'utf8')) as RawIssue)

  test('imports all 40 single-issue files with key, type, status and created as in the json', async () => {
    const { records, outcomes } = await readJiraJson(RAW_SAMPLE)
    expect(files).toHaveLength(40)
    expect(outcomes).toEqual([])
    expect(records).toHaveLength(40)
    const byKey = new Map(records.map((r) => [r.key, r]))
    for (const issue of raw) {
      expect(byKey.get(issue.key)).toMatchObject({
        source: 'jira',
        key: issue.key,
        type: issue.fields.issuetype.name,
        status: issue.fields.status.name,
        created: issue.fields.created,
      })
    }
  })

  test('synthesises one change from the batch initial status when an issue is resolved', async () => {
    const { records } = await readJiraJson(RAW_SAMPLE)
    for (const issue of raw) {
      const record = records.find((r) => r.key === issue.key)
      const resolved = issue.fields.resolutiondate
      if (resolved === null) {
        expect(record?.changes).toEqual([])
        continue
      }
      expect(record?.changes).toEqual([
        { at: resolved, field: 'status', from: 'Open', to: issue.fields.status.name },
      ])
      expect(record?.fields?.historySynthesized).toBe(true)
    }
  })

  test('reads parent, epic and closed sprints when the dump has them', async () => {
    const { records } = await readJiraJson(RAW_SAMPLE)
    expect(records.find((r) => r.key === 'MOD-2868')).toMatchObject({
      type: 'Sub-task',
      parent: 'MOD-2865',
      fields: { sprints: ['2021 Sprint 5'] },
    })
    expect(records.find((r) => r.key === 'DAEMON-46')?.parent).toBe('DAEMON-48')
  })
})

describe('readJiraJson with files of other shapes', () => {
  test('reads every issue of a search page and reports the bad one with its path', async () => {
    const { records, outcomes } = await readJiraJson(fixture('jira-v2-search-page.json'))
    expect(records.map((r) => r.key)).toEqual(['PAY-123', 'PAY-130'])
    expect(outcomes).toEqual([
      expect.objectContaining({ key: 'PAY-131', path: 'issues[2]', severity: 'error' }),
    ])
  })

  test('reads a v3 search/jql page without following nextPageToken', async () => {
    const { records, outcomes } = await readJiraJson(fixture('jira-v3-search-jql-page.json'))
    expect(records.map((r) => r.key)).toEqual(['WEB-7'])
    expect(outcomes).toEqual([])
  })

  test('reports a truncated changelog as a warning when the issue is imported', async () => {
    const { records, outcomes } = await readJiraJson(fixture('jira-truncated-changelog.json'))
    expect(records).toHaveLength(1)
    expect(outcomes).toEqual([
      expect.objectContaining({
        key: 'OPS-9',
        severity: 'warning',
        reason: 'changelog truncated: 2 of 250 histories',
      }),
    ])
  })

  test('reads an array of issues and keeps the later one when a key repeats', async () => {
    const dir = tempDir()
    const issue = (status: string) => ({
      key: 'A-1',
      fields: {
        issuetype: { name: 'Bug' },
        status: { name: status },
        created: '2024-01-01T00:00:00Z',
      },
    })
    writeFileSync(join(dir, 'issues.json'), JSON.stringify([issue('Open'), issue('Doing')]))
    const { records, outcomes } = await readJiraJson(join(dir, 'issues.json'))
    expect(records.map((r) => r.status)).toEqual(['Doing'])
    expect(outcomes[0]).toMatchObject({ key: 'A-1', path: '[1]', severity: 'warning' })
  })

  test('throws naming the file and position when a single file is malformed json', async () => {
    const error = await readJiraJson(fixture('malformed-json.txt')).catch((e: unknown) => e)
    expect(isVmoError(error, 'INVALID_INPUT')).toBe(true)
    expect((error as Error).message).toMatch(
      /^"malformed-json\.txt": malformed json at line 4, column \d+/,
    )
  })

  test('reports a malformed file as an outcome when it is in a folder', async () => {
    const dir = tempDir()
    copyFileSync(fixture('malformed-json.txt'), join(dir, 'a.json'))
    copyFileSync(fixture('jira-truncated-changelog.json'), join(dir, 'b.json'))
    writeFileSync(join(dir, 'notes.txt'), 'not json')
    const { records, outcomes } = await readJiraJson(dir)
    expect(records.map((r) => r.key)).toEqual(['OPS-9'])
    expect(outcomes[0]).toMatchObject({ file: join(dir, 'a.json'), severity: 'error' })
    expect(outcomes[0]?.reason).toContain('"a.json": malformed json')
  })

  test('throws naming the file when the json is not an issue, array or search page', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'x.json'), '{"values": []}')
    await expect(readJiraJson(join(dir, 'x.json'))).rejects.toThrow(
      /"x\.json": not a jira search response/,
    )
  })

  test('throws naming the path when the file does not exist', async () => {
    await expect(readJiraJson('/nonexistent/file.json')).rejects.toThrow(
      '"/nonexistent/file.json" does not exist',
    )
  })

  test('throws naming the folder when it holds no json files', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'notes.txt'), 'x')
    await expect(readJiraJson(dir)).rejects.toThrow(
      `"${dir}" is a folder without .json files (a folder is read as jira json files)`,
    )
  })
})

describe('readJiraJson initial status', () => {
  test('synthesises from the most frequent new-category status when the batch has no changelog', async () => {
    const dir = tempDir()
    const issue = (key: string, [status, category]: [string, string], resolved: string | null) => ({
      key,
      fields: {
        issuetype: { name: 'Task' },
        status: { name: status, statusCategory: { key: category } },
        created: '2024-01-01T00:00:00Z',
        resolutiondate: resolved,
      },
    })
    const issues = [
      issue('B-1', ['Backlog', 'new'], null),
      issue('B-2', ['Backlog', 'new'], null),
      issue('B-3', ['Done', 'done'], '2024-01-05T00:00:00Z'),
    ]
    writeFileSync(join(dir, 'page.json'), JSON.stringify({ issues, startAt: 0, total: 3 }))
    const { records } = await readJiraJson(join(dir, 'page.json'))
    expect(records.find((r) => r.key === 'B-3')?.changes).toEqual([
      { at: '2024-01-05T00:00:00Z', field: 'status', from: 'Backlog', to: 'Done' },
    ])
    const pinned = await readJiraJson(join(dir, 'page.json'), { initialStatus: 'New' })
    expect(pinned.records.find((r) => r.key === 'B-3')?.changes[0]?.from).toBe('New')
  })
})
