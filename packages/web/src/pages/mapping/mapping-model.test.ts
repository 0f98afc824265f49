import { describe, expect, it } from 'vitest'
import { parseMappingYaml } from '@openvmo/core'
import { emitRules, emitStreams, readRules, readStreams, writeModel } from './mapping-model'

const TEXT = `# my mapping
timezone: UTC
flowItems:
  feature: [Story]
states:
  active: [In Progress]
  done: [Closed, Resolved]
  canceled: []
`

describe('rules and value streams of the workbench', () => {
  it('writes rules and streams that the mapping parser reads back as written', () => {
    const text = writeModel(TEXT, {
      rules: [
        {
          when: { resolution: ["Won't Fix", 'Duplicate'] },
          states: { Closed: 'canceled', Resolved: 'canceled' },
        },
        { when: { labels: ['security'], team: ['yes'] }, flowItem: 'risk' },
      ],
      streams: [
        {
          name: 'Payments: core',
          match: { project: ['PAY', 'true'] },
          extra: { distributionTarget: { feature: 0.7, defect: 0.3 } },
        },
      ],
    })
    expect(text.startsWith('# my mapping\n')).toBe(true)
    const parsed = parseMappingYaml(text, 'openvmo.yaml')
    expect(parsed.rules).toEqual([
      {
        when: { resolution: ["Won't Fix", 'Duplicate'] },
        states: { Closed: 'canceled', Resolved: 'canceled' },
      },
      { when: { labels: ['security'], team: ['yes'] }, flowItem: 'risk' },
    ])
    expect(parsed.valueStreams).toEqual([
      {
        name: 'Payments: core',
        match: { project: ['PAY', 'true'] },
        distributionTarget: { feature: 0.7, defect: 0.3 },
      },
    ])
    const asRecord = parsed as unknown as Record<string, unknown>
    expect(readRules(asRecord)).toEqual([
      {
        when: { resolution: ["Won't Fix", 'Duplicate'] },
        states: { Closed: 'canceled', Resolved: 'canceled' },
      },
      { when: { labels: ['security'], team: ['yes'] }, flowItem: 'risk' },
    ])
    expect(readStreams(asRecord)[0]).toEqual({
      name: 'Payments: core',
      match: { project: ['PAY', 'true'] },
      extra: { distributionTarget: { feature: 0.7, defect: 0.3 } },
    })
  })

  it('replaces the blocks on a second write and leaves them alone when not edited', () => {
    const once = writeModel(TEXT, { rules: [{ when: { team: ['a'] }, flowItem: 'debt' }] })
    const twice = writeModel(once, { rules: [] })
    expect(twice).toContain('rules: []')
    expect(twice).not.toContain('debt')
    expect(writeModel(once, {})).toBe(once)
    expect(emitRules([])).toEqual(['rules: []'])
    expect(emitStreams([])).toEqual(['valueStreams: []'])
  })
})
