import { describe, expect, test } from 'vitest'
import {
  analyzeExperiment,
  compileMapping,
  createFlowDataset,
  createSeededRandom,
  deriveTimelines,
  parseMappingYaml,
} from '@openvmo/core'
import { generateDemoOrganisation } from './generate-demo-organisation'
import { listDemoExperiments } from './experiment-definitions'

const AS_OF_MS = Date.UTC(2026, 11, 7, 12)

describe('the demo experiments', () => {
  const org = generateDemoOrganisation({ asOfMs: AS_OF_MS })
  const dataset = createFlowDataset(org.records)
  const mapping = compileMapping(parseMappingYaml(org.mappingYaml, 'openvmo.yaml'), dataset)
  const input = { dataset, mapping, timelines: deriveTimelines(dataset, mapping, AS_OF_MS) }
  const experiments = listDemoExperiments(org.experiments)

  test('both process changes come out supported, every target down as expected', () => {
    expect(experiments.map((e) => e.id)).toEqual(['payments-wip-limit', 'mobile-qa-automation'])
    for (const definition of experiments) {
      const report = analyzeExperiment(input, definition, { random: createSeededRandom(1) })
      expect([definition.id, report.verdict]).toEqual([definition.id, 'supported'])
      for (const target of definition.targets) {
        const effect = report.metrics.find((m) => m.metric === target.metric)?.effect
        expect(effect?.high).toBeLessThan(1)
      }
    }
  })

  test('with Customer Portal as control, the report gives its change and the net effect', () => {
    const control = { stream: 'Customer Portal', teams: [], types: [] }
    const [wipLimit] = experiments
    if (!wipLimit) throw new Error('no WIP-limit experiment')
    const report = analyzeExperiment(
      input,
      { ...wipLimit, control },
      {
        random: createSeededRandom(2),
      },
    )
    const p85 = report.metrics.find((m) => m.metric === 'flow_time_p85')
    expect(report.control?.before.completed).toBeGreaterThan(100)
    const ratio = (p85?.change.estimate ?? NaN) / (p85?.controlChange?.estimate ?? NaN)
    expect(p85?.effect.estimate).toBeCloseTo(ratio, 9)
  })
})
