import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { parseHistoryLine } from '@openvmo/core'
import { detectImportFormat, readImportFile, recogniseImportFormat } from './import-file'
import { sharedDataPath } from '../../../test/shared-data'

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../test/fixtures/import/${name}`, import.meta.url))
const HISTORY_LINE =
  '{"source":"jira","key":"PAY-1","type":"Story","status":"Done","created":"2024-03-01T09:12:00Z",' +
  '"changes":[{"at":"2024-03-02T10:00:00Z","field":"status","from":"Open","to":"Done"}]}'

function tempFile(name: string, content: string | Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), 'openvmo-import-')), name)
  writeFileSync(path, content)
  return path
}

describe('detectImportFormat', () => {
  test('recognises each format by content when the extension says nothing', async () => {
    const copy = (name: string) => {
      const path = tempFile('export.dat', '')
      copyFileSync(fixture(name), path)
      return path
    }
    expect(await detectImportFormat(copy('jira-v2-search-page.json'))).toBe('jira_json')
    expect(await detectImportFormat(copy('jira-export.csv'))).toBe('jira_csv')
    expect(await detectImportFormat(copy('generic-items.csv'))).toBe('generic_csv')
    expect(await detectImportFormat(tempFile('h.txt', `${HISTORY_LINE}\n${HISTORY_LINE}\n`))).toBe(
      'ndjson',
    )
    expect(await detectImportFormat(tempFile('h.gz', gzipSync(HISTORY_LINE)))).toBe('ndjson')
  })

  test('reads a folder as jira json when given a directory', async () => {
    expect(await detectImportFormat(fixture(''))).toBe('jira_json')
  })

  test('tells single-line jira json from ndjson when the issue has no source', async () => {
    expect(await detectImportFormat(tempFile('i.json', '{"key":"A-1","fields":{}}'))).toBe(
      'jira_json',
    )
  })

  test("reads a one-line record without source as ndjson and says so when it lacks jira's shape", async () => {
    const line = HISTORY_LINE.replace('"source":"jira",', '')
    const path = tempFile('one.json', `${line}\n`)
    expect(await recogniseImportFormat(path)).toEqual({
      format: 'ndjson',
      evidence: 'a json object on the first line, read as ndjson history',
    })
    const { records, outcomes } = await readImportFile(path)
    expect(records).toEqual([])
    expect(outcomes).toEqual([
      { file: path, line: 1, severity: 'error', reason: '"source" is missing' },
    ])
    const withFields = line.replace('{', '{"id":"7","fields":{"p":1},')
    expect(await detectImportFormat(tempFile('two.json', withFields))).toBe('ndjson')
  })

  test('says what it recognised when the file is jira json', async () => {
    const issue = '{"id":"1","key":"A-1","fields":{"status":{"name":"Open"}},"changelog":{}}'
    expect(await recogniseImportFormat(tempFile('i.json', issue))).toEqual({
      format: 'jira_json',
      evidence: 'a jira issue ("key" and "fields")',
    })
    expect(await recogniseImportFormat(fixture('jira-v2-search-page.json'))).toEqual({
      format: 'jira_json',
      evidence: 'a json document over several lines, read as jira json',
    })
    const page = `{"expand":"names","issues":[${'{"key":"A-1","fields":{}},'.repeat(5000)}{}]}`
    expect(await recogniseImportFormat(tempFile('page.json', page))).toEqual({
      format: 'jira_json',
      evidence: 'a jira json document ("expand" first)',
    })
  })

  test('reads the head as utf-16 when the file starts with its byte-order mark', async () => {
    const text = `${HISTORY_LINE}\n`
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    expect(await recogniseImportFormat(tempFile('le.ndjson', le))).toEqual({
      format: 'ndjson',
      evidence: 'utf-16le text: a json object on the first line, read as ndjson history',
    })
    const csv = Buffer.from('\ufeffIssue key,Issue Type,Status,Created\n', 'utf16le').swap16()
    expect(await recogniseImportFormat(tempFile('be.csv', csv))).toEqual({
      format: 'jira_csv',
      evidence: 'utf-16be text: a csv header with "Issue key"',
    })
  })

  test('names the path and the cause when the file cannot be read', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'openvmo-import-')), 'missing.ndjson')
    await expect(detectImportFormat(missing)).rejects.toThrow(`"${missing}" does not exist`)
    const folder = mkdtempSync(join(tmpdir(), 'openvmo-import-'))
    await expect(readImportFile(folder, { format: 'ndjson' })).rejects.toThrow(
      `"${folder}" is a folder, not a file`,
    )
  })

  test('throws naming the file when a transitions csv is given alone', async () => {
    await expect(detectImportFormat(fixture('generic-transitions.csv'))).rejects.toThrow(
      /"generic-transitions\.csv": this looks like a transitions csv \("at", "to"\): pass it with --transitions/,
    )
  })

  test('throws naming the file, what it saw and the formats expected when the content is none', async () => {
    await expect(detectImportFormat(tempFile('notes.txt', 'hello\nworld\n'))).rejects.toThrow(
      '"notes.txt": not a format openvmo reads: text starting "hello" (expected one of ndjson (',
    )
    const other = tempFile('o.json', '{"total_count":2,"items":[]}\n')
    await expect(detectImportFormat(other)).rejects.toThrow(
      /not a format openvmo reads: a json object with "total_count", "items" on the first line \(expected one of .*\); if it is one of them, force it with --format ndjson\|jira_json/,
    )
    const csv = tempFile('c.csv', 'issue_key,created_at,state\nA-1,2024-01-01T00:00:00Z,open\n')
    await expect(detectImportFormat(csv)).rejects.toThrow(
      'not a format openvmo reads: a csv header with "issue_key", "created_at", "state" (map its columns with --columns key=…,created=…)',
    )
  })

  test('does not take github issues for jira json, and says what is missing', async () => {
    const issue = {
      url: 'https://api.github.com/repos/a/b/issues/1',
      number: 1,
      html_url: 'https://github.com/a/b/issues/1',
      title: 'x',
    }
    const lines = tempFile(
      'issues.jsonl',
      `${JSON.stringify(issue)}\n${JSON.stringify({ ...issue, number: 2 })}\n`,
    )
    await expect(detectImportFormat(lines)).rejects.toThrow(
      'not a format openvmo reads: a github issue without its "timeline" or "events" on the first line',
    )
    const pages = tempFile(
      'pages.jsonl',
      `${JSON.stringify([issue])}\n${JSON.stringify([issue])}\n`,
    )
    await expect(detectImportFormat(pages)).rejects.toThrow(
      'not a format openvmo reads: a json array of github issues',
    )
    const withEvents = tempFile('e.jsonl', `${JSON.stringify({ ...issue, events: [] })}\n`)
    expect(await recogniseImportFormat(withEvents)).toEqual({
      format: 'github_json',
      evidence: 'a github issue with its events ("number", "html_url", "events")',
    })
  })

  test('reads a csv with other column names as the generic csv when --columns names key and created', async () => {
    const csv = tempFile('c.csv', 'issue_key,created_at,state\nA-1,2024-01-01T00:00:00Z,open\n')
    expect(await recogniseImportFormat(csv, { key: 'issue_key', created: 'Created_At' })).toEqual({
      format: 'generic_csv',
      evidence: 'a csv header with "issue_key" and "Created_At" (--columns)',
    })
  })

  test('--format forces a format the content does not show', async () => {
    const csv = tempFile(
      'c.csv',
      'issue_key,created_at,state,kind,src\nA-1,2024-01-01T00:00:00Z,open,Bug,x\n',
    )
    const columns = {
      key: 'issue_key',
      created: 'created_at',
      status: 'state',
      type: 'kind',
      source: 'src',
    }
    const { records } = await readImportFile(csv, { format: 'generic_csv', columns })
    expect(records.map((r) => [r.source, r.key, r.type, r.status])).toEqual([
      ['x', 'A-1', 'Bug', 'open'],
    ])
  })
})

describe('readImportFile', () => {
  test('dispatches to the reader of the detected format', async () => {
    const jira = await readImportFile(fixture('jira-v3-search-jql-page.json'))
    expect(jira.records.map((r) => r.key)).toEqual(['WEB-7'])
    const csv = await readImportFile(fixture('jira-export.csv'), { timezone: 'Europe/Berlin' })
    expect(csv.records).toHaveLength(4)
    const generic = await readImportFile(fixture('generic-items.csv'), {
      transitions: fixture('generic-transitions.csv'),
    })
    expect(generic.records.map((r) => r.key)).toEqual(['INC0010001', 'INC0010002'])
  })

  test('reads ndjson history and reports bad lines as outcomes when a line is broken', async () => {
    const path = tempFile('history.ndjson', `${HISTORY_LINE}\n{"source":"jira"}\n`)
    const { records, outcomes } = await readImportFile(path)
    expect(records.map((r) => r.key)).toEqual(['PAY-1'])
    expect(outcomes).toEqual([expect.objectContaining({ file: path, line: 2, severity: 'error' })])
  })

  test('uses the given format when sniffing is skipped', async () => {
    const { records } = await readImportFile(fixture('jira-truncated-changelog.json'), {
      format: 'jira_json',
    })
    expect(records.map((r) => r.key)).toEqual(['OPS-9'])
  })

  test('writes records that are valid history lines when any format is imported', async () => {
    const results = await Promise.all([
      readImportFile(sharedDataPath('appcelerator-jira-archive/raw-sample')),
      readImportFile(fixture('jira-v2-search-page.json')),
      readImportFile(fixture('jira-v3-search-jql-page.json')),
      readImportFile(fixture('jira-export.csv'), { timezone: 'Europe/Berlin' }),
      readImportFile(fixture('generic-items.csv'), {
        transitions: fixture('generic-transitions.csv'),
      }),
    ])
    const records = results.flatMap((r) => r.records)
    expect(records).toHaveLength(49)
    for (const record of records) {
      expect(parseHistoryLine(JSON.stringify(record))).toMatchObject({ ok: true })
    }
  })
})
