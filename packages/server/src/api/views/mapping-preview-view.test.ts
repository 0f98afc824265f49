import { describe, expect, test } from 'vitest'
import { compileMapping, parseMappingYaml, roundFigures } from '@openvmo/core'
import type { FlowDataset } from '@openvmo/core'
import { computeFlowMetricsReport, deriveTimelines } from '../engine'
import { TEST_MAPPING_YAML, createTestApp } from '../api-test-fixture'
import { ALL_ITEMS } from './mapping-preview-view'

const RANGE = { from: '2024-01-01', to: '2024-04-01', period: 'week' as const }
const BUGS_AS_FEATURES = TEST_MAPPING_YAML.replace(
  'feature: [Story, Epic]',
  'feature: [Story, Epic, Bug]',
).replace('defect: [Bug]', 'defect: []')

/** Each stream's total under `yaml`, computed afresh from the dataset, rounded as the API is. */
function totals(dataset: FlowDataset, yaml: string, asOfMs: number) {
  const mapping = compileMapping(parseMappingYaml(yaml, 'openvmo.yaml'), dataset)
  const input = { dataset, mapping, timelines: deriveTimelines(dataset, mapping, asOfMs) }
  const streams = [ALL_ITEMS, ...mapping.valueStreams.map((s) => s.name)]
  return streams.map((stream) => {
    const scope = stream === ALL_ITEMS ? {} : { valueStream: stream }
    const report = computeFlowMetricsReport(input, { ...RANGE, scope, timezone: 'UTC' })
    return JSON.parse(JSON.stringify(roundFigures(report.total))) as unknown
  })
}

describe('mapping preview', () => {
  test('equals the figures computed afresh when texts and as-of instants repeat', async () => {
    const { app, store } = await createTestApp()
    const dataset = await store.loadFlowDataset()
    const asOfs = ['2024-03-20T10:00:00Z', '2024-03-01T08:00:00Z', '2024-03-20T10:30:00Z']
    for (const asOf of asOfs) {
      for (const yaml of [TEST_MAPPING_YAML, BUGS_AS_FEATURES, TEST_MAPPING_YAML]) {
        const query = `from=${RANGE.from}&to=${RANGE.to}&period=week&asOf=${asOf}`
        const res = await app.request(`/api/v1/mapping/preview?${query}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ yaml }),
        })
        const body = (await res.json()) as { streams: { before: unknown; after: unknown }[] }
        const asOfMs = Date.parse(asOf)
        expect(body.streams.map((s) => s.before)).toEqual(
          totals(dataset, TEST_MAPPING_YAML, asOfMs),
        )
        expect(body.streams.map((s) => s.after)).toEqual(totals(dataset, yaml, asOfMs))
      }
    }
  })
})
