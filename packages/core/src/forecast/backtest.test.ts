import { describe, expect, test } from 'vitest'
import { createSeededRandom } from '../stats/random'
import { parseInstant } from '../time/instant'
import {
  backtestHistoryEndMs,
  backtestHowMany,
  backtestWhen,
  forecastHowManyCheckpoints,
  forecastWhenCheckpoints,
} from './backtest'
import { makeCompletions } from './forecast-fixtures'

const asOfMs = parseInstant('2024-06-01T09:00:00Z')
const base = { asOfMs, timezone: 'UTC', trials: 2000 }

describe('backtestWhen', () => {
  test('hits every checkpoint when throughput is a constant 2 per day', () => {
    const completionsMs = makeCompletions('2023-01-01', 520, () => 2)
    const result = backtestWhen({
      ...base,
      completionsMs,
      horizonItems: 10,
      random: createSeededRandom(1),
    })
    expect(result).toMatchObject({ evaluated: 12, hits: 12, hitRate: 1 })
    // Oldest first: 2024-06-01 minus 12 x 14 days; 10 items at 2 a day take 5 days from its
    // start (the checkpoint day is day 1).
    expect(result.checkpoints[0]).toEqual({
      at: '2023-12-16',
      forecast85Date: '2023-12-20',
      actualDate: '2023-12-20',
      hit: true,
    })
  })

  test('scores a hit rate near 0.85 or above when the history is steady', () => {
    const noise = createSeededRandom(2024)
    const completionsMs = makeCompletions('2022-06-01', 731, () => noise.nextInt(5))
    const result = backtestWhen({
      ...base,
      completionsMs,
      horizonItems: 20,
      checkpoints: 40,
      spacingDays: 7,
      random: createSeededRandom(7),
    })
    // Counted from the start of its day, even the last checkpoint (a week before as-of) has its
    // 20th item done before the as-of time.
    expect(result.evaluated).toBe(40)
    expect(result.hitRate).toBeGreaterThanOrEqual(0.75)
  })

  test('leaves a checkpoint unevaluated when its N-th completion has not happened yet', () => {
    const completionsMs = makeCompletions('2024-01-01', 152, () => 2)
    const result = backtestWhen({
      ...base,
      completionsMs,
      horizonItems: 100,
      checkpoints: 2,
      spacingDays: 10,
      random: createSeededRandom(1),
    })
    expect(result.checkpoints.map((c) => c.actualDate)).toEqual([null, null])
    expect(result).toMatchObject({ evaluated: 0, hits: 0, hitRate: null })
  })

  test('scores a miss when the 85% date is over and the N-th item is still not done', () => {
    // 2 a day until 2024-05-02, then nothing: the checkpoint at 2024-05-04 expects 10 items by
    // about 2024-05-10, which never came.
    const completionsMs = makeCompletions('2024-01-01', 123, () => 2)
    const result = backtestWhen({
      ...base,
      completionsMs,
      horizonItems: 10,
      checkpoints: 1,
      spacingDays: 28,
      random: createSeededRandom(1),
    })
    expect(result.checkpoints[0]).toMatchObject({ at: '2024-05-04', actualDate: null, hit: false })
    expect(result).toMatchObject({ evaluated: 1, hits: 0, hitRate: 0 })
  })

  test('leaves a checkpoint unevaluated when its forecast refused for lack of history', () => {
    const completionsMs = makeCompletions('2024-05-01', 31, () => 2)
    const result = backtestWhen({
      ...base,
      completionsMs,
      horizonItems: 5,
      checkpoints: 4,
      spacingDays: 7,
      random: createSeededRandom(1),
    })
    // History starts 2024-05-01: the checkpoints of 05-04 and 05-11 have 3 and 10 days of it.
    const refused = result.checkpoints.map((c) => c.forecast85Date === null)
    expect(refused).toEqual([true, true, false, false])
    expect(result.evaluated).toBe(2)
  })
})

describe('backtestHowMany', () => {
  test('hits every checkpoint when throughput is a constant 2 per day', () => {
    const completionsMs = makeCompletions('2023-01-01', 520, () => 2)
    const result = backtestHowMany({
      ...base,
      completionsMs,
      horizonDays: 7,
      random: createSeededRandom(1),
    })
    expect(result).toMatchObject({ evaluated: 12, hits: 12, hitRate: 1 })
    expect(result.checkpoints[0]).toEqual({
      at: '2023-12-16',
      untilDate: '2023-12-23',
      // 12-16 (the checkpoint day, from its start) to 12-23: 8 days at 2 a day.
      forecast85Items: 16,
      actualItems: 16,
      hit: true,
    })
  })

  test('scores a hit rate near 0.85 or above when the history is steady', () => {
    const noise = createSeededRandom(99)
    const completionsMs = makeCompletions('2022-06-01', 731, () => noise.nextInt(5))
    const result = backtestHowMany({
      ...base,
      completionsMs,
      horizonDays: 10,
      checkpoints: 40,
      spacingDays: 7,
      random: createSeededRandom(3),
    })
    // The last checkpoint (a week before as-of) has no known outcome yet.
    expect(result.evaluated).toBe(39)
    expect(result.hitRate).toBeGreaterThanOrEqual(0.75)
  })

  test('leaves a checkpoint unevaluated when its last day has not ended', () => {
    const completionsMs = makeCompletions('2023-01-01', 520, () => 2)
    const result = backtestHowMany({
      ...base,
      completionsMs,
      horizonDays: 30,
      checkpoints: 1,
      spacingDays: 14,
      random: createSeededRandom(1),
    })
    expect(result.checkpoints[0]).toMatchObject({ actualItems: null, hit: null })
    expect(result.hitRate).toBeNull()
  })
})

describe('checkpoint forecasts', () => {
  const noise = createSeededRandom(5)
  const history = makeCompletions('2023-06-01', 366, () => noise.nextInt(4))
  const params = { ...base, completionsMs: history, windowDays: 60 }
  const endMs = backtestHistoryEndMs(params)
  // Completions from the history end on (the latest checkpoint day and after) plus reshuffled.
  const later = makeCompletions('2024-05-18', 14, () => 7)
  const moved = Float64Array.from([...later, ...history.filter((ms) => ms < endMs)].reverse())

  test('ends the history the checkpoints see at the start of the latest checkpoint day', () => {
    expect(new Date(endMs).toISOString()).toBe('2024-05-18T00:00:00.000Z')
  })

  test('are the same when only completions from the history end on differ', () => {
    const when = (completionsMs: Float64Array) =>
      forecastWhenCheckpoints({
        ...params,
        completionsMs,
        horizonItems: 15,
        random: createSeededRandom(9),
      })
    const howMany = (completionsMs: Float64Array) =>
      forecastHowManyCheckpoints({
        ...params,
        completionsMs,
        horizonDays: 10,
        random: createSeededRandom(9),
      })
    expect(when(moved)).toEqual(when(history))
    expect(howMany(moved)).toEqual(howMany(history))
    expect(when(history).filter((c) => c.forecast85 !== null)).toHaveLength(12)
  })

  test('differ when a completion before the history end differs', () => {
    const fewer = history.filter((ms) => ms < endMs - 20 * 86_400_000)
    const when = (completionsMs: Float64Array) =>
      forecastWhenCheckpoints({
        ...params,
        completionsMs,
        horizonItems: 15,
        random: createSeededRandom(9),
      })
    expect(when(fewer)).not.toEqual(when(history))
  })
})
