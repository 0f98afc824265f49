// Test fixtures of the forecasts (used by the *.test.ts files beside them only).
import type { RandomSource } from '../stats/random'
import { DateTime } from 'luxon'
import type { CalendarDate } from '../time/periods'
import type { DailyThroughput } from './daily-throughput'

/**
 * A {@link RandomSource} that is not random: `nextInt(max)` returns 0, 1, 2, ... modulo `max`, so
 * a hand-computed case knows every draw. `nextFloat` cycles through tenths.
 */
export function createCyclingRandom(): RandomSource {
  let counter = 0
  return {
    nextInt: (maxExclusive) => counter++ % maxExclusive,
    nextFloat: () => (counter++ % 10) / 10,
  }
}

/** A throughput window of the given daily counts ending the day before `asOfDate`. */
export function makeThroughput(counts: number[], asOfDate: CalendarDate): DailyThroughput {
  const end = DateTime.fromISO(asOfDate, { zone: 'UTC' })
  return {
    days: Int32Array.from(counts),
    firstDay: end.minus({ days: counts.length }).toISODate(),
    lastDay: end.minus({ days: 1 }).toISODate()!,
    fromMs: end.minus({ days: counts.length }).toMillis(),
    total: counts.reduce((a, b) => a + b, 0),
  }
}

/** Completion instants: `perDay(i)` completions at noon of each day `i` from `fromDate` on. */
export function makeCompletions(
  fromDate: CalendarDate,
  dayCount: number,
  perDay: (day: number) => number,
): Float64Array {
  const out: number[] = []
  const start = DateTime.fromISO(fromDate, { zone: 'UTC' }).set({ hour: 12 })
  for (let i = 0; i < dayCount; i++) {
    const count = perDay(i)
    for (let k = 0; k < count; k++) out.push(start.plus({ days: i, minutes: k }).toMillis())
  }
  return Float64Array.from(out)
}
