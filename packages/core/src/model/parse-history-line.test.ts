import { describe, expect, test } from 'vitest'
import { createRecordInstants, parseHistoryLine } from './parse-history-line'
import type { RecordInstants } from './parse-history-line'
import { parseInstant } from '../time/instant'
import type { WorkItemRecord } from './work-item-record'

const EXAMPLE = {
  source: 'jira',
  key: 'PAY-123',
  id: '10042',
  url: 'https://jira.example.com/browse/PAY-123',
  project: 'PAY',
  type: 'Story',
  title: 'Refund button',
  created: '2024-03-01T09:12:00Z',
  status: 'Done',
  team: 'payments',
  labels: ['web'],
  parent: 'PAY-100',
  links: [
    { type: 'blocks', target: 'PAY-130' },
    { type: 'relates', target: 'github:acme/pay#45' },
  ],
  changes: [
    { at: '2024-03-02T10:00:00Z', field: 'status', from: 'Backlog', to: 'In Progress' },
    { at: '2024-03-04T16:30:00+01:00', field: 'type', from: 'Bug', to: 'Story' },
    { at: '2024-03-05T08:00:00Z', field: 'status', from: 'In Progress', to: 'Done' },
  ],
}

const MINIMAL = {
  source: 'jira',
  key: 'A-1',
  type: 'Bug',
  created: '2024-01-01T00:00:00Z',
  status: 'Open',
}

function parse(value: unknown, timezone?: string): WorkItemRecord {
  const result = parseHistoryLine(JSON.stringify(value), { timezone })
  if (!result.ok) throw new Error(`unexpected reason: ${result.reason}`)
  return result.record
}

function reason(value: unknown, timezone?: string): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  const result = parseHistoryLine(text, { timezone })
  if (result.ok) throw new Error('the line was accepted')
  return result.reason
}

describe('parseHistoryLine', () => {
  test('returns every field of the docs/importing.md example when the line is valid', () => {
    expect(parse(EXAMPLE)).toEqual(EXAMPLE)
  })

  test('gives an empty change list when "changes" is absent', () => {
    expect(parse(MINIMAL)).toEqual({ ...MINIMAL, changes: [] })
  })

  test.each(['source', 'key', 'created', 'type', 'status'])(
    'rejects the line when required "%s" is missing',
    (name) => {
      const line: Record<string, unknown> = { ...MINIMAL }
      delete line[name]
      expect(reason(line)).toBe(`"${name}" is missing`)
    },
  )

  test.each(['source', 'key', 'type', 'status'])('rejects the line when "%s" is empty', (name) => {
    expect(reason({ ...MINIMAL, [name]: '' })).toBe(`"${name}" is empty`)
  })

  test('rejects the line when a required field is not a string', () => {
    expect(reason({ ...MINIMAL, key: 123 })).toBe('"key" 123 is not a string')
  })

  test('rejects a timestamp with the documented reason when it has no offset', () => {
    expect(reason({ ...MINIMAL, created: '2024-03-01 09:12' })).toBe(
      '"created" "2024-03-01 09:12" has no offset (use Z or +01:00, or pass --timezone)',
    )
  })

  test('rewrites a timestamp with the winter offset when a timezone is given in winter', () => {
    expect(parse({ ...MINIMAL, created: '2024-03-01 09:12' }, 'Europe/Berlin').created).toBe(
      '2024-03-01T09:12:00+01:00',
    )
  })

  test('rewrites a timestamp with the summer offset when a timezone is given in summer', () => {
    const record = parse({ ...MINIMAL, created: '2024-07-01T09:12:30.250' }, 'Europe/Berlin')
    expect(record.created).toBe('2024-07-01T09:12:30.250+02:00')
  })

  test('keeps a timestamp unchanged when it has an offset and a timezone is given', () => {
    expect(parse(MINIMAL, 'Europe/Berlin').created).toBe(MINIMAL.created)
  })

  test('rewrites change and resolved timestamps when a timezone is given', () => {
    const record = parse(
      {
        ...MINIMAL,
        status: 'Done',
        resolved: '2024-01-03T10:00:00',
        changes: [{ at: '2024-01-02T08:00', field: 'status', from: 'Open', to: 'Done' }],
      },
      'Europe/Berlin',
    )
    expect(record.resolved).toBe('2024-01-03T10:00:00+01:00')
    expect(record.changes[0]?.at).toBe('2024-01-02T08:00:00+01:00')
  })

  test('rejects the line when the timezone is not an IANA zone', () => {
    expect(reason({ ...MINIMAL, created: '2024-03-01 09:12' }, 'Mars/Olympus')).toBe(
      'timezone "Mars/Olympus" is not an IANA zone (e.g. "Europe/Berlin")',
    )
  })

  test('rejects a timestamp when it is not ISO-8601', () => {
    expect(reason({ ...MINIMAL, created: '01/03/2024' })).toBe(
      '"created" "01/03/2024" is not an ISO-8601 instant (e.g. "2024-03-01T09:12:00Z")',
    )
  })

  test('rejects a timestamp when its date or time is not on the calendar', () => {
    expect(reason({ ...MINIMAL, created: '2024-02-30T00:00:00Z' })).toBe(
      '"created" "2024-02-30T00:00:00Z" is not a valid date and time: day 30 is not in February 2024 (01–29)',
    )
    expect(reason({ ...MINIMAL, created: '2024-13-01T00:00:00Z' })).toContain(
      'month 13 is not 01–12',
    )
    expect(reason({ ...MINIMAL, resolved: '2024-03-01T24:00:00+01:00' })).toContain(
      '"resolved" "2024-03-01T24:00:00+01:00" is not a valid date and time: hour 24 is not 00–23',
    )
    const change = { at: '2023-02-29T10:00', field: 'status', from: 'Open', to: 'Done' }
    expect(reason({ ...MINIMAL, status: 'Done', changes: [change] }, 'Europe/Berlin')).toBe(
      '"changes[0].at" "2023-02-29T10:00" is not a valid date and time: day 29 is not in February 2023 (01–28)',
    )
  })

  test('rejects the line when its source or key holds a control character', () => {
    expect(reason({ ...MINIMAL, key: 'PAY-1\u0000' })).toBe(
      '"key" "PAY-1\\u0000" contains a control character U+0000',
    )
    expect(reason({ ...MINIMAL, source: 'ji\nra' })).toBe(
      '"source" "ji\\nra" contains a control character U+000A',
    )
    expect(parse({ ...MINIMAL, key: 'PAY\t1' }).key).toBe('PAY\t1')
  })

  test('rejects the line when an object in it names a member twice', () => {
    const line = JSON.stringify(MINIMAL)
    const reasonOf = (text: string) => {
      const result = parseHistoryLine(text)
      return result.ok ? undefined : result.reason
    }
    expect(reasonOf(line.replace('{', '{"key":"A-2",'))).toBe('duplicate member "key"')
    expect(reasonOf(line.replace('{', '{"fields":{"p":1,"q":{"r":1,"r":2}},'))).toBe(
      'duplicate member "r" in "fields"',
    )
    expect(reasonOf(line.replace('{', '{"fields":{"k\\u0065y":1,"key":2},'))).toBe(
      'duplicate member "key" in "fields"',
    )
    expect(reasonOf(line.replace('{', '{"fields":{"a":1,"b":{"a":2}},'))).toBeUndefined()
  })

  test('rejects the line when it is nested deeper than 64 levels', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`
    const line = (depth: number) =>
      JSON.stringify(MINIMAL).replace('{', `{"fields":{"deep":${nested(depth)}},`)
    const result = parseHistoryLine(line(100_000))
    expect(result).toEqual({ ok: false, reason: '"fields" is nested deeper than 64 levels' })
    expect(parseHistoryLine(line(62)).ok).toBe(true)
    expect(parseHistoryLine(line(63)).ok).toBe(false)
  })

  test('accepts a Jira offset without colon when it is recorded that way', () => {
    const created = '2015-04-24T12:04:05.000+0000'
    expect(parse({ ...MINIMAL, created }).created).toBe(created)
  })

  test('rejects "resolved" when it is not an instant', () => {
    expect(reason({ ...MINIMAL, resolved: 'soon' })).toContain('"resolved" "soon" is not an ISO')
  })

  test('sorts changes by instant when they come unsorted', () => {
    const record = parse({ ...EXAMPLE, changes: [...EXAMPLE.changes].reverse() })
    expect(record.changes).toEqual(EXAMPLE.changes)
  })

  test('keeps the recorded order of changes when they share an instant', () => {
    const at = '2024-01-02T00:00:00Z'
    const changes = [
      { at: '2024-01-03T00:00:00Z', field: 'team', from: null, to: 'a' },
      { at, field: 'status', from: 'Open', to: 'Ready' },
      { at: '2024-01-02T01:00:00+01:00', field: 'status', from: 'Ready', to: 'Doing' },
    ]
    const record = parse({ ...MINIMAL, status: 'Doing', changes })
    expect(record.changes).toEqual([changes[1], changes[2], changes[0]])
  })

  test('accepts null from and to when a value was empty', () => {
    const change = { at: '2024-01-02T00:00:00Z', field: 'team', from: null, to: null }
    expect(parse({ ...MINIMAL, changes: [change] }).changes).toEqual([change])
  })

  test('rejects a change when its from is missing', () => {
    const change = { at: '2024-01-02T00:00:00Z', field: 'team', to: 'x' }
    expect(reason({ ...MINIMAL, changes: [change] })).toBe(
      '"changes[0].from" is missing (use null for no value)',
    )
  })

  test('rejects a change when from, field or at has the wrong type', () => {
    const base = { at: '2024-01-02T00:00:00Z', field: 'team', from: null, to: 'x' }
    expect(reason({ ...MINIMAL, changes: [{ ...base, from: 7 }] })).toBe(
      '"changes[0].from" 7 is not a string or null',
    )
    expect(reason({ ...MINIMAL, changes: [{ ...base, field: '' }] })).toBe(
      '"changes[0].field" is empty',
    )
    expect(reason({ ...MINIMAL, changes: [base, { ...base, at: '2024-01-02' }] })).toBe(
      '"changes[1].at" "2024-01-02" has no offset (use Z or +01:00, or pass --timezone)',
    )
    expect(reason({ ...MINIMAL, changes: ['x'] })).toBe('"changes[0]" "x" is not an object')
    expect(reason({ ...MINIMAL, changes: {} })).toBe('"changes" {} is not an array')
  })

  test('rejects the line when the status now differs from the last status change', () => {
    expect(reason({ ...EXAMPLE, status: 'In Progress' })).toBe(
      '"status" "In Progress" differs from the last status change\'s "to" "Done" (at "2024-03-05T08:00:00Z")',
    )
  })

  test('compares the status with the last change by instant when changes are unsorted', () => {
    const changes = [EXAMPLE.changes[2], EXAMPLE.changes[0]]
    expect(parse({ ...EXAMPLE, changes }).status).toBe('Done')
    expect(reason({ ...EXAMPLE, status: 'In Progress', changes })).toContain('differs')
  })

  test('ignores extra fields when they are on the line, a change or a link', () => {
    const line = {
      ...EXAMPLE,
      assignee: 'someone',
      links: EXAMPLE.links.map((link) => ({ ...link, note: 1 })),
      changes: EXAMPLE.changes.map((change) => ({ ...change, author: 'x' })),
    }
    expect(parse(line)).toEqual(EXAMPLE)
  })

  test('treats optional fields as absent when they are null', () => {
    const record = parse({ ...MINIMAL, id: null, labels: null, fields: null, resolved: null })
    expect(record).toEqual({ ...MINIMAL, changes: [] })
  })

  test('rejects labels, links and fields when they have the wrong shape', () => {
    expect(reason({ ...MINIMAL, labels: ['a', 1] })).toBe('"labels[1]" 1 is not a string')
    expect(reason({ ...MINIMAL, labels: 'a' })).toBe('"labels" "a" is not an array')
    expect(reason({ ...MINIMAL, links: [{ type: 'blocks' }] })).toBe('"links[0].target" is missing')
    expect(reason({ ...MINIMAL, fields: [1] })).toBe('"fields" [1] is not an object')
    expect(reason({ ...MINIMAL, title: 5 })).toBe('"title" 5 is not a string')
  })

  test('keeps any JSON in "fields" when it is an object', () => {
    const fields = { priority: 'High', points: 3, nested: { a: [1, null] } }
    expect(parse({ ...MINIMAL, fields }).fields).toEqual(fields)
  })

  test('rejects the line when it is not JSON or not an object', () => {
    expect(reason('{"source":')).toMatch(/^invalid json: /)
    expect(reason('[1,2]')).toBe('the line is [1,2], not a json object')
    expect(reason('null')).toBe('the line is null, not a json object')
  })

  test('shortens a quoted value when it is long', () => {
    const text = reason({ ...MINIMAL, created: 'x'.repeat(500) })
    expect(text.length).toBeLessThan(200)
    expect(text).toContain('…')
  })
})

describe('parseHistoryLine instants', () => {
  function instantsOf(value: unknown, timezone?: string): RecordInstants {
    const instants = createRecordInstants()
    const result = parseHistoryLine(JSON.stringify(value), { timezone, instants })
    if (!result.ok) throw new Error(`unexpected reason: ${result.reason}`)
    return instants
  }

  test('writes the instant of every change in record order when changes come unsorted', () => {
    const instants = instantsOf({ ...EXAMPLE, changes: [...EXAMPLE.changes].reverse() })
    expect(Array.from(instants.changeMs.subarray(0, 3))).toEqual(
      EXAMPLE.changes.map((c) => parseInstant(c.at)),
    )
    expect(instants.createdMs).toBe(Date.parse(EXAMPLE.created))
    expect(instants.resolvedMs).toBeNaN()
  })

  test('writes the instants of rewritten local times when a timezone is given', () => {
    const changes = [{ at: '2024-07-01 09:00', field: 'status', from: 'Open', to: 'Doing' }]
    const line = { ...MINIMAL, created: '2024-07-01T08:00', resolved: '2024-07-02', changes }
    const instants = instantsOf({ ...line, status: 'Doing' }, 'Europe/Berlin')
    expect(instants.createdMs).toBe(Date.parse('2024-07-01T06:00:00Z'))
    expect(instants.changeMs[0]).toBe(Date.parse('2024-07-01T07:00:00Z'))
    expect(instants.resolvedMs).toBe(Date.parse('2024-07-01T22:00:00Z'))
  })

  test('grows the buffer when a record has more changes than it holds', () => {
    const changes = Array.from({ length: 100 }, (_, k) => ({
      at: new Date(Date.UTC(2024, 0, 2) + k * 60_000).toISOString(),
      field: 'team',
      from: null,
      to: `t${k}`,
    }))
    const instants = instantsOf({ ...MINIMAL, changes })
    expect(instants.changeMs.length).toBeGreaterThanOrEqual(100)
    expect(instants.changeMs[99]).toBe(Date.UTC(2024, 0, 2) + 99 * 60_000)
  })
})
