import { describe, expect, test } from 'vitest'
import { parseMappingYaml } from './load-mapping'
import { findUnmappedNames } from './unmapped-names'

const CONFIG = parseMappingYaml(
  `flowItems:\n  feature: [Story]\n  defect: [github:bug]\nstates:\n  new: [Backlog]\n  active: [In Progress]\n  done: [Done]\nrules:\n  - when: { labels: x }\n    states: { Parked: waiting }\n`,
  'openvmo.yaml',
)

describe('findUnmappedNames', () => {
  test('reports values no list, default or rule maps, case-insensitively and by source', () => {
    const found = findUnmappedNames(CONFIG, [
      { kind: 'status', source: 'jira', name: 'in progress', items: 4 },
      { kind: 'status', source: 'jira', name: 'Weird Status', items: 1 },
      { kind: 'status', source: 'jira', name: 'Parked', items: 2 },
      { kind: 'type', source: 'github', name: 'Bug', items: 3 },
      { kind: 'type', source: 'jira', name: 'Bug', items: 5 },
    ])
    expect(found).toEqual({
      states: [{ source: 'jira', name: 'Weird Status', items: 1 }],
      types: [{ source: 'jira', name: 'Bug', items: 5 }],
    })
  })

  test('reports nothing when an explicit default maps every status', () => {
    const config = { ...CONFIG, defaultState: 'waiting' as const }
    const used = [{ kind: 'status' as const, source: 'jira', name: 'Anything', items: 1 }]
    expect(findUnmappedNames(config, used).states).toEqual([])
  })
})
