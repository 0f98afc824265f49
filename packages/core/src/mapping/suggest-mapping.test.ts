import { describe, test, expect } from 'vitest'
import { createFlowDataset } from '../model/flow-dataset'
import { suggestMapping } from './suggest-mapping'
import { renderSuggestedMappingYaml } from './render-suggested-mapping'
import { parseMappingYaml } from './load-mapping'
import { compileMapping } from './compile-mapping'
import { suggestStateByName, suggestTypeByName } from './suggestion-vocabulary'
import { record } from './mapping-test-records'

describe('suggestStateByName', () => {
  test.each([
    ['Backlog', 'new'],
    ['To Triage', 'new'],
    ['Selected for Development', 'waiting'],
    ['Awaiting Deployment', 'waiting'],
    ['Ready for QA', 'waiting'],
    ['On Hold', 'waiting'],
    ['Code Review', 'active'],
    ['IN_PROGRESS', 'active'],
    ['Done', 'done'],
    ['Deployed', 'done'],
    ["Won't Do", 'canceled'],
    ['wont-fix', 'canceled'],
    ['Cancelled', 'canceled'],
    ['Closed - Duplicate', 'canceled'],
    ['Dev In Progress', 'active'],
  ])('%s is suggested as %s when the name says so', (name, state) => {
    expect(suggestStateByName(name)).toBe(state)
  })

  test('no state is suggested when the name says nothing known', () => {
    expect(suggestStateByName('Gate 3')).toBeUndefined()
    expect(suggestStateByName('Reopened')).toBeUndefined()
  })
})

describe('suggestTypeByName', () => {
  test.each([
    ['Bug', 'defect'],
    ['Production Incident', 'defect'],
    ['User Story', 'feature'],
    ['New Feature', 'feature'],
    ['Security Vulnerability', 'risk'],
    ['Technical Debt', 'debt'],
    ['Chore', 'debt'],
    ['Sub-task', 'supporting'],
    ['Technical task', 'supporting'],
  ])('%s is suggested as %s when the name says so', (name, mapping) => {
    expect(suggestTypeByName(name)).toBe(mapping)
  })
})

describe('suggestMapping', () => {
  const dataset = createFlowDataset([
    record('A-1', { path: ['Intake', 'Gate 2', 'Live'], resolved: '2024-01-04T00:00:00Z' }),
    record('A-2', { path: ['Intake', 'Gate 2', 'Live'], resolved: '2024-01-04T00:00:00Z' }),
    record('A-3', { path: ['Intake', 'In Review', 'Gate 2'], type: 'Bug' }),
    record('A-4', { path: ['Intake'], type: 'Spike' }),
    record('g#1', { source: 'github', path: ['Backlog', 'In Review', 'Live'], type: 'bug' }),
  ])
  const suggestion = suggestMapping(dataset)

  test('every status is listed in order of first appearance with its item count', () => {
    const listed = suggestion.statuses.map(
      ({ source, name, items }) => `${source}:${name}:${items}`,
    )
    expect(listed).toEqual([
      'jira:Intake:4',
      'jira:Gate 2:3',
      'jira:Live:2',
      'jira:In Review:1',
      'github:Backlog:1',
      'github:In Review:1',
      'github:Live:1',
    ])
  })

  test('a status gets its state by position when its name says nothing', () => {
    const byName = Object.fromEntries(
      suggestion.statuses.map((value) => [`${value.source}:${value.name}`, value]),
    )
    expect(byName['jira:Intake']).toMatchObject({ suggested: 'new', by: 'position' })
    expect(byName['jira:Live']).toMatchObject({ suggested: 'done', by: 'position' })
    expect(byName['jira:Gate 2']).toMatchObject({ suggested: 'active', by: 'fallback' })
    expect(byName['jira:In Review']).toMatchObject({ suggested: 'active', by: 'name' })
  })

  test('one name gets one entry when every source agrees, and qualified entries when they differ', () => {
    expect(suggestion.config.states.active).toEqual(['Gate 2', 'In Review', 'github:Live'])
    expect(suggestion.config.states.done).toEqual(['jira:Live'])
    const github = suggestion.statuses.find((value) => value.entry === 'github:Live')
    expect(github).toMatchObject({ suggested: 'active', by: 'fallback' })
  })

  test('types are suggested by name with a feature fallback when the name is unknown', () => {
    expect(suggestion.types.map(({ name, suggested, by }) => [name, suggested, by])).toEqual([
      ['Story', 'feature', 'name'],
      ['Bug', 'defect', 'name'],
      ['Spike', 'feature', 'fallback'],
      ['bug', 'defect', 'name'],
    ])
    expect(suggestion.config.flowItems).toMatchObject({
      feature: ['Story', 'Spike'],
      defect: ['Bug'],
    })
  })

  test('the rendered YAML reads back to the suggested config when parsed', () => {
    const text = renderSuggestedMappingYaml(suggestion)
    expect(parseMappingYaml(text, 'openvmo.yaml')).toEqual(suggestion.config)
    expect(() => compileMapping(suggestion.config, dataset)).not.toThrow()
  })

  test('each rendered value carries its count and basis when rendered', () => {
    const text = renderSuggestedMappingYaml(suggestion)
    expect(text).toContain('- In Review # 2 items in jira, github, suggested by name')
    expect(text).toContain('- Intake # 4 items, suggested by position in item histories')
    expect(text).toContain('- Spike # 1 item, not a known type name: review')
    expect(text).toContain('risk: []')
  })

  test('counts are written with thousands separators when large', () => {
    const many = Array.from({ length: 1234 }, (_, index) => record(`A-${index}`))
    const text = renderSuggestedMappingYaml(suggestMapping(createFlowDataset(many)))
    expect(text).toContain('- In Progress # 1,234 items, suggested by name')
  })
})

describe('suggestMapping with the tool status categories', () => {
  test("takes the tool's category when the name says nothing, and the name when it does", () => {
    const dataset = createFlowDataset([
      record('A-1', { path: ['Backlog', 'Zuerst', 'Erledigt'] }),
      record('A-2', { path: ['Backlog', 'Zuerst'] }),
    ])
    const hints = [
      { source: 'jira', name: 'erledigt', state: 'done' as const },
      { source: 'jira', name: 'Zuerst', state: 'active' as const },
      { source: 'github', name: 'Backlog', state: 'done' as const },
    ]
    const suggestion = suggestMapping(dataset, { statusHints: hints })
    const by = Object.fromEntries(suggestion.statuses.map((s) => [s.name, [s.suggested, s.by]]))
    expect(by.Erledigt).toEqual(['done', 'tool'])
    expect(by.Zuerst).toEqual(['active', 'tool'])
    expect(by.Backlog).toEqual(['new', 'name'])
    expect(renderSuggestedMappingYaml(suggestion)).toContain(
      "suggested by the tool's status category",
    )
  })
})
