import { describe, expect, test } from 'vitest'
import { compileMapping, makeWorkItem, parseMappingYaml, roundFigures } from '@openvmo/core'
import type { FlowDataset, PeriodMetrics } from '@openvmo/core'
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

describe('mapping preview of a rule for data-quality findings', () => {
  test('shows the findings it treats and the metrics it changes', async () => {
    const { app, store } = await createTestApp()
    // closed without a resolution: Done since creation, no history
    await store.importRecords([
      makeWorkItem({
        key: 'PAY-500',
        project: 'PAY',
        created: '2024-02-05T00:00:00Z',
        initialStatus: 'Done',
      }),
    ])
    const yaml = `${TEST_MAPPING_YAML}rules:\n  - when: { finding: closed_without_resolution }\n    treatAs: excluded\n`
    const query = `from=${RANGE.from}&to=${RANGE.to}&period=week&asOf=2024-03-20T10:00:00Z`
    const res = await app.request(`/api/v1/mapping/preview?${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ yaml }),
    })
    const body = (await res.json()) as {
      valid: boolean
      streams: { stream: string; before: PeriodMetrics; after: PeriodMetrics }[]
      findings: { flag: string; before: number; after: number }[]
    }
    expect(body.valid).toBe(true)
    const flags = Object.fromEntries(body.findings.map((f) => [f.flag, [f.before, f.after]]))
    expect(flags.closed_without_resolution).toEqual([1, 1])
    expect(flags.excluded_by_rule).toEqual([0, 1])
    for (const name of [ALL_ITEMS, 'Payments']) {
      const stream = body.streams.find((s) => s.stream === name)
      expect(stream?.after.velocity.total).toBe((stream?.before.velocity.total ?? 0) - 1)
    }
    const mobile = body.streams.find((s) => s.stream === 'Mobile')
    expect(mobile?.after.velocity.total).toBe(mobile?.before.velocity.total)
  })
})
