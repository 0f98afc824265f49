import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { isVmoError } from '@openvmo/core'
import { parseCsvTable } from '../files/csv-table'
import { mapJiraCsvTable } from './jira-csv-mapper'
import { readJiraCsv } from './read-jira-csv'

const EXPORT = fileURLToPath(
  new URL('../../../test/fixtures/import/jira-export.csv', import.meta.url),
)

describe('readJiraCsv', () => {
  test('rejects naming the file and column when dates have no offset and no timezone is given', async () => {
    const error = await readJiraCsv(EXPORT).catch((e: unknown) => e)
    expect(isVmoError(error, 'INVALID_INPUT')).toBe(true)
    expect((error as Error).message).toContain(
      '"jira-export.csv": column "Created" has dates without a time zone offset',
    )
    expect((error as Error).message).toContain('line 2: "25/Nov/24 3:15 PM"')
  })

  test('interprets dates in the zone when timezone is Europe/Berlin', async () => {
    const { records, outcomes } = await readJiraCsv(EXPORT, { timezone: 'Europe/Berlin' })
    expect(outcomes).toEqual([])
    const byKey = new Map(records.map((r) => [r.key, r]))
    expect(byKey.get('PAY-123')).toMatchObject({
      created: '2024-11-25T15:15:00+01:00',
      resolved: '2024-11-28T09:00:00+01:00',
    })
    expect(byKey.get('PAY-100')?.created).toBe('2024-11-01T08:30:00+01:00')
  })

  test('collects repeated Labels, Sprint and Component/s columns into arrays', async () => {
    const { records } = await readJiraCsv(EXPORT, { timezone: 'Europe/Berlin' })
    const story = records.find((r) => r.key === 'PAY-123')
    expect(story).toMatchObject({
      source: 'jira',
      id: '10042',
      project: 'PAY',
      type: 'Story',
      title: 'Refund button, web',
      status: 'Done',
      team: 'payments',
      labels: ['web', 'refunds'],
      parent: 'PAY-100',
      links: [{ type: 'blocks', target: 'PAY-130' }],
    })
    expect(story?.fields).toMatchObject({
      priority: 'Medium',
      resolution: 'Done',
      statusCategory: 'done',
      components: ['Checkout', 'API'],
      sprints: ['PAY Sprint 9', 'PAY Sprint 10'],
      'Story Points': '5',
    })
    const task = records.find((r) => r.key === 'PAY-130')
    expect(task).toMatchObject({
      labels: ['api'],
      team: 'API',
      links: [{ type: 'is blocked by', target: 'PAY-123' }],
    })
  })

  test('synthesises one change from the most frequent To Do status when an issue is resolved', async () => {
    const { records } = await readJiraCsv(EXPORT, {
      timezone: 'Europe/Berlin',
      baseUrl: 'https://jira.example.com',
    })
    const bug = records.find((r) => r.key === 'PAY-131')
    expect(bug?.changes).toEqual([
      { at: '2024-11-29T11:20:00+01:00', field: 'status', from: 'To Do', to: 'Closed' },
    ])
    expect(bug?.fields?.historySynthesized).toBe(true)
    expect(bug?.url).toBe('https://jira.example.com/browse/PAY-131')
    expect(records.find((r) => r.key === 'PAY-130')?.changes).toEqual([])
  })

  test('throws naming the file when a required column is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openvmo-jira-csv-'))
    writeFileSync(join(dir, 'short.csv'), 'Summary,Issue key,Status\nx,A-1,Open\n')
    await expect(readJiraCsv(join(dir, 'short.csv'))).rejects.toThrow(
      '"short.csv": missing jira csv column(s) "Issue Type", "Created"',
    )
  })

  test('throws for the zone when timezone is not an IANA name', async () => {
    await expect(readJiraCsv(EXPORT, { timezone: 'Berlin' })).rejects.toThrow(
      'unknown time zone "Berlin"',
    )
  })
})

describe('mapJiraCsvTable', () => {
  const header = 'Issue key,Issue Type,Status,Created,Resolved'

  test('reports the row with its line when one date cannot be parsed', () => {
    const table = parseCsvTable(
      `${header}\nA-1,Bug,Open,2024-01-01T10:00:00Z,\nA-2,Bug,Open,soon,\n`,
      'x.csv',
    )
    const { records, outcomes } = mapJiraCsvTable(table)
    expect(records.map((r) => r.key)).toEqual(['A-1'])
    expect(outcomes).toEqual([
      expect.objectContaining({ file: 'x.csv', line: 3, key: 'A-2', severity: 'error' }),
    ])
    expect(outcomes[0]?.reason).toContain('column "Created": "soon" is not a date-time')
  })

  test('reports the row with the field out of range when a date is not on the calendar', () => {
    const table = parseCsvTable(
      `${header}\nA-1,Bug,Open,2024-02-30T10:00:00Z,\nA-2,Bug,Open,30/Feb/24 3:15 PM,\n`,
      'x.csv',
    )
    const { records, outcomes } = mapJiraCsvTable(table, { timezone: 'UTC' })
    expect(records).toEqual([])
    expect(outcomes.map((o) => [o.line, o.reason])).toEqual([
      [
        2,
        'column "Created": "2024-02-30T10:00:00Z" is not a valid date and time: day 30 is not in February 2024 (01–29)',
      ],
      [3, expect.stringContaining('column "Created": "30/Feb/24 3:15 PM" is not a date-time')],
    ])
  })

  test('reports the row quoting the key when the key holds a control character', () => {
    const table = parseCsvTable(`${header}\nA-1\u0000,Bug,Open,2024-01-01T10:00:00Z,\n`, 'x.csv')
    expect(mapJiraCsvTable(table).outcomes[0]).toMatchObject({
      line: 2,
      reason: 'column "Issue key" "A-1\\u0000" contains a control character U+0000',
    })
  })

  test('reports an empty key with its line when a row lacks one', () => {
    const table = parseCsvTable(`${header}\n,Bug,Open,2024-01-01T10:00:00Z,\n`, 'x.csv')
    expect(mapJiraCsvTable(table).outcomes[0]).toMatchObject({
      line: 2,
      reason: 'column "Issue key" is empty',
    })
  })
})
