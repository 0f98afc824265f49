import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, test } from 'vitest'
import { Dictionary, HistoryLineScanner, createFlowDatasetBuilder } from '@openvmo/core'
import type { FlowDataset } from '@openvmo/core'
import { BUFFER_TEXT } from '../../text/buffer-text'
import { LineSink } from './history-line-sink'
import { loadFlowDataset } from './load-flow-dataset'
import { readHistoryFile } from './read-history-file'
import type { ReadHistoryOptions } from './read-history-file'

// The dataset fast path (HistoryLineScanner + addScanned) against the reference path
// (decode + parseHistoryLine + add) on generated files: valid lines in many shapes and broken
// ones. Both must give the same dataset, counts, skipped lines and errors.

const folders: string[] = []

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

function tempFile(content: string | Uint8Array): string {
  const folder = mkdtempSync(join(tmpdir(), 'openvmo-fast-'))
  folders.push(folder)
  const path = join(folder, 'history.ndjson')
  writeFileSync(path, content)
  return path
}

/** Every column of a dataset as plain values (dictionaries as their values, in id order). */
function columns(dataset: FlowDataset): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(dataset).map(([name, value]) => [
      name,
      value instanceof Dictionary
        ? [...value.values]
        : ArrayBuffer.isView(value)
          ? Array.from(value as Float64Array)
          : value,
    ]),
  )
}

// ---- generators ------------------------------------------------------------------------------

/** A JSON value as text, written by the generator (so it can repeat names or escape oddly). */
type Json = string

/** Mostly `usual`, now and then `rare` (invalid values, say). */
function mostly<T>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 15, arbitrary: usual }, { weight: 1, arbitrary: rare })
}

const VOCABULARY = ['Backlog', 'In Progress', 'Review', 'Done', 'Bug', 'Story']
const ODD_TEXTS = [
  'say "hi"',
  'a\\b',
  'tab\there',
  'line\u2028sep',
  'ünïcödé',
  '😀 emoji',
  '\u0000',
  '',
  '\ud800 lone',
  '/slash/',
  'In\u00a0Progress',
]

const text = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...VOCABULARY) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_TEXTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
)

/** How strings are written: as JSON.stringify does, or with needless escapes. */
const escapeStyle = fc.constantFrom('plain', 'plain', 'plain', 'escaped')

function quote(value: string, style: string): Json {
  const json = JSON.stringify(value)
  return style === 'plain' ? json : json.replace(/e/g, '\\u0065').replace(/\//g, '\\/')
}

const BASE_MS = [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3, 12, 30)]
const OFFSETS = ['Z', 'Z', 'Z', '+00:00', '+01:00', '-05:30', '+0100']

/** An instant's text: mostly valid with an offset, sometimes local, odd or invalid. */
const instant = fc.oneof(
  {
    weight: 30,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...BASE_MS),
        fc.constantFrom(0, 0, 1, 1000, 3_600_000, 86_400_000 * 40),
        fc.constantFrom(...OFFSETS),
        fc.constantFrom(0, 3, 3, 3, 1, 6),
      )
      .map(([base, plus, offset, digits]) => {
        const iso = new Date(base + plus).toISOString()
        const fraction = digits === 0 ? '' : `.${iso.slice(20, 23)}${'123'.slice(0, digits - 3)}`
        return `${iso.slice(0, 19)}${fraction.slice(0, digits + 1)}${offset}`
      }),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '2024-01-01T00:00:00',
      '2024-01-01 10:00',
      '2024-01-01',
      '0099-01-01T00:00:00Z',
      '2024-01-01T00:00Z',
      '2024-01-01T00:00:00.Z',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '2024-13-01T00:00:00Z',
      'yesterday',
      '',
      '2024-01-01T25:00:00Z',
      '2024-02-30T00:00:00Z',
      '2023-02-29T10:00:00.000+01:00',
      '2024-04-31 10:00',
      '2024-01-01T24:00:00Z',
      '2016-12-31T23:59:60Z',
      '2024-01-01T00:00:00+19:00',
    ),
  },
)

const FIELDS = ['status', 'status', 'status', 'status', 'type', 'type', 'team', 'assignee']
const ODD_FIELDS = ['st\\u0061tus', '', 'stätus']

interface ChangeShape {
  at: string
  field: string
  from: string | null
  to: string | null
}

const change: fc.Arbitrary<ChangeShape> = fc.record({
  at: instant,
  field: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...FIELDS) },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_FIELDS) },
  ),
  from: fc.option(text, { nil: null, freq: 6 }),
  to: fc.option(text, { nil: null, freq: 8 }),
})

/** A change written as JSON, sometimes with members reordered, missing, extra or mistyped. */
function changeJson(c: ChangeShape, style: string, quirk: number): Json {
  const value = (v: string | null) => (v === null ? 'null' : quote(v, style))
  const members: [string, Json][] = [
    ['at', quote(c.at, style === 'plain' ? 'plain' : 'escaped')],
    ['field', c.field.includes('\\') ? `"${c.field}"` : quote(c.field, style)],
    ['from', value(c.from)],
    ['to', value(c.to)],
  ]
  if (quirk === 1) members.reverse()
  if (quirk === 2) members.splice(1, 0, ['extra', '{"deep":[1,{"x":null}]}'])
  if (quirk === 3) members.pop()
  if (quirk === 4) members[0] = ['at', '1704067200000']
  if (quirk === 5) members.push(['to', value(c.from)])
  return `{${members.map(([name, v]) => `"${name}":${v}`).join(',')}}`
}

const FIELD_VALUES = [
  '1',
  '-0',
  '0.1',
  '1e5',
  '-1.5E-3',
  '12345678901234567890',
  'true',
  'false',
  'null',
  '"Low"',
  '"\\u0041\\n"',
  '"ünï"',
  '{"a":[1,2]}',
  '[]',
  `${'['.repeat(40)}${']'.repeat(40)}`,
  `${'['.repeat(70)}${']'.repeat(70)}`,
]
const FIELD_NAMES = ['priority', 'storyPoints', 'a', '1', '__proto__', 'ü', 'e']

const fieldsJson: fc.Arbitrary<Json> = mostly(
  fc.oneof(
    fc
      .array(fc.tuple(fc.constantFrom(...FIELD_NAMES), fc.constantFrom(...FIELD_VALUES)), {
        maxLength: 4,
      })
      .map((members) => `{${members.map(([n, v]) => `${JSON.stringify(n)}:${v}`).join(',')}}`),
    fc.constantFrom('null', '{ "a" : 1 , "b" : [ ] }'),
  ),
  fc.constantFrom('[1]', '"x"', '{"a":01}', '{"a":1,}', '{"a":.5}', '{"a":1e}'),
)

const labelsJson: fc.Arbitrary<Json> = mostly(
  fc.oneof(
    fc.array(text, { maxLength: 3 }).map((labels) => JSON.stringify(labels)),
    fc.constantFrom('null', '["w\\u0065b"]', '[ "web" , "api" ]'),
  ),
  fc.constantFrom('["web",null]', '"web"', '["web",]'),
)

const linksJson: fc.Arbitrary<Json> = mostly(
  fc.constantFrom(
    'null',
    '[]',
    '[{"type":"blocks","target":"A-2"}]',
    '[{"target":"x","type":"t","n":1}]',
  ),
  fc.constantFrom('[{"type":"blocks","target":""}]', '[{"type":"blocks"}]', '[1]', '{}'),
)

interface LineShape {
  source: string
  key: string
  type: string
  created: string
  status: string | undefined
  changes: ChangeShape[] | null
  optionals: [string, Json][]
  style: string
  quirks: number[]
  /** Rewrite the changes' instants to increasing valid ones (most valid lines have them so). */
  timeline: boolean
  spaced: boolean
  reorder: number
  breakage: number
  cut: number
}

const optionalMember: fc.Arbitrary<[string, Json]> = fc.oneof(
  fc
    .tuple(fc.constantFrom('id', 'url', 'project', 'title', 'team', 'parent'), text)
    .map(([name, value]) => [name, JSON.stringify(value)] as [string, Json]),
  fc.tuple(
    fc.constantFrom('id', 'url', 'project', 'title', 'team', 'parent'),
    mostly(fc.constant('null'), fc.constantFrom('7', '["x"]', 'true')),
  ),
  fc.tuple(fc.constant('labels'), labelsJson),
  fc.tuple(fc.constant('links'), linksJson),
  fc.tuple(fc.constant('fields'), fieldsJson),
  fc.tuple(
    fc.constant('resolved'),
    fc.oneof(
      instant.map((t) => JSON.stringify(t)),
      fc.constant('null'),
    ),
  ),
  fc.tuple(
    fc.constantFrom('extra', 'Source', 'k\u00e9y'),
    fc.constantFrom('1', '[{"a":"b"}]', '"x"'),
  ),
)

/** Optional members, now and then one of them twice (JSON.parse keeps the last). */
const optional = mostly(
  fc.uniqueArray(optionalMember, { maxLength: 7, selector: ([name]) => name }),
  fc.array(optionalMember, { maxLength: 7 }),
)

const lineShape: fc.Arbitrary<LineShape> = fc.record({
  source: mostly(
    fc.constantFrom('jira', 'jira', 'jira', 'github', 'gitlab', 'jïra'),
    fc.constant(''),
  ),
  key: fc.oneof(
    fc.nat({ max: 40 }).map((n) => `K-${n}`),
    fc.constantFrom('A-1', 'ü-1', 'say "k"', 'a/b#1', 'K\u0000-1', 'K\n1', 'K\t1'),
  ),
  type: mostly(fc.constantFrom('Story', 'Bug', 'Task'), fc.constant('')),
  created: instant,
  status: fc.oneof(
    { weight: 8, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: text },
  ),
  changes: fc.option(fc.array(change, { maxLength: 6 }), { nil: null, freq: 12 }),
  optionals: optional,
  style: escapeStyle,
  quirks: fc.array(
    fc.oneof(
      { weight: 30, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.constantFrom(1, 2, 3, 4, 5) },
    ),
    { maxLength: 6 },
  ),
  timeline: fc.constantFrom(true, true, true, false),
  spaced: fc.boolean(),
  reorder: fc.nat(),
  breakage: fc.oneof(
    { weight: 15, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.constantFrom(1, 2, 3, 4, 5) },
  ),
  cut: fc.nat(),
})

/** The changes, with increasing valid instants when `timeline` is set. */
function changesOf(shape: LineShape): ChangeShape[] | null {
  if (shape.changes === null || !shape.timeline) return shape.changes
  return shape.changes.map((c, i) => {
    const offset = OFFSETS[i % OFFSETS.length]
    const utc = new Date(
      Date.UTC(2024, 0, 1) + i * 86_400_000 + (c.at.length % 7) * 1000,
    ).toISOString()
    const at =
      offset === 'Z' ? utc : `${utc.slice(0, 23)}${offset === '+0100' ? '+0000' : '+00:00'}`
    return { ...c, at }
  })
}

/** The line's status: usually the `to` of its last status change, as a valid line has it. */
function statusOf(shape: LineShape): string {
  if (shape.status !== undefined) return shape.status
  const byInstant = (changesOf(shape) ?? [])
    .map((c, i) => ({ c, i, ms: Date.parse(c.at.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) }))
    .sort((a, b) => a.ms - b.ms || a.i - b.i)
  const last = byInstant.reverse().find(({ c }) => c.field === 'status')
  return last?.c.to ?? 'Open'
}

/** One line as text: members in some order, maybe spaced, maybe broken. */
function lineText(shape: LineShape): string {
  const { style } = shape
  const members: [string, Json][] = [
    ['source', quote(shape.source, style)],
    ['key', quote(shape.key, style)],
    ['type', quote(shape.type, style)],
    ['created', JSON.stringify(shape.created)],
    ['status', quote(statusOf(shape), style)],
    ...shape.optionals,
  ]
  const shapeChanges = changesOf(shape)
  if (shapeChanges !== null) {
    const changes = shapeChanges.map((c, i) => changeJson(c, style, shape.quirks[i] ?? 0))
    members.push(['changes', `[${changes.join(',')}]`])
  }
  const first = shape.reorder % members.length
  const ordered = [...members.slice(first), ...members.slice(0, first)]
  const [colon, comma] = shape.spaced ? [' : ', ' , '] : [':', ',']
  let line = `{${ordered.map(([name, v]) => `${JSON.stringify(name)}${colon}${v}`).join(comma)}}`
  if (shape.spaced) line = ` ${line} `
  const at = shape.cut % (line.length + 1)
  switch (shape.breakage) {
    case 1:
      return line.slice(0, at)
    case 2:
      return `${line}x`
    case 3:
      return line.slice(0, at) + line.slice(at + 1)
    case 4: {
      const [[name] = ['source']] = ordered
      return line.replace(`"${name}"`, `"${name}"${colon}1${comma}"${name}"`)
    }
    case 5:
      return line.slice(0, at) + '\u0001' + line.slice(at)
    default:
      return line
  }
}

interface FileShape {
  lines: (LineShape | 'blank' | 'spaces' | 'latin1' | 'bom')[]
  crlf: boolean
  finalNewline: boolean
  cuts: number[]
  timezone: string | undefined
}

const fileShape: fc.Arbitrary<FileShape> = fc.record({
  lines: fc.array(
    fc.oneof(
      { weight: 20, arbitrary: lineShape },
      { weight: 1, arbitrary: fc.constantFrom('blank', 'spaces', 'latin1', 'bom') },
    ),
    { maxLength: 12 },
  ),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
  cuts: fc.array(fc.nat(), { maxLength: 4 }),
  timezone: fc.constantFrom(undefined, undefined, 'Europe/Berlin'),
})

function fileBytes(shape: FileShape): Buffer {
  const eol = shape.crlf ? '\r\n' : '\n'
  const parts = shape.lines.map((line) => {
    if (line === 'blank') return Buffer.alloc(0)
    if (line === 'spaces') return Buffer.from(' \t ')
    if (line === 'latin1')
      return Buffer.from('{"source":"jira","key":"L-1","title":"caf\u00e9"}', 'latin1')
    if (line === 'bom') return Buffer.from('\ufeff{"source":"jira"}')
    return Buffer.from(lineText(line))
  })
  const joined = Buffer.concat(parts.flatMap((part) => [part, Buffer.from(eol)]))
  return shape.finalNewline || joined.length === 0 ? joined : joined.subarray(0, -eol.length)
}

// ---- the two paths ---------------------------------------------------------------------------

interface Outcome {
  result?: unknown
  dataset?: Record<string, unknown>
  error?: { message: string; details: unknown }
  fastLines: number
  declinedLines: number
}

/** Reads `bytes`, cut into chunks at `cuts`, with the fast path or the reference path only. */
function read(bytes: Buffer, cuts: number[], options: ReadHistoryOptions & { fast: boolean }) {
  const builder = createFlowDatasetBuilder()
  const scanner = new HistoryLineScanner(BUFFER_TEXT)
  const scan = scanner.scan.bind(scanner)
  let declinedLines = 0
  scanner.scan = (bytes, start, end) => {
    const read = scan(bytes, start, end)
    if (!read) declinedLines++
    return read
  }
  let fastLines = 0
  const sink = new LineSink(
    'history.ndjson',
    {
      visit: (record, _line, instants) => builder.add(record, instants),
      fast: options.fast
        ? {
            scanner,
            add: (line) => {
              fastLines++
              builder.addScanned(line)
            },
          }
        : undefined,
    },
    options,
  )
  const outcome: Outcome = { fastLines: 0, declinedLines: 0 }
  try {
    const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b)
    let start = 0
    for (const point of [...points, bytes.length]) {
      if (point > start) sink.push(bytes.subarray(start, point))
      start = Math.max(start, point)
    }
    sink.end()
    outcome.result = sink.result
    outcome.dataset = columns(builder.build())
  } catch (error) {
    const { message, details } = error as { message: string; details: unknown }
    outcome.error = { message, details }
  }
  outcome.fastLines = fastLines
  outcome.declinedLines = declinedLines
  return outcome
}

describe('loadFlowDataset fast path', () => {
  test('gives the dataset, counts, skipped lines and errors of the reference path when the file is any mix of lines', () => {
    let fastLines = 0
    let declinedLines = 0
    let referenceItems = 0
    fc.assert(
      fc.property(fileShape, fc.boolean(), (shape, skipBad) => {
        const bytes = fileBytes(shape)
        const options = { skipBad, timezone: shape.timezone }
        const reference = read(bytes, shape.cuts, { ...options, fast: false })
        const fast = read(bytes, shape.cuts, { ...options, fast: true })
        const { fastLines: fastCount, declinedLines: declined, ...fastOutcome } = fast
        const { fastLines: _fast, declinedLines: _declined, ...referenceOutcome } = reference
        expect(fastOutcome).toStrictEqual(referenceOutcome)
        fastLines += fastCount
        declinedLines += declined
        const items = (fast.result as { items: number } | undefined)?.items ?? 0
        referenceItems += items - fastCount
      }),
      { numRuns: 3000 },
    )
    // the generator must exercise both paths, or the comparison proves little
    expect(fastLines).toBeGreaterThan(1500)
    expect(declinedLines).toBeGreaterThan(1500)
    expect(referenceItems).toBeGreaterThan(300)
  })

  test('gives the reference dataset when a large file spans many chunks', async () => {
    const lines = Array.from({ length: 6000 }, (_, i) =>
      JSON.stringify({
        source: i % 7 === 0 ? 'github' : 'jira',
        key: `K-${i}`,
        url: `https://example.com/K-${i}`,
        type: i % 3 === 0 ? 'Bug' : 'Story',
        title: `${'a very long title '.repeat(i % 5)}${i}`,
        created: '2024-01-01T00:00:00.000Z',
        status: 'Done',
        labels: i % 2 === 0 ? ['web'] : [],
        fields: { priority: i % 4 === 0 ? 'High' : 'Low', points: i % 13 },
        changes: Array.from({ length: 20 }, (_, k) => ({
          at: new Date(Date.UTC(2024, 0, 2) + k * 3_600_000 + i).toISOString(),
          field: k === 19 ? 'team' : 'status',
          from: k === 0 ? null : `S${k - 1}`,
          to: k === 18 ? 'Done' : `S${k}`,
        })),
      }),
    )
    const path = tempFile(lines.join('\n') + '\n')
    const loaded = await loadFlowDataset(path)
    const builder = createFlowDatasetBuilder()
    const result = await readHistoryFile(path, (record, _line, instants) =>
      builder.add(record, instants),
    )
    expect(loaded.dataset.itemCount).toBe(6000)
    expect(columns(loaded.dataset)).toStrictEqual(columns(builder.build()))
    expect({ ...loaded, dataset: undefined }).toStrictEqual({ ...result, dataset: undefined })
  })
})
