import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { formatHistoryLine } from './format-history-line'
import { parseHistoryLine } from './parse-history-line'
import type { WorkItemChange, WorkItemRecord } from './work-item-record'

const EXAMPLE_LINE =
  '{"source":"jira","key":"PAY-123","id":"10042","url":"https://jira.example.com/browse/PAY-123",' +
  '"project":"PAY","type":"Story","title":"Refund button","created":"2024-03-01T09:12:00Z",' +
  '"status":"Done","team":"payments","labels":["web"],"parent":"PAY-100",' +
  '"links":[{"type":"blocks","target":"PAY-130"},{"type":"relates","target":"github:acme/pay#45"}],' +
  '"changes":[{"at":"2024-03-02T10:00:00Z","field":"status","from":"Backlog","to":"In Progress"},' +
  '{"at":"2024-03-04T16:30:00+01:00","field":"type","from":"Bug","to":"Story"},' +
  '{"at":"2024-03-05T08:00:00Z","field":"status","from":"In Progress","to":"Done"}]}'

function parse(text: string): WorkItemRecord {
  const result = parseHistoryLine(text)
  if (!result.ok) throw new Error(result.reason)
  return result.record
}

const OFFSETS = ['Z', '+00:00', '+01:00', '-05:30', '+0000', '+1400']

/** An instant as text with one of several offset spellings, with or without fractions. */
const instantText = fc
  .tuple(
    fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
    fc.constantFrom(...OFFSETS),
    fc.boolean(),
  )
  .map(([ms, offset, fraction]) => {
    const iso = new Date(ms).toISOString().slice(0, fraction ? 23 : 19)
    return iso + offset
  })

const text = fc.string({ unit: 'grapheme', maxLength: 12 })
const name = text.filter((value) => value.length > 0)
const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arb, { nil: undefined })

const change: fc.Arbitrary<WorkItemChange> = fc.record({
  at: instantText,
  field: fc.constantFrom('status', 'type', 'team', 'parent', 'priority'),
  from: fc.option(text, { nil: null }),
  to: fc.option(name, { nil: null }),
})

/** Valid records: the status now is the `to` of the last status change, as the parser requires. */
const record: fc.Arbitrary<WorkItemRecord> = fc
  .record({
    source: name,
    key: name,
    id: optional(text),
    url: optional(text),
    project: optional(text),
    type: name,
    title: optional(text),
    created: instantText,
    status: name,
    team: optional(text),
    labels: optional(fc.array(text, { maxLength: 3 })),
    parent: optional(text),
    links: optional(fc.array(fc.record({ type: name, target: name }), { maxLength: 2 })),
    resolved: optional(instantText),
    fields: optional(
      fc.dictionary(
        fc.string({ minLength: 1 }),
        fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown),
      ),
    ),
    changes: fc.array(change, { maxLength: 6 }),
  })
  .map((value) => {
    const changes = value.changes.map((c) =>
      c.field === 'status' && c.to === null ? { ...c, to: 'Open' } : c,
    )
    const last = sortByInstant(changes)
      .reverse()
      .find((c) => c.field === 'status')
    return { ...value, changes, status: last?.to ?? value.status }
  })

/** A stable sort by instant, written independently of the parser. */
function sortByInstant(changes: readonly WorkItemChange[]): WorkItemChange[] {
  const ms = (at: string): number => Date.parse(at.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))
  return [...changes].sort((a, b) => ms(a.at) - ms(b.at))
}

describe('formatHistoryLine', () => {
  test('writes the docs/importing.md example back byte for byte when it was parsed', () => {
    expect(formatHistoryLine(parse(EXAMPLE_LINE))).toBe(EXAMPLE_LINE)
  })

  test('omits undefined optionals and writes an empty change list when there are none', () => {
    const line = formatHistoryLine({
      source: 'jira',
      key: 'A-1',
      type: 'Bug',
      title: undefined,
      created: '2024-01-01T00:00:00Z',
      status: 'Open',
      changes: [],
    })
    expect(line).toBe(
      '{"source":"jira","key":"A-1","type":"Bug","created":"2024-01-01T00:00:00Z","status":"Open","changes":[]}',
    )
  })

  test('writes fields in docs/importing.md order when the record has them in another order', () => {
    const line = formatHistoryLine({
      changes: [],
      fields: { a: 1 },
      resolved: '2024-01-02T00:00:00Z',
      status: 'Done',
      created: '2024-01-01T00:00:00Z',
      type: 'Bug',
      key: 'A-1',
      source: 'jira',
    })
    expect(Object.keys(JSON.parse(line))).toEqual([
      'source',
      'key',
      'type',
      'created',
      'status',
      'resolved',
      'fields',
      'changes',
    ])
  })

  test('escapes quotes, newlines and unicode when values contain them', () => {
    const title = 'say "hi"\n\u2028 ✓ \u0000'
    const record = parse(formatHistoryLine({ ...parse(EXAMPLE_LINE), title }))
    expect(record.title).toBe(title)
    expect(formatHistoryLine(record)).not.toContain('\n')
  })

  test('parse after format gives the record back when the record is any valid record', () => {
    fc.assert(
      fc.property(record, (value) => {
        const parsed = parse(formatHistoryLine(value))
        expect(parsed).toEqual({ ...value, changes: sortByInstant(value.changes) })
        expect(formatHistoryLine(parse(formatHistoryLine(parsed)))).toBe(formatHistoryLine(parsed))
      }),
      { numRuns: 300 },
    )
  })
})
