import { describe, expect, test } from 'vitest'
import type { WorkItemRecord } from '../model/work-item-record'
import { createFlowDataset } from '../model/flow-dataset'
import { compileMapping } from './compile-mapping'
import { deriveTimelines } from '../engine/timelines'
import { computeFlowMetricsReport } from '../metrics/flow-metrics-report'
import { TEST_MAPPING } from '../testing/make-work-item'
import type { MappingConfig } from './mapping-config'
import { applyLabelStates } from './label-states'
import { parseMappingYaml, serializeMappingYaml } from './load-mapping'

const day = (d: number, h = 0) =>
  `2024-01-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`

// A GitHub-style issue: open the whole time until closed, its workflow in `status:` labels.
const issue: WorkItemRecord = {
  source: 'github',
  key: 'acme/pay#1',
  type: 'Story',
  created: day(1),
  status: 'Closed',
  labels: ['bug', 'status: done'],
  changes: [
    { at: day(2), field: 'label', from: null, to: 'status: ready' },
    { at: day(3), field: 'label', from: null, to: 'status: in progress' },
    { at: day(3), field: 'label', from: 'status: ready', to: null },
    { at: day(5), field: 'label', from: 'status: in progress', to: null },
    { at: day(5), field: 'label', from: null, to: 'status: ready' },
    { at: day(6), field: 'label', from: 'status: ready', to: null },
    { at: day(6), field: 'label', from: null, to: 'status: in progress' },
    { at: day(8), field: 'status', from: 'Open', to: 'Closed' },
    { at: day(8), field: 'label', from: null, to: 'status: done' },
  ],
}

const MAPPING: MappingConfig = {
  ...TEST_MAPPING,
  states: {
    new: ['Open'],
    waiting: ['ready'],
    active: ['in progress'],
    done: ['Closed', 'done'],
    canceled: [],
  },
  labelStates: { prefix: 'status:' },
}

describe('labels as states', () => {
  test('the label history becomes the status history; a closed status wins over a left label', () => {
    const mapped = applyLabelStates(issue, MAPPING)
    expect(mapped.changes.filter((c) => c.field === 'status')).toEqual([
      { at: day(2), field: 'status', from: 'Open', to: 'ready' },
      { at: day(3), field: 'status', from: 'ready', to: 'in progress' },
      { at: day(5), field: 'status', from: 'in progress', to: 'ready' },
      { at: day(6), field: 'status', from: 'ready', to: 'in progress' },
      { at: day(8), field: 'status', from: 'in progress', to: 'Closed' },
    ])
    expect(mapped.status).toBe('Closed')
    // the label changes stay
    expect(mapped.changes.filter((c) => c.field === 'label')).toHaveLength(8)
  })

  test('the metrics read the label states: flow time and efficiency from the labels', () => {
    const measure = (config: MappingConfig) => {
      const dataset = createFlowDataset([applyLabelStates(issue, config)])
      const mapping = compileMapping(config, dataset)
      const input = {
        dataset,
        mapping,
        timelines: deriveTimelines(dataset, mapping, Date.parse(day(20))),
      }
      return computeFlowMetricsReport(input, {
        from: '2024-01-01',
        to: '2024-01-15',
        period: 'week',
      }).total
    }
    const withLabels = measure(MAPPING)
    // started Jan 2 (ready), done Jan 8: 6 days; active Jan 3-5 and Jan 6-8: 4 days
    expect(withLabels.flowTime?.p50).toBeCloseTo(6, 6)
    expect(withLabels.flowEfficiency.pooled).toBeCloseTo(4 / 6, 6)
    const { labelStates: _ignored, ...without } = MAPPING
    const recorded = measure(without)
    // without the rule: open until closed, so done without start (flow time 0)
    expect(recorded.flowTime?.p50).toBe(0)
  })

  test('Jira-style label sets, names without a prefix, and sources', () => {
    const jira: WorkItemRecord = {
      source: 'jira',
      key: 'OPS-1',
      type: 'Story',
      created: day(1),
      status: 'Open',
      labels: ['platform', 'doing'],
      changes: [
        { at: day(2), field: 'labels', from: 'platform', to: 'platform todo' },
        { at: day(4), field: 'labels', from: 'platform todo', to: 'doing platform' },
      ],
    }
    const config = { ...MAPPING, labelStates: { names: ['todo', 'doing'], sources: ['jira'] } }
    expect(
      applyLabelStates(jira, config)
        .changes.filter((c) => c.field === 'status')
        .map((c) => c.to),
    ).toEqual(['todo', 'doing'])
    expect(applyLabelStates(issue, config)).toBe(issue)
  })

  test('reads and writes labelStates in openvmo.yaml, and refuses one that names no label', () => {
    const yaml = serializeMappingYaml(MAPPING)
    expect(yaml).toContain('labelStates:')
    expect(parseMappingYaml(yaml, 'openvmo.yaml')).toEqual(MAPPING)
    const base = serializeMappingYaml(TEST_MAPPING)
    expect(() =>
      parseMappingYaml(`${base}labelStates: { sources: [github] }\n`, 'openvmo.yaml'),
    ).toThrow(/labelStates needs prefix or names/)
  })
})
