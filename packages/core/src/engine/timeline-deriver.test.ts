import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { createFlowDataset } from '../model/flow-dataset'
import { compileMapping } from '../mapping/compile-mapping'
import { randomHistories } from '../metrics/history-fixtures'
import { TEST_MAPPING, makeWorkItem } from '../testing/make-work-item'
import type { Timelines } from './timelines'
import { deriveTimelines } from './timelines'
import { createTimelineDeriver } from './timeline-deriver'

const START = Date.UTC(2024, 0, 1)
const HOUR = 3_600_000

/** Per column, the first item whose value differs (Object.is: NaN equals NaN, 0 is not -0). */
function differences(actual: Timelines, expected: Timelines): string[] {
  const out: string[] = []
  if (!Object.is(actual.asOfMs, expected.asOfMs)) out.push('asOfMs')
  for (const [name, column] of Object.entries(expected)) {
    if (name === 'asOfMs') continue
    const mine = (actual as unknown as Record<string, ArrayLike<number>>)[name]!
    const want = column as ArrayLike<number>
    if (mine.length !== want.length) out.push(`${name}: length ${mine.length}`)
    for (let i = 0; i < want.length; i++) {
      if (!Object.is(mine[i], want[i])) {
        out.push(`${name}[${i}]: ${mine[i]} instead of ${want[i]}`)
        break
      }
    }
  }
  return out
}

function fixture(records: Parameters<typeof createFlowDataset>[0]) {
  const dataset = createFlowDataset(records)
  return { dataset, mapping: compileMapping(TEST_MAPPING, dataset) }
}

/** Every instant a change or creation happens, one millisecond either side, and far outside. */
function interestingInstants(dataset: ReturnType<typeof createFlowDataset>): number[] {
  const instants = new Set<number>([START - 10 * HOUR, START + 10_000 * HOUR])
  for (const ms of [...dataset.createdMs, ...dataset.eventAt]) {
    for (const t of [ms - 1, ms, ms + 1]) instants.add(t)
  }
  return [...instants]
}

describe('timeline deriver', () => {
  test('derives exactly the full derivation at every change instant of random histories', () => {
    const { dataset, mapping } = fixture(
      randomHistories(300, 11, { startMs: START, spanDays: 60, maxSteps: 10 }),
    )
    const deriver = createTimelineDeriver(dataset, mapping)
    for (const asOfMs of interestingInstants(dataset)) {
      const expected = deriveTimelines(dataset, mapping, asOfMs)
      expect(differences(deriver.derive(asOfMs), expected), `as of ${asOfMs}`).toEqual([])
    }
  })

  test('derives exactly the full derivation when a history contradicts itself or ends active', () => {
    const created = '2024-01-01T00:00:00Z'
    const contradictory = makeWorkItem({
      key: 'C',
      created,
      changes: [
        { at: '2024-01-02T00:00:00Z', field: 'status', from: 'Backlog', to: 'In Progress' },
        { at: '2024-01-03T00:00:00Z', field: 'status', from: 'Ready', to: 'Done' },
        { at: '2024-01-04T00:00:00Z', field: 'type', from: 'Story', to: 'Bug' },
      ],
    })
    const active = makeWorkItem({
      key: 'A',
      created,
      initialStatus: 'In Progress',
      path: [
        ['2024-01-05T00:00:00Z', 'Blocked'],
        ['2024-01-06T00:00:00Z', 'In QA'],
      ],
    })
    const { dataset, mapping } = fixture([contradictory, active])
    const deriver = createTimelineDeriver(dataset, mapping)
    for (const asOfMs of interestingInstants(dataset)) {
      const expected = deriveTimelines(dataset, mapping, asOfMs)
      expect(differences(deriver.derive(asOfMs), expected), `as of ${asOfMs}`).toEqual([])
    }
  })

  test('derives exactly the full derivation at any instant in any order', () => {
    const { dataset, mapping } = fixture(
      randomHistories(200, 5, { startMs: START, spanDays: 30, maxSteps: 6 }),
    )
    const deriver = createTimelineDeriver(dataset, mapping)
    const instant = fc.integer({ min: START - 24 * HOUR, max: START + 120 * 24 * HOUR })
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 4 }), (instants) => {
        for (const asOfMs of instants) {
          const expected = deriveTimelines(dataset, mapping, asOfMs)
          expect(differences(deriver.derive(asOfMs), expected)).toEqual([])
        }
      }),
      { numRuns: 50 },
    )
  })
})
