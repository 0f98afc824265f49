import { describe, expect, test } from 'vitest'
import { makeWorkItem } from '../testing/make-work-item'
import { at, finished } from '../testing/finished-items'
import { createFlowFixture } from '../testing/flow-fixture'
import { parseInstant } from '../time/instant'
import { makeThroughput } from '../forecast/forecast-fixtures'
import { bulkCloseWarning, listBulkCloseInstants } from './bulk-close-warning'
import { forecastOneItem } from './item-forecast'
import { forecastItemSet } from './roll-up-forecast'
import { forecastScopeHowMany, forecastScopeWhen } from './scope-forecasts'
import { selectItems } from './selection'

// 2 items a day from Jan 2 to Jan 21, then 12 closed 20 seconds apart on Jan 25 (a bulk close).
const normal = Array.from({ length: 20 }, (_, d) =>
  finished(`N${d}`, 2, [Date.parse(at(2 + d)), 3_600_000]),
).flat()
const burst = finished('B', 12, [Date.parse(at(25)), 20_000])
const waiting = makeWorkItem({ key: 'W-1', path: [] })
const input = createFlowFixture([...normal, ...burst, waiting], '2024-03-01T00:00:00Z')

describe('bulk closes in forecast samples', () => {
  test('lists the completions of bulk closes, as the bulk_close finding flags them', () => {
    const bulk = listBulkCloseInstants(input, selectItems(input.dataset, input.mapping))
    expect(Array.from(bulk)).toEqual(burst.map((_, k) => Date.parse(at(25)) + k * 20_000))
  })

  test('warns in when and how-many forecasts whose sample holds a bulk close', () => {
    const expected = {
      code: 'bulk_close_in_sample',
      message: expect.stringMatching(
        /^12 of the 52 completions in the throughput sample were closed in bulk \(12 on 2024-01-25\): they inflate throughput/,
      ) as string,
    }
    expect(forecastScopeWhen(input, { items: 10, trials: 200 }).warnings).toContainEqual(expected)
    const howMany = forecastScopeHowMany(input, { untilDate: '2024-03-20', trials: 200 })
    expect(howMany.warnings).toContainEqual(expected)
  })

  test('warns in the forecast of an item not started, from its queue throughput', () => {
    const w = input.dataset.itemKey.indexOf('W-1')
    const result = forecastOneItem(input, { item: w, trials: 200 })
    expect(result.kind === 'forecast' && result.warnings.map((x) => x.code)).toEqual([
      'bulk_close_in_sample',
    ])
  })

  test('warns once in a set forecast whose open items wait on a stream with a bulk close', () => {
    const w = input.dataset.itemKey.indexOf('W-1')
    const { forecast } = forecastItemSet(input, { items: [w], delivery: new Map(), trials: 200 })
    expect(forecast.kind === 'forecast' && forecast.warnings.map((x) => x.code)).toEqual([
      'nothing_started',
      'bulk_close_in_sample',
    ])
  })

  test('leaves out bulk closes outside the sample window and names at most five days', () => {
    const throughput = makeThroughput(Array(30).fill(1), '2024-03-01') // Jan 31 to Feb 29
    const asOf = { asOfMs: parseInstant('2024-03-01T00:00:00Z'), timezone: 'UTC' }
    const outside = Float64Array.of(parseInstant('2024-01-30T12:00:00Z'), asOf.asOfMs)
    expect(bulkCloseWarning(outside, throughput, asOf)).toBeUndefined()
    const days = [2, 3, 4, 5, 6, 7].map((d) => parseInstant(`2024-02-0${d}T12:00:00Z`))
    const warning = bulkCloseWarning(Float64Array.from([days[0]!, ...days]), throughput, asOf)
    expect(warning?.message).toMatch(
      /^7 of the 30 completions .*\(2 on 2024-02-02, 1 on 2024-02-03, .*, 1 on 2024-02-06 and 1 more day\)/,
    )
  })

  test('says nothing when the sample holds no bulk close', () => {
    const calm = createFlowFixture([...normal, waiting], '2024-03-01T00:00:00Z')
    const codes = forecastScopeWhen(calm, { items: 10, trials: 200 }).warnings.map((w) => w.code)
    expect(codes).not.toContain('bulk_close_in_sample')
  })
})
