import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { isVmoError } from '@openvmo/core'
import { parseCsvTable } from '../files/csv-table'
import { mapGenericCsv } from './generic-csv-mapper'
import { readGenericCsv } from './read-generic-csv'

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../test/fixtures/import/${name}`, import.meta.url))
const ITEMS = fixture('generic-items.csv')
const TRANSITIONS = fixture('generic-transitions.csv')
const table = (text: string, file = 'items.csv') => parseCsvTable(text, file)

describe('readGenericCsv with items and transitions', () => {
  test('joins transitions to items and defaults field to status when the column is absent', async () => {
    const { records } = await readGenericCsv(ITEMS, { transitions: TRANSITIONS })
    expect(records.find((r) => r.key === 'INC0010001')).toEqual({
      source: 'servicenow',
      key: 'INC0010001',
      url: 'https://acme.service-now.com/INC0010001',
      project: 'SHOP',
      type: 'Incident',
      title: 'Checkout down',
      created: '2024-05-02T08:00:00Z',
      status: 'Resolved',
      team: 'ops',
      labels: ['prod', 'p1'],
      resolved: '2024-05-02T11:30:00Z',
      fields: { points: '3' },
      changes: [
        { at: '2024-05-02T08:10:00Z', field: 'status', from: 'New', to: 'In Progress' },
        { at: '2024-05-02T11:30:00Z', field: 'status', from: 'In Progress', to: 'Resolved' },
      ],
    })
    expect(records.find((r) => r.key === 'INC0010002')?.fields).toEqual({ sprint: 'S12' })
  })

  test('reports unknown columns once, a status mismatch as error and orphan transitions as warning', async () => {
    const { records, outcomes } = await readGenericCsv(ITEMS, { transitions: TRANSITIONS })
    expect(records.map((r) => r.key)).toEqual(['INC0010001', 'INC0010002'])
    expect(outcomes).toEqual([
      { file: ITEMS, severity: 'info', reason: 'columns kept in fields: "points", "sprint"' },
      expect.objectContaining({ file: ITEMS, line: 4, key: 'INC0010003', severity: 'error' }),
      expect.objectContaining({ file: TRANSITIONS, key: 'INC0099999', severity: 'warning' }),
    ])
    expect(outcomes[1]?.reason).toContain(
      'status "Resolved" differs from the last status change to "In Progress"',
    )
  })

  test('reports the row quoting the value when a key has a control character or a date is not on the calendar', () => {
    const items = table(
      'source,key,type,status,created\n' +
        'jira,A-1\u0000,Bug,Open,2024-01-01T00:00:00Z\n' +
        'jira,A-2,Bug,Open,2024-02-30T00:00:00Z\n' +
        'jira,A-3,Bug,Open,2024-04-31 10:00\n',
    )
    const { records, outcomes } = mapGenericCsv({ items }, { timezone: 'Europe/Berlin' })
    expect(records).toEqual([])
    expect(outcomes.map((o) => [o.line, o.reason])).toEqual([
      [2, 'column "key" "A-1\\u0000" contains a control character U+0000'],
      [
        3,
        'column "created": "2024-02-30T00:00:00Z" is not a valid date and time: day 30 is not in February 2024 (01–29)',
      ],
      [
        4,
        'column "created": "2024-04-31 10:00" is not a valid date and time: day 31 is not in April 2024 (01–30)',
      ],
    ])
  })

  test('reads the file when it is utf-16 with a byte-order mark', async () => {
    const text = 'source,key,type,status,created\njira,Ä-1,Bug,Open,2024-01-01T00:00:00Z\n'
    const folder = mkdtempSync(join(tmpdir(), 'openvmo-utf16-'))
    const le = join(folder, 'le.csv')
    const be = join(folder, 'be.csv')
    writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
    writeFileSync(
      be,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]).swap16(),
    )
    for (const path of [le, be]) {
      const { records } = await readGenericCsv(path)
      expect(records.map((r) => r.key)).toEqual(['Ä-1'])
    }
  })

  test('throws naming the file and line when the csv is not utf-8', async () => {
    const error = await readGenericCsv(fixture('latin1-items.csv')).catch((e: unknown) => e)
    expect(isVmoError(error, 'INVALID_INPUT')).toBe(true)
    expect((error as Error).message).toMatch(
      /^"latin1-items\.csv" line 2: not valid utf-8 \(byte 0xe9 at offset \d+\)/,
    )
  })

  test('throws naming the file and the missing columns when a required column is absent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openvmo-generic-'))
    writeFileSync(join(dir, 'items.csv'), 'source,key,status\njira,A-1,Open\n')
    await expect(readGenericCsv(join(dir, 'items.csv'))).rejects.toThrow(
      '"items.csv": the items csv lacks column(s) "type", "created"',
    )
  })

  test('throws naming the line when quoting is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openvmo-generic-'))
    writeFileSync(
      join(dir, 'items.csv'),
      'source,key,type,status,created\njira,A-1,Bug,Open,2024-01-01T00:00:00Z,extra\n',
    )
    await expect(readGenericCsv(join(dir, 'items.csv'))).rejects.toThrow(/"items\.csv" line 2: /)
  })
})

describe('mapGenericCsv timestamps', () => {
  const header = 'source,key,type,status,created\n'

  test('rejects the row naming the column when created has no offset and no timezone', () => {
    const { records, outcomes } = mapGenericCsv({
      items: table(`${header}gl,7,Issue,Open,2024-03-01 09:00\n`),
    })
    expect(records).toEqual([])
    expect(outcomes[0]).toMatchObject({ line: 2, key: '7', severity: 'error' })
    expect(outcomes[0]?.reason).toContain(
      'column "created": "2024-03-01 09:00" has no time zone offset',
    )
  })

  test('accepts local times in the zone when a timezone is given', () => {
    const { records } = mapGenericCsv(
      { items: table(`${header}gl,7,Issue,Open,2024-07-01 09:00\n`) },
      { timezone: 'Europe/Berlin' },
    )
    expect(records[0]?.created).toBe('2024-07-01T09:00:00+02:00')
  })

  test('rejects the item when one of its transitions has a bad timestamp', () => {
    const items = table(`${header}gl,7,Issue,Done,2024-03-01T09:00:00Z\n`)
    const transitions = table('source,key,at,field,from,to\ngl,7,never,status,Open,Done\n', 't.csv')
    const { records, outcomes } = mapGenericCsv({ items, transitions })
    expect(records).toEqual([])
    expect(outcomes.map((o) => [o.file, o.line, o.reason])).toEqual([
      ['t.csv', 2, expect.stringContaining('column "at": "never" is not a date-time')],
      ['items.csv', 2, 'its transition at line 2 could not be read'],
    ])
  })

  test('keeps the first row when a source and key repeat', () => {
    const text = `${header}gl,7,Issue,Open,2024-03-01T09:00:00Z\ngl,7,Bug,Open,2024-03-02T09:00:00Z\n`
    const { records, outcomes } = mapGenericCsv({ items: table(text) })
    expect(records.map((r) => r.type)).toEqual(['Issue'])
    expect(outcomes[0]).toMatchObject({ line: 3, reason: 'duplicate item "gl:7" (first row kept)' })
  })
})
