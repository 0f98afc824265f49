import { describe, expect, test } from 'vitest'
import { makeWorkItem, TEST_MAPPING } from '../testing/make-work-item'
import { at, finished } from '../testing/finished-items'
import { createFlowFixture, itemIndex } from '../testing/flow-fixture'
import { computeFlowMetricsReport } from '../metrics/flow-metrics-report'
import { computeDataQuality } from '../metrics/data-quality'
import { selectItems } from '../engine/selection'
import { createTimelineDeriver } from '../engine/timeline-deriver'
import { deriveTimelines } from '../engine/timelines'
import { STATE_CANCELED } from '../model/flow-vocabulary'
import { QUALITY_FLAGS } from '../model/data-quality-flags'
import type { MappingConfig, MappingRule } from './mapping-config'
import { parseMappingYaml, serializeMappingYaml } from './load-mapping'
import { VmoError } from '../errors'

// A normal pace (2 a day for 20 days), a bulk close of 12 on Jan 25 (project OPS), an item closed
// without a resolution (Done since creation, no history) and one resolved before it was created.
const normal = Array.from({ length: 20 }, (_, d) =>
  finished(`N${d}`, 2, [Date.parse(at(2 + d)), 3_600_000]),
).flat()
const burst = finished('B', 12, [Date.parse(at(25)), 20_000]).map((r) => ({
  ...r,
  project: 'OPS',
}))
const closedAtCreation = makeWorkItem({
  key: 'CWR',
  created: at(10),
  initialStatus: 'Done',
  path: [],
})
const resolvedBefore = makeWorkItem({
  key: 'RBC',
  created: at(12),
  resolved: at(11),
  path: [[at(12, 5), 'Done']],
})
const records = [...normal, ...burst, closedAtCreation, resolvedBefore]

function withRules(...rules: MappingRule[]): MappingConfig {
  return { ...TEST_MAPPING, rules }
}

function velocityOf(config: MappingConfig) {
  const input = createFlowFixture(records, '2024-03-01T00:00:00Z', config)
  const report = computeFlowMetricsReport(input, {
    from: '2024-01-01',
    to: '2024-02-26',
    period: 'week',
  })
  return { input, velocity: report.total.velocity.total }
}

describe('rules that treat data-quality findings', () => {
  test('without a rule every finding counts as recorded', () => {
    // 40 normal + 12 bulk + CWR + RBC
    expect(velocityOf(TEST_MAPPING).velocity).toBe(54)
  })

  test('treatAs canceled takes a bulk close out of velocity and ends its items canceled', () => {
    const { input, velocity } = velocityOf(
      withRules({ when: {}, findings: ['bulk_close'], treatAs: 'canceled' }),
    )
    expect(velocity).toBe(42)
    const b = itemIndex(input, 'B-3')
    expect(input.timelines.endState[b]).toBe(STATE_CANCELED)
    expect(input.timelines.quality[b]! & QUALITY_FLAGS.canceled_by_rule).not.toBe(0)
    const report = computeDataQuality(input, selectItems(input.dataset, input.mapping))
    expect(report.findings.find((f) => f.flag === 'canceled_by_rule')?.items).toBe(12)
    expect(report.findings.find((f) => f.flag === 'bulk_close')?.items).toBe(12)
  })

  test('treatAs excluded leaves items closed without a resolution out of every figure', () => {
    const { input, velocity } = velocityOf(
      withRules({ when: {}, findings: ['closed_without_resolution'], treatAs: 'excluded' }),
    )
    expect(velocity).toBe(53)
    const i = itemIndex(input, 'CWR')
    expect(input.timelines.included[i]).toBe(0)
    const report = computeDataQuality(input, selectItems(input.dataset, input.mapping))
    expect(report.items.find((item) => item.key === 'CWR')?.flags).toContain('excluded_by_rule')
  })

  test('resolved before created can be treated apart from the other findings', () => {
    const { input, velocity } = velocityOf(
      withRules({ when: {}, findings: ['resolved_before_created'], treatAs: 'canceled' }),
    )
    expect(velocity).toBe(53)
    expect(input.timelines.endState[itemIndex(input, 'RBC')]).toBe(STATE_CANCELED)
  })

  test('the when fields narrow a rule, and the first rule naming a finding decides', () => {
    const opsOnly = withRules(
      { when: { project: 'PAY' }, findings: ['bulk_close'], treatAs: 'recorded' },
      { when: { project: 'OPS' }, findings: ['bulk_close'], treatAs: 'excluded' },
    )
    expect(velocityOf(opsOnly).velocity).toBe(42)
    const exempt = withRules(
      { when: { project: 'OPS' }, findings: ['bulk_close'], treatAs: 'recorded' },
      { when: {}, findings: ['bulk_close'], treatAs: 'excluded' },
    )
    expect(velocityOf(exempt).velocity).toBe(54)
  })

  test('every as-of time treats the same items (the incremental deriver agrees)', () => {
    const config = withRules({ when: {}, findings: ['bulk_close'], treatAs: 'canceled' })
    const { input } = velocityOf(config)
    const deriver = createTimelineDeriver(input.dataset, input.mapping)
    for (const asOf of [at(24), at(25, 2), at(26), '2024-03-01T00:00:00Z']) {
      const full = deriveTimelines(input.dataset, input.mapping, Date.parse(asOf))
      const quick = deriver.derive(Date.parse(asOf))
      expect(Array.from(quick.endState)).toEqual(Array.from(full.endState))
      expect(Array.from(quick.quality)).toEqual(Array.from(full.quality))
    }
  })
})

describe('treatAs in openvmo.yaml', () => {
  const base = serializeMappingYaml(TEST_MAPPING)

  test('reads when.finding and treatAs, and writes them back', () => {
    const yaml = `${base}rules:\n  - when: { finding: [bulk_close, done_without_start], project: OPS }\n    treatAs: canceled\n`
    const config = parseMappingYaml(yaml, 'openvmo.yaml')
    expect(config.rules).toEqual([
      {
        when: { project: ['OPS'] },
        findings: ['bulk_close', 'done_without_start'],
        treatAs: 'canceled',
      },
    ])
    expect(parseMappingYaml(serializeMappingYaml(config), 'openvmo.yaml')).toEqual(config)
  })

  test.each([
    ['  - when: { project: OPS }\n    treatAs: canceled\n', 'needs when.finding'],
    [
      '  - when: { finding: stale }\n    treatAs: canceled\n',
      '"stale" under rules[0].when.finding is not a finding a rule can treat',
    ],
    ['  - when: { finding: bulk_close }\n    flowItem: risk\n', 'is only for rules with treatAs'],
    [
      '  - when: { finding: bulk_close }\n    treatAs: deleted\n',
      'is not a treatment (expected recorded, canceled, excluded)',
    ],
  ])('refuses %j', (rule, message) => {
    const yaml = `${base}rules:\n${rule}`
    let error: unknown
    try {
      parseMappingYaml(yaml, 'openvmo.yaml')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(VmoError)
    expect((error as VmoError).message).toContain(message)
    expect((error as VmoError).message).toMatch(/^openvmo\.yaml:\d+:\d+: /)
  })
})
