import { describe, expect, test } from 'vitest'
import {
  backtestWhen,
  compileMapping,
  createSeededRandom,
  parseMappingYaml,
  roundFigures,
} from '@openvmo/core'
import { deriveTimelines, selectItems } from '../engine'
import { TEST_MAPPING_YAML, createTestApp } from '../api-test-fixture'
import { FORECAST_SEED, completionInstants } from './forecast-views'

// A day, later that day (an item completes at noon in between), earlier days, back again: the
// scores differ from day to day.
const AS_OF = [
  '2024-03-20T10:00:00Z',
  '2024-03-20T15:00:00Z',
  '2024-03-15T09:00:00Z',
  '2024-03-08T10:00:00Z',
  '2024-03-20T11:00:00Z',
]

describe('when forecast', () => {
  test('scores the backtest as computed afresh when as-of instants repeat a day', async () => {
    const { app, store } = await createTestApp()
    const dataset = await store.loadFlowDataset()
    const mapping = compileMapping(parseMappingYaml(TEST_MAPPING_YAML, 'openvmo.yaml'), dataset)
    for (const asOf of AS_OF) {
      const res = await app.request(`/api/v1/forecasts/when?stream=Payments&items=3&asOf=${asOf}`)
      const body = (await res.json()) as { backtest: unknown }
      const asOfMs = Date.parse(asOf)
      const input = { dataset, mapping, timelines: deriveTimelines(dataset, mapping, asOfMs) }
      const selection = selectItems(dataset, mapping, { valueStream: 'Payments' })
      const direct = backtestWhen({
        completionsMs: completionInstants(input, selection),
        asOfMs,
        timezone: 'UTC',
        horizonItems: 3,
        random: createSeededRandom(FORECAST_SEED),
      })
      const { evaluated, hits, hitRate } = roundFigures(direct)
      expect(body.backtest, asOf).toEqual({ evaluated, hits, hitRate })
      expect(evaluated, asOf).toBeGreaterThan(0)
    }
  })
})
