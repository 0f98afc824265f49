import { describe, expect, test } from 'vitest'
import { jqlDateTime, keysJql, pullJql, quoteJql, withoutOrderBy } from './jira-jql'

describe('Jira JQL', () => {
  test('writes date-times in the user zone rounded down to the minute', () => {
    const ms = Date.parse('2024-01-10T23:30:59.999Z')
    expect(jqlDateTime(ms, 'Europe/Berlin')).toBe('2024/01/11 00:30')
    expect(jqlDateTime(Date.parse('2024-07-10T23:30:00Z'), 'Europe/Berlin')).toBe(
      '2024/07/11 01:30',
    )
    expect(jqlDateTime(ms, 'America/Los_Angeles')).toBe('2024/01/10 15:30')
  })

  test('writes a time 14 hours early in UTC when the zone is unknown', () => {
    expect(jqlDateTime(Date.parse('2024-01-10T23:30:00Z'), undefined)).toBe('2024/01/10 09:30')
  })

  test('writes a time no later than the instant however jira reads it when the clock is set back', () => {
    // 2024-10-27 in Berlin: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    expect(jqlDateTime(Date.parse('2024-10-27T00:30:00Z'), 'Europe/Berlin')).toBe(
      '2024/10/27 01:30',
    )
    expect(jqlDateTime(Date.parse('2024-10-27T01:30:00Z'), 'Europe/Berlin')).toBe(
      '2024/10/27 02:30',
    )
  })

  test('drops a trailing ORDER BY but not one inside quotes', () => {
    expect(withoutOrderBy('project = PAY ORDER BY rank ASC')).toBe('project = PAY')
    expect(withoutOrderBy('summary ~ "order by me" and x = 1')).toBe(
      'summary ~ "order by me" and x = 1',
    )
    expect(withoutOrderBy('order by created')).toBe('')
  })

  test('asks for every issue when a JQL scope only orders', () => {
    expect(pullJql({ name: 'all', kind: 'jql', value: 'ORDER BY rank' })).toBe(
      'ORDER BY created ASC, key ASC',
    )
  })

  test('quotes values with quotes and backslashes', () => {
    expect(quoteJql('a "b" \\c')).toBe('"a \\"b\\" \\\\c"')
    expect(keysJql(['PAY-1', 'OPS-2'])).toBe('key in ("PAY-1", "OPS-2") ORDER BY key ASC')
  })

  test('combines the scope, the since and the resume conditions in creation order', () => {
    const scope = { name: 'q', kind: 'jql', value: 'labels = web OR labels = api ORDER BY rank' }
    expect(
      pullJql(scope, {
        sinceMs: Date.parse('2024-03-01T10:05:30Z'),
        createdFromMs: Date.parse('2023-01-01T00:00:00Z'),
        timeZone: 'UTC',
      }),
    ).toBe(
      '(labels = web OR labels = api) AND updated >= "2024/03/01 10:05" AND created >= "2023/01/01 00:00" ORDER BY created ASC, key ASC',
    )
  })
})
