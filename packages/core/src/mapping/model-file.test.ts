import { describe, expect, test } from 'vitest'
import { VmoError } from '../errors'
import { parseMappingYaml } from './load-mapping'
import { extractModelFile, replaceModelFile } from './model-file'

const MAPPING = `flowItems: { feature: [Story] }
states: { active: [In Progress], done: [Done] }
rules:
  - when: { labels: security }
    flowItem: feature
valueStreams:
  - name: Payments # the card business
    match: { team: [pay] }
teams:
  - { name: pay, stream: Payments }
businessResults: [] # kept
`

describe('model files', () => {
  test('hold the value streams, products, teams and customers of the mapping, nothing else', () => {
    const model = extractModelFile(MAPPING)
    expect(model).toContain('the card business')
    expect(model).toContain('name: pay')
    expect(model).not.toMatch(/states|rules|businessResults/)
  })

  test('an import replaces the model and keeps the rest of the mapping', () => {
    const model = `valueStreams:
  - name: Payments
    match: { team: [pay, fraud] }
  - name: Lending
    match: { team: loan }
customers:
  - { name: Globex, streams: [Payments] }
`
    const next = replaceModelFile(MAPPING, model, 'model.yaml')
    const config = parseMappingYaml(next, 'x')
    expect(config.valueStreams.map((s) => s.name)).toEqual(['Payments', 'Lending'])
    expect(config.rules).toHaveLength(1)
    expect(next).toContain('businessResults: [] # kept')
    expect(next).toContain('Globex')
    // the file is the whole model: teams it does not list are gone
    expect(next).not.toContain('teams:')
  })

  test('an import of the exported model changes nothing', () => {
    const next = replaceModelFile(MAPPING, extractModelFile(MAPPING), 'model.yaml')
    expect(parseMappingYaml(next, 'x')).toEqual(parseMappingYaml(MAPPING, 'x'))
  })

  test('refuses another key, or a team without a name, at its line', () => {
    const problem = (text: string) => {
      try {
        replaceModelFile(MAPPING, text, 'model.yaml')
      } catch (error) {
        if (error instanceof VmoError) return error.message
      }
      return 'accepted'
    }
    expect(problem('states: { done: [Backlog] }\n')).toMatch(
      /^model\.yaml:1:1: .*is not a known key/,
    )
    expect(problem('teams:\n  - { stream: Payments }\n')).toMatch(
      /^model\.yaml:2:\d+: .*name.*is missing/,
    )
  })
})
