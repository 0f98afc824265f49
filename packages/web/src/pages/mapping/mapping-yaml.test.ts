import { expect, test } from 'vitest'
import { readAssignments, replaceTopLevelBlock, writeAssignments, yamlScalar } from './mapping-yaml'

const FILE = `# openvmo mapping
timezone: Europe/Berlin
flowItems:   # by artifact type
  feature: [Story, Epic]
  defect: Bug

states:
  new: [Backlog]
  done: [Done, "Won't Do"]
# streams below
valueStreams:
  - name: Payments
    match: { project: [PAY] }
`

test('reads lists, single values and empty entries of a parsed mapping', () => {
  const parsed = {
    flowItems: { feature: ['Story', 'Epic'], defect: 'Bug', debt: null },
    states: { done: ['Done'] },
  }
  const { types, states } = readAssignments(parsed)
  expect([...types]).toEqual([
    ['Story', 'feature'],
    ['Epic', 'feature'],
    ['Bug', 'defect'],
  ])
  expect([...states]).toEqual([['Done', 'done']])
  expect(readAssignments(null).types.size).toBe(0)
})

test('rewrites flowItems and states and keeps every other line when assignments change', () => {
  const types = new Map([
    ['Story', 'feature'],
    ['Epic', 'feature'],
    ['Bug', 'defect'],
    ['Tech Debt', 'debt'],
  ] as const)
  const states = new Map([
    ['Backlog', 'new'],
    ['In Progress', 'active'],
    ['Done', 'done'],
  ] as const)
  const out = writeAssignments(FILE, new Map(types), new Map(states))
  expect(out).toBe(`# openvmo mapping
timezone: Europe/Berlin
flowItems:
  feature: [Story, Epic]
  defect: [Bug]
  debt: [Tech Debt]

states:
  new: [Backlog]
  active: [In Progress]
  done: [Done]
# streams below
valueStreams:
  - name: Payments
    match: { project: [PAY] }
`)
})

test('appends a section when the file has none', () => {
  expect(replaceTopLevelBlock('timezone: UTC\n', 'states', ['states:', '  new: [Open]'])).toBe(
    'timezone: UTC\nstates:\n  new: [Open]\n',
  )
  expect(replaceTopLevelBlock('', 'states', ['states: {}'])).toBe('states: {}\n')
})

test('quotes names YAML would misread when writing a value', () => {
  expect(yamlScalar('In Progress')).toBe('In Progress')
  expect(yamlScalar("Won't Do")).toBe("Won't Do")
  expect(yamlScalar('jira:Review')).toBe('"jira:Review"')
  expect(yamlScalar('yes')).toBe('"yes"')
  expect(yamlScalar('2024')).toBe('"2024"')
  expect(yamlScalar('[WIP]')).toBe('"[WIP]"')
})
