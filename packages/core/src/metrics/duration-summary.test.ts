import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import type { CompletionIndex } from '../engine/completions'
import {
  RADIX_RUNS_MIN_LENGTH,
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

describe('summarizeCompletionsByPeriod of many completions', () => {
  /** Deterministic durations: `make(r)` of a pseudo-random r in [0, 1). */
  function durations(count: number, seed: number, make: (r: number) => number): number[] {
    let state = seed
    return Array.from({ length: count }, () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0
      return make(state / 2 ** 32)
    })
  }

  test('gives the figures of one summary per range, to the bit, above the radix threshold', () => {
    const count = RADIX_RUNS_MIN_LENGTH + 5_000
    const cases = [
      durations(count, 1, (r) => Math.round(r * r * r * 6.3e10)), // whole ms (the radix path)
      durations(count, 2, (r) => Math.round(r * 40) * 3_600_000), // many ties
      durations(count, 3, (r) => r * 1e9), // fractions (sorted otherwise)
      durations(count, 4, (r) => (r < 0.001 ? NaN : Math.round(r * 1e9))), // NaN last
    ]
    for (const values of cases) {
      const sizes = [0, 3, ...Array.from({ length: 20 }, () => Math.floor(count / 25))]
      sizes.push(count - sizes.reduce((a, b) => a + b, 0))
      const index = indexOf(sizes)
      const byPeriod = summarizeCompletionsByPeriod(index, instantsOf(values))
      sizes.forEach((_, p) => {
        const one = summarizeCompletions(index, { first: p, last: p + 1 }, (i) => values[i]!)
        expect(byPeriod.periods[p]).toStrictEqual(one)
      })
      const all = { first: 0, last: sizes.length }
      expect(byPeriod.total).toStrictEqual(summarizeCompletions(index, all, (i) => values[i]!))
    }
  })

  test('gives the same figures when called again (the scratch memory is not shared out)', () => {
    const values = durations(RADIX_RUNS_MIN_LENGTH * 2, 5, (r) => Math.round(r * 1e10))
    const index = indexOf([values.length / 2, values.length / 2])
    const first = summarizeCompletionsByPeriod(index, instantsOf(values))
    const other = summarizeCompletionsByPeriod(index, instantsOf(values.map((v) => v * 2)))
    expect(summarizeCompletionsByPeriod(index, instantsOf(values))).toStrictEqual(first)
    expect(other.total!.max).toBe(first.total!.max * 2)
  })
})
