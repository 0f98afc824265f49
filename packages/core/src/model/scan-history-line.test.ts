import { describe, expect, test } from 'vitest'
import { parseHistoryLine } from './parse-history-line'
import { HistoryLineScanner } from './scan-history-line'
import { EVENT_STATUS, EVENT_TYPE } from './event-kinds'

const EXAMPLE_LINE =
  '{"source":"jira","key":"PAY-123","id":"10042","url":"https://jira.example.com/browse/PAY-123",' +
  '"project":"PAY","type":"Story","title":"Refund button","created":"2024-03-01T09:12:00Z",' +
  '"status":"Done","team":"payments","labels":["web"],"parent":"PAY-100",' +
  '"links":[{"type":"blocks","target":"PAY-130"},{"type":"relates","target":"github:acme/pay#45"}],' +
  '"changes":[{"at":"2024-03-02T10:00:00Z","field":"status","from":"Backlog","to":"In Progress"},' +
  '{"at":"2024-03-04T16:30:00+01:00","field":"type","from":"Bug","to":"Story"},' +
  '{"at":"2024-03-05T08:00:00Z","field":"status","from":"In Progress","to":"Done"}]}'

/** UTF-8 bytes of `text` (written out here: core has no TextEncoder type). */
function utf8(text: string): Uint8Array {
  const bytes: number[] = []
  for (const char of text) {
    const c = char.codePointAt(0)!
    if (c < 0x80) bytes.push(c)
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else
      bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return Uint8Array.from(bytes)
}

/** Scans `text` framed by other bytes, as a line inside a chunk is. */
function scan(text: string, scanner = new HistoryLineScanner()): HistoryLineScanner | undefined {
  const line = utf8(text)
  const bytes = new Uint8Array(line.length + 4)
  bytes.set(utf8('}\n'), 0)
  bytes.set(line, 2)
  bytes.set(utf8('\n{'), line.length + 2)
  return scanner.scan(bytes, 2, line.length + 2) ? scanner : undefined
}

/** The example line with one change made to its parsed object. */
function example(change: (line: Record<string, unknown>) => void): string {
  const line = JSON.parse(EXAMPLE_LINE) as Record<string, unknown>
  change(line)
  return JSON.stringify(line)
}

function events(scanned: HistoryLineScanner) {
  return Array.from({ length: scanned.eventCount }, (_, k) => ({
    at: scanned.eventAt[k],
    kind: scanned.eventKind[k],
    from:
      scanned.fromStart[k]! < 0 ? null : scanned.text(scanned.fromStart[k]!, scanned.fromEnd[k]!),
    to: scanned.toStart[k]! < 0 ? null : scanned.text(scanned.toStart[k]!, scanned.toEnd[k]!),
  }))
}

describe('HistoryLineScanner', () => {
  test('reads every kept value of the docs/importing.md example when the line is valid', () => {
    const scanned = scan(EXAMPLE_LINE)!
    expect(scanned).toBeDefined()
    expect({
      source: scanned.source,
      key: scanned.key,
      title: scanned.title,
      url: scanned.url,
      project: scanned.project,
      team: scanned.team,
      parent: scanned.parent,
      labels: scanned.labels,
      fields: scanned.fields,
      createdMs: scanned.createdMs,
      resolvedMs: scanned.resolvedMs,
      type: scanned.text(scanned.typeStart, scanned.typeEnd),
      status: scanned.text(scanned.statusStart, scanned.statusEnd),
      changeCount: scanned.changeCount,
    }).toEqual({
      source: 'jira',
      key: 'PAY-123',
      title: 'Refund button',
      url: 'https://jira.example.com/browse/PAY-123',
      project: 'PAY',
      team: 'payments',
      parent: 'PAY-100',
      labels: ['web'],
      fields: undefined,
      createdMs: Date.UTC(2024, 2, 1, 9, 12),
      resolvedMs: NaN,
      type: 'Story',
      status: 'Done',
      changeCount: 3,
    })
    expect(events(scanned)).toEqual([
      { at: Date.UTC(2024, 2, 2, 10), kind: EVENT_STATUS, from: 'Backlog', to: 'In Progress' },
      { at: Date.UTC(2024, 2, 4, 15, 30), kind: EVENT_TYPE, from: 'Bug', to: 'Story' },
      { at: Date.UTC(2024, 2, 5, 8), kind: EVENT_STATUS, from: 'In Progress', to: 'Done' },
    ])
  })

  test('reads the line the same way when it has spaces, other member orders and unknown members', () => {
    const spaced =
      ' { "changes" : [ { "to" : "Done" , "x" : [1, {"y": null}], "from" : null ,' +
      ' "field" : "status" , "at" : "2024-03-05T08:00:00.5-01:00" } ] , "status" : "Done" ,' +
      ' "created" : "2024-03-01T09:12:00Z" , "extra" : {"a": [true, false, -1.5e3]} ,' +
      ' "type" : "Bug" , "key" : "K-1" , "source" : "jira" , "resolved" : null }\r'
    const scanned = scan(spaced)!
    expect(scanned).toBeDefined()
    expect(scanned.key).toBe('K-1')
    expect(events(scanned)).toEqual([
      { at: Date.UTC(2024, 2, 5, 9, 0, 0, 500), kind: EVENT_STATUS, from: null, to: 'Done' },
    ])
  })

  test('decodes escapes and UTF-8 the way JSON.parse does when strings contain them', () => {
    const title = 'say "hi" \\ \u00e9 ✓ 😀 \u2028 \u0001'
    const line = example((l) => {
      l.title = title
      l.key = 'Ü-1'
      l.labels = ['ä', 'web', 'x"y']
      l.status = 'Dö\tne'
      ;(l.changes as { to: string }[])[2]!.to = 'Dö\tne'
    }).replace('"web"', '"w\\u0065b"')
    const scanned = scan(line)!
    expect(scanned).toBeDefined()
    const parsed = parseHistoryLine(line)
    if (!parsed.ok) throw new Error(parsed.reason)
    expect(scanned.title).toBe(title)
    expect(scanned.key).toBe('Ü-1')
    expect(scanned.labels).toEqual(parsed.record.labels)
    expect(scanned.text(scanned.statusStart, scanned.statusEnd)).toBe('Dö\tne')
  })

  test('builds fields as JSON.parse does when they hold odd numbers, escapes or nesting', () => {
    for (const fields of [
      '{"n":-0,"big":12345678901234567890,"f":0.1,"e":1E-7,"t":true,"u":null}',
      '{"nested":{"a":[1,2]},"s":"\\u0041"}',
      '{"__proto__":{"x":1}}',
      '{"2":"two","1":"one","b":"bee"}',
      '{}',
    ]) {
      const line = EXAMPLE_LINE.replace('"labels"', `"fields":${fields},"labels"`)
      const scanned = scan(line)!
      const expected = JSON.parse(fields) as Record<string, unknown>
      expect(scanned.fields, fields).toStrictEqual(expected)
      expect(Object.keys(scanned.fields!)).toEqual(Object.keys(expected))
      expect(Object.getPrototypeOf(scanned.fields)).toBe(Object.prototype)
    }
  })

  test('shares one label list and one fields object when lines have the same bytes', () => {
    const scanner = new HistoryLineScanner()
    const line = EXAMPLE_LINE.replace('"labels"', '"fields":{"p":"Low"},"labels"')
    const first = scan(line, scanner)!
    const { labels, fields } = first
    const second = scan(line.replace('PAY-123', 'PAY-124'), scanner)!
    expect(second.labels).toBe(labels)
    expect(second.fields).toBe(fields)
  })

  test('declines the line when the reference path must read it', () => {
    const declined = {
      'escaped member name': EXAMPLE_LINE.replace('"title"', '"t\\u0069tle"'),
      'an escaped key': EXAMPLE_LINE.replace('"key":"PAY-123"', '"key":"P\\u0041Y-123"'),
      'status changes at one instant': example((l) => {
        const changes = l.changes as { at: string }[]
        changes[2]!.at = changes[0]!.at
      }),
      'status changes out of order': example((l) => (l.changes as unknown[]).reverse()),
      'a local time': EXAMPLE_LINE.replace('"2024-03-01T09:12:00Z"', '"2024-03-01T09:12:00"'),
      'a year before 100': EXAMPLE_LINE.replace('"2024-03-01T09:12:00Z"', '"0024-03-01T09:12:00Z"'),
      'a status equal to the last to only when decoded': EXAMPLE_LINE.replace(
        '"status":"Done"',
        '"status":"D\\u006fne"',
      ),
    }
    for (const [why, line] of Object.entries(declined)) {
      expect(parseHistoryLine(line, { timezone: 'UTC' }).ok, why).toBe(true)
      expect(scan(line), why).toBeUndefined()
    }
  })

  test('declines the line when it is invalid', () => {
    const invalid = [
      EXAMPLE_LINE.replace('"key":"PAY-123"', '"key":"PAY-0","key":"PAY-123"'),
      EXAMPLE_LINE.replace('"labels":["web"]', '"x":1,"y":2,"x":3'),
      EXAMPLE_LINE.replace('"labels":["web"]', '"fields":{"a":1,"b":"x","a":2}'),
      EXAMPLE_LINE.replace('"labels":["web"]', '"fields":{"a":{"b":1,"b":1}}'),
      EXAMPLE_LINE.replace('"labels":["web"]', '"links":[{"type":"t","target":"A","type":"u"}]'),
      EXAMPLE_LINE.replace('"from":"Bug",', '"from":"Bug","by":"a","by":"b",'),
      EXAMPLE_LINE.replace('"key":"PAY-123"', '"key":"PAY\\u0000-123"'),
      EXAMPLE_LINE.replace('"2024-03-01T09:12:00Z"', '"2024-02-30T09:12:00Z"'),
      EXAMPLE_LINE.replace('"2024-03-01T09:12:00Z"', '"2024-03-01T24:00:00Z"'),
      EXAMPLE_LINE.replace('"2024-03-01T09:12:00Z"', '"2016-12-31T23:59:60Z"'),
      EXAMPLE_LINE.replace('"2024-03-01T09:12:00Z"', '"2024-03-01T09:12:00+19:00"'),
      EXAMPLE_LINE.slice(0, -1),
      EXAMPLE_LINE + 'x',
      EXAMPLE_LINE + '{}',
      EXAMPLE_LINE.replace('"key":"PAY-123",', ''),
      EXAMPLE_LINE.replace('"key":"PAY-123"', '"key":""'),
      EXAMPLE_LINE.replace('"key":"PAY-123"', '"key":123'),
      EXAMPLE_LINE.replace('"title":"Refund button"', '"title":7'),
      EXAMPLE_LINE.replace('"status":"Done"', '"status":"Closed"'),
      EXAMPLE_LINE.replace('"labels":["web"]', '"labels":["web",null]'),
      EXAMPLE_LINE.replace('"labels":["web"]', '"labels":"web"'),
      EXAMPLE_LINE.replace('"labels":["web"]', '"fields":[1]'),
      EXAMPLE_LINE.replace('"labels":["web"]', '"fields":{"a":01}'),
      EXAMPLE_LINE.replace('"target":"PAY-130"', '"target":""'),
      EXAMPLE_LINE.replace('"labels":["web"]', '"resolved":"yesterday"'),
      EXAMPLE_LINE.replace('"labels":["web"]', '"x":[1,]'),
      EXAMPLE_LINE.replace('"labels":["web"]', '"x":"\\q"'),
      EXAMPLE_LINE.replace('"field":"type"', '"field":""'),
      EXAMPLE_LINE.replace('"from":"Bug",', ''),
      EXAMPLE_LINE.replace('"to":"Story"', '"to":1'),
      EXAMPLE_LINE.replace('"2024-03-02T10:00:00Z"', '"2024-02-30T25:00:00Z"'),
      EXAMPLE_LINE.replace('Refund button', 'Refund\tbutton'),
      '{}',
      '[]',
      '',
    ]
    for (const line of invalid) {
      expect(parseHistoryLine(line).ok, line).toBe(false)
      expect(scan(line), line).toBeUndefined()
    }
  })

  test('declines the line when its bytes are not UTF-8', () => {
    const scanner = new HistoryLineScanner()
    const bytes = utf8(EXAMPLE_LINE.replace('Refund', 'R\u00e9fund'))
    const at = bytes.indexOf(0xc3)
    for (const broken of [
      [0xe9],
      [0xc3],
      [0xc0, 0xa9],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
    ]) {
      const line = Uint8Array.from([...bytes.subarray(0, at), ...broken, ...bytes.subarray(at + 2)])
      expect(scanner.scan(line, 0, line.length), String(broken)).toBe(false)
    }
    expect(scanner.scan(bytes, 0, bytes.length)).toBe(true)
  })
})
