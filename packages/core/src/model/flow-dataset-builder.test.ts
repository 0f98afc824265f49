import { describe, expect, test } from 'vitest'
import { createFlowDataset, createFlowDatasetBuilder } from './flow-dataset'
import { createRecordInstants, parseHistoryLine } from './parse-history-line'
import { makeWorkItem } from '../testing/make-work-item'
import type { PathStep } from '../testing/make-work-item'
import { unqualify } from './dictionary'
import { HistoryLineScanner } from './scan-history-line'

const STATUSES = ['Ready', 'In Progress', 'Awaiting QA', 'In QA', 'Done']

function records(count: number) {
  return Array.from({ length: count }, (_, n) => {
    const steps = n % STATUSES.length
    const path: PathStep[] = STATUSES.slice(0, steps).map((status, k) => [
      `2024-01-${String(2 + k).padStart(2, '0')}T00:00:00Z`,
      status,
    ])
    return makeWorkItem({ key: `B-${n}`, source: n % 3 === 0 ? 'github' : 'jira', path })
  })
}

describe('flow dataset builder', () => {
  test('keeps every item and event when the arrays grow many times', () => {
    const input = records(20_000)
    const dataset = createFlowDataset(input)
    expect(dataset.itemCount).toBe(20_000)
    expect(dataset.eventOffset).toHaveLength(20_001)
    expect(dataset.eventOffset[20_000]).toBe(dataset.eventAt.length)
    const total = input.reduce((sum, r) => sum + r.changes.length, 0)
    expect(dataset.eventAt.length).toBe(total)
    for (const i of [0, 1023, 1024, 2047, 2048, 2049, 4097, 19_999]) {
      const events = dataset.eventOffset[i + 1]! - dataset.eventOffset[i]!
      expect(events).toBe(input[i]!.changes.length)
      const last = dataset.eventOffset[i + 1]! - 1
      if (events > 0)
        expect(unqualify(dataset.statuses.valueOf(dataset.eventValue[last]!)).name).toBe(
          input[i]!.status,
        )
    }
  })

  test('interns statuses per source in order of first appearance', () => {
    const dataset = createFlowDataset(records(10))
    expect(dataset.statuses.values.slice(0, 3).map((v) => unqualify(v))).toEqual([
      { source: 'github', name: 'Backlog' },
      { source: 'jira', name: 'Backlog' },
      { source: 'jira', name: 'Ready' },
    ])
  })
})

describe('flow dataset builder with parsed instants', () => {
  test('builds the same dataset when given the instants parseHistoryLine wrote', () => {
    const lines = [
      ...records(12),
      makeWorkItem({
        key: 'U-1',
        status: 'Ready',
        created: '2024-01-05T00:00:00Z',
        resolved: '2024-01-01T00:00:00Z',
        path: [
          ['2024-01-03T00:00:00+01:00', 'Ready'],
          ['2024-01-02T00:00:00Z', 'In Progress'],
        ],
      }),
    ].map((record) => JSON.stringify(record))
    const plain = createFlowDatasetBuilder()
    const timed = createFlowDatasetBuilder()
    const instants = createRecordInstants()
    for (const line of lines) {
      const result = parseHistoryLine(line, { instants })
      if (!result.ok) throw new Error(result.reason)
      plain.add(result.record)
      timed.add(result.record, instants)
    }
    expect(timed.build()).toEqual(plain.build())
  })
})

describe('flow dataset builder with scanned lines', () => {
  test('builds the same dataset, ids and flags as add when the lines are read by the scanner', () => {
    const lines = [
      ...records(12),
      makeWorkItem({ key: 'S-1', source: 'gitlab', status: 'Open', path: [], labels: ['x'] }),
      makeWorkItem({
        key: 'S-2',
        source: 'gitlab',
        created: '2024-01-05T00:00:00Z',
        resolved: '2024-01-01T00:00:00Z',
        project: 'P',
        team: 't',
        fields: { priority: 'High' },
        path: [
          ['2024-01-02T00:00:00Z', 'Doing'],
          ['2024-01-02T12:00:00Z', 'Doing', 'Bug'],
          ['2024-01-03T00:00:00.5+01:00', 'Done'],
        ],
      }),
      {
        ...makeWorkItem({ key: 'S-3', status: 'Done', type: 'Task' }),
        changes: [
          { at: '2024-01-02T00:00:00Z', field: 'status', from: null, to: 'Review' },
          { at: '2024-01-03T00:00:00Z', field: 'type', from: 'Epic', to: null },
          { at: '2024-01-04T00:00:00Z', field: 'status', from: 'Other', to: 'Done' },
        ],
      },
    ].map((record) => JSON.stringify(record))
    const reference = createFlowDatasetBuilder()
    const scanned = createFlowDatasetBuilder()
    const scanner = new HistoryLineScanner()
    for (const line of lines) {
      const result = parseHistoryLine(line)
      if (!result.ok) throw new Error(result.reason)
      reference.add(result.record)
      const bytes = Uint8Array.from(line, (c) => c.charCodeAt(0))
      expect(scanner.scan(bytes, 0, bytes.length), line).toBe(true)
      scanned.addScanned(scanner)
    }
    const [expected, actual] = [reference.build(), scanned.build()]
    expect(actual).toEqual(expected)
    expect(actual.statuses.values).toEqual(expected.statuses.values)
    expect(actual.types.values).toEqual(expected.types.values)
    expect(Array.from(actual.itemQuality)).toEqual(Array.from(expected.itemQuality))
  })
})

describe('flow dataset builder with a reserved capacity', () => {
  const records = [
    makeWorkItem({ key: 'A-1', path: [['2024-01-02T00:00:00Z', 'In Progress']] }),
    makeWorkItem({ key: 'A-2', path: [['2024-01-03T00:00:00Z', 'Done']] }),
  ]

  test.each([
    ['exact', { items: 2, events: 2 }],
    ['too small', { items: 1, events: 1 }],
    ['too large', { items: 50, events: 500 }],
  ])('builds the same dataset when the capacity is %s', (_, capacity) => {
    const builder = createFlowDatasetBuilder(capacity)
    for (const record of records) builder.add(record)
    const dataset = builder.build()
    expect(dataset).toEqual(createFlowDataset(records))
    expect(dataset.createdMs).toHaveLength(2)
    expect(dataset.eventOffset).toHaveLength(3)
  })

  test('keeps the typed columns of a built dataset when more records are added after build', () => {
    const builder = createFlowDatasetBuilder({ items: 1, events: 1 })
    builder.add(records[0]!)
    const first = builder.build()
    const columns = [first.createdMs, first.eventOffset, first.eventAt, first.eventValue]
    const copies = columns.map((column) => [...column])
    builder.add(records[1]!)
    expect(columns.map((column) => [...column])).toEqual(copies)
    expect(builder.build().itemCount).toBe(2)
  })
})
