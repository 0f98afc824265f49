import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import type { CompletionIndex } from '../engine/completions'
import {
  mergeSortedRuns,
  summarizeCompletions,
  summarizeCompletionsByPeriod,
} from './duration-summary'

/** Any double but NaN and -0 (a merge may put -0 and +0 in either order; durations are never -0). */
const double = () => fc.double({ noNaN: true }).map((v) => (v === 0 ? 0 : v))

/** An index whose item `k` is the k-th value, grouped into periods of the given sizes. */
function indexOf(sizes: number[]): CompletionIndex {
  const offset = new Uint32Array(sizes.length + 1)
  sizes.forEach((size, p) => (offset[p + 1] = offset[p]! + size))
  const total = offset[sizes.length]!
  return {
    periodCount: sizes.length,
    offset,
    items: Uint32Array.from({ length: total }, (_, k) => k),
    canceled: new Int32Array(sizes.length),
    reopened: new Int32Array(sizes.length),
  }
}

/** End and begin instants whose differences are `durations` (begin 0, so end − 0 is exact). */
function instantsOf(durations: number[]): { endMs: Float64Array; beginMs: Float64Array } {
  return { endMs: Float64Array.from(durations), beginMs: new Float64Array(durations.length) }
}

describe('mergeSortedRuns', () => {
  test('returns the sorted values when every run is sorted, for any runs', () => {
    fc.assert(
      fc.property(fc.array(fc.array(double(), { maxLength: 30 })), (runs) => {
        const sortedRuns = runs.map((run) => Float64Array.from(run).sort())
        const values = Float64Array.from(sortedRuns.flatMap((run) => Array.from(run)))
        const bounds = [0]
        for (const run of sortedRuns) bounds.push(bounds[bounds.length - 1]! + run.length)
        const expected = Array.from(values.slice().sort())
        expect(Array.from(mergeSortedRuns(values, bounds))).toEqual(expected)
      }),
    )
  })
})

describe('summarizeCompletionsByPeriod', () => {
  test('gives the figures of one summary per range, to the bit, for any durations', () => {
    const duration = fc.oneof(fc.integer({ min: 0, max: 2 ** 40 }), double())
    fc.assert(
      fc.property(fc.array(fc.array(duration, { maxLength: 25 }), { maxLength: 12 }), (groups) => {
        const values = groups.flat()
        const index = indexOf(groups.map((g) => g.length))
        const byPeriod = summarizeCompletionsByPeriod(index, instantsOf(values))
        groups.forEach((_, p) => {
          const one = summarizeCompletions(index, { first: p, last: p + 1 }, (i) => values[i]!)
          expect(byPeriod.periods[p]).toStrictEqual(one)
        })
        const all = { first: 0, last: groups.length }
        expect(byPeriod.total).toStrictEqual(summarizeCompletions(index, all, (i) => values[i]!))
      }),
    )
  })

  test('puts NaN durations last in the total when some duration is NaN', () => {
    const values = [3, NaN, 1, 2]
    const index = indexOf([2, 2])
    const byPeriod = summarizeCompletionsByPeriod(index, instantsOf(values))
    expect(byPeriod.total).toStrictEqual(
      summarizeCompletions(index, { first: 0, last: 2 }, (i) => values[i]!),
    )
  })

  test('has null summaries when a period or the index is empty', () => {
    const byPeriod = summarizeCompletionsByPeriod(indexOf([0, 1]), instantsOf([86_400_000]))
    expect(byPeriod.periods[0]).toBeNull()
    expect(byPeriod.periods[1]).toMatchObject({ count: 1, mean: 1, max: 1 })
    expect(summarizeCompletionsByPeriod(indexOf([]), instantsOf([])).total).toBeNull()
  })
})
