import { describe, test, expect } from 'vitest'
import { isVmoError, type VmoError } from '../errors'
import type { MappingConfig } from './mapping-config'
import { parseMappingYaml, serializeMappingYaml } from './load-mapping'

const EXAMPLE = `timezone: Europe/Berlin            # IANA zone; default UTC
flowItems:
  feature: [Story, Epic, New Feature, Improvement]
  defect: [Bug, Incident, Problem]
  risk: [Vulnerability, Security Issue]
  debt: [Tech Debt, Refactoring]
  supporting: [Sub-task, Task]
  ignored: [Test Execution]
states:
  new: [Backlog, Open, To Triage]
  waiting: [To Do, Ready, Blocked, Ready for Review]
  active: [In Progress, In Review, In QA, jira:Review]
  done: [Done, Closed, Resolved, Released]
  canceled: [Won't Do, Duplicate, Rejected]
default: { state: waiting }
rules:
  - when: { labels: security }
    flowItem: risk
  - when: { team: [payments, checkout], severity: 2 }
    states: { github:Review: waiting }
valueStreams:
  - name: Payments
    match: { project: [PAY], team: [payments] }
    distributionTarget: { feature: 0.6, defect: 0.2, risk: 0.1, debt: 0.1 }
products:                           # owned by a later feature: allowed and ignored
  - name: Checkout
`

function parseError(text: string): VmoError {
  try {
    parseMappingYaml(text, 'openvmo.yaml')
  } catch (error) {
    if (isVmoError(error, 'INVALID_CONFIG')) return error
    throw error
  }
  throw new Error('expected parseMappingYaml to throw')
}

const MINIMAL = 'flowItems:\n  feature: [Story]\nstates:\n  done: [Done]\n'

describe('parseMappingYaml', () => {
  test('the example of docs/importing.md is read when it has every key', () => {
    const config = parseMappingYaml(EXAMPLE, 'openvmo.yaml')
    expect(config.timezone).toBe('Europe/Berlin')
    expect(config.flowItems.supporting).toEqual(['Sub-task', 'Task'])
    expect(config.states.canceled).toEqual(["Won't Do", 'Duplicate', 'Rejected'])
    expect(config.defaultState).toBe('waiting')
    expect(config.defaultFlowItem).toBeUndefined()
    expect(config.rules).toEqual([
      { when: { labels: ['security'] }, flowItem: 'risk' },
      {
        when: { team: ['payments', 'checkout'], severity: ['2'] },
        states: { 'github:Review': 'waiting' },
      },
    ])
    expect(config.valueStreams[0]).toEqual({
      name: 'Payments',
      match: { project: ['PAY'], team: ['payments'] },
      distributionTarget: { feature: 0.6, defect: 0.2, risk: 0.1, debt: 0.1 },
    })
    expect(config).not.toHaveProperty('products')
  })

  test('the time zone is UTC and lists are empty when only the required keys are given', () => {
    const config = parseMappingYaml(`${MINIMAL}  canceled:\n`, 'openvmo.yaml')
    expect(config).toEqual({
      timezone: 'UTC',
      flowItems: { feature: ['Story'] },
      states: { done: ['Done'], canceled: [] },
      rules: [],
      valueStreams: [],
    })
  })

  test('a syntax error names the file, line and text when a flow list is not closed', () => {
    const error = parseError('timezone: UTC\nflowItems:\n  feature: [Story, Epic\nstates: {}\n')
    expect(error.message).toMatch(/^openvmo\.yaml:4:1: yaml syntax error near "states: \{\}"/)
    expect(error.details).toMatchObject({ file: 'openvmo.yaml', line: 4, column: 1 })
  })

  test('a duplicated key is a syntax error when a key is written twice', () => {
    const error = parseError(`${MINIMAL}states:\n  new: [Open]\n`)
    expect(error.message).toMatch(/^openvmo\.yaml:5:1: yaml syntax error near "states:": map keys/)
  })

  test('an unknown key inside a rule names its line and column when it is misspelled', () => {
    const error = parseError(
      `${MINIMAL}rules:\n  - when: { labels: security }\n    flowitem: risk\n`,
    )
    expect(error.message).toBe(
      'openvmo.yaml:7:5: "flowitem" under rules[0] is not a known key (expected when, flowItem, states, treatAs)',
    )
    expect(error.details).toMatchObject({ line: 7, column: 5, value: 'flowitem', path: 'rules[0]' })
  })

  test('an unknown flow state is refused when it is used as a key of states', () => {
    const error = parseError('flowItems: {}\nstates:\n  done: [Done]\n  doen: [Closed]\n')
    expect(error.message).toMatch(/^openvmo\.yaml:4:3: "doen" under states is not a known key/)
  })

  test('a bad flow state in a rule names the value when it is misspelled', () => {
    const error = parseError(
      `${MINIMAL}rules:\n  - when: { team: a }\n    states:\n      Review: actve\n`,
    )
    expect(error.message).toBe(
      'openvmo.yaml:8:15: "actve" under rules[0].states.Review is not a flow state (expected new, waiting, active, done, canceled)',
    )
  })

  test('a bad time zone names its line and value when it is not an IANA name', () => {
    const error = parseError(`flowItems: {}\n\ntimezone: Europe/Berln\nstates: {}\n`)
    expect(error.message).toMatch(
      /^openvmo\.yaml:3:11: "Europe\/Berln" under timezone is not an IANA/,
    )
    expect(error.details).toMatchObject({ line: 3, column: 11, value: 'Europe/Berln' })
  })

  test('a missing key is named at its parent when a value stream has no name', () => {
    const error = parseError(`${MINIMAL}valueStreams:\n  - match: { project: PAY }\n`)
    expect(error.message).toBe('openvmo.yaml:6:5: "name" under valueStreams[0] is missing')
  })

  test('every problem is listed in file order when there are several', () => {
    const error = parseError('flowItems: { feature: [{a: 1}] }\nstates: { actve: [x] }\n')
    const lines = error.message.split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(
      /^openvmo\.yaml:1:23: "\[\{a: 1\}\]" under flowItems\.feature is not a value or a list/,
    )
    expect(lines[1]).toMatch(/^openvmo\.yaml:2:11: "actve" under states is not a known key/)
  })

  test('a tool state under two flow states names both lines when mapped twice', () => {
    const error = parseError(
      'flowItems: {}\nstates:\n  done: [Done, Closed]\n  canceled:\n    - closed\n',
    )
    expect(error.message).toBe(
      'openvmo.yaml:5:7: "closed" under states.canceled is already listed under states.done at line 3:16',
    )
    expect(error.details).toMatchObject({
      line: 5,
      value: 'closed',
      first: { line: 3, column: 16 },
    })
  })

  test('qualified and unqualified names are not duplicates when they name different sources', () => {
    const text = 'flowItems: {}\nstates:\n  active: [Review]\n  waiting: [github:Review]\n'
    expect(parseMappingYaml(text, 'openvmo.yaml').states.waiting).toEqual(['github:Review'])
  })

  test('an artifact type under two flow item mappings is refused when listed twice', () => {
    const error = parseError('flowItems:\n  feature: Story\n  defect: [Bug, STORY]\nstates: {}\n')
    expect(error.message).toMatch(
      /^openvmo\.yaml:3:17: "STORY" under flowItems\.defect is already listed under flowItems\.feature at line 2:12/,
    )
  })

  test('a rule without flowItem or states is refused when it changes nothing', () => {
    const error = parseError(`${MINIMAL}rules:\n  - when: { labels: x }\n`)
    expect(error.message).toMatch(
      /^openvmo\.yaml:6:5: .* under rules\[0\] needs flowItem, states or treatAs/,
    )
  })

  test('an empty file is refused when it holds no mapping', () => {
    expect(parseError('').message).toBe(
      'openvmo.yaml:1:1: the file is empty or not a mapping of keys',
    )
  })
})

describe('mapping problems of a hostile file', () => {
  test('quote at most 120 characters of a value and list at most 100 problems, counting them all', () => {
    const error = parseError(`${'a: ['.repeat(2000)}\n`)
    const problems = error.details?.problems as { value: string; message: string }[]
    const count = error.details?.problemCount as number
    expect(count).toBeGreaterThan(100)
    expect(problems).toHaveLength(100)
    for (const problem of problems) {
      expect(problem.value.length).toBeLessThanOrEqual(121)
      expect(problem.message.length).toBeLessThan(400)
    }
    expect(JSON.stringify(error.details).length).toBeLessThan(100_000)
  })
})

describe('serializeMappingYaml', () => {
  const config: MappingConfig = {
    timezone: 'Europe/Paris',
    flowItems: { feature: ['Story', 'true', '2024'], ignored: [] },
    states: { new: ['Backlog'], active: ['jira:Review', "Won't Do"], done: ['Done'] },
    defaultFlowItem: 'feature',
    rules: [
      { when: { labels: ['security'] }, flowItem: 'risk', states: { 'jira:Review': 'waiting' } },
    ],
    valueStreams: [
      { name: 'Payments', match: { project: ['PAY'] }, distributionTarget: { feature: 1 } },
    ],
  }

  test('the text reads back to an equal config when written from scratch', () => {
    const text = serializeMappingYaml(config)
    expect(text).toContain('feature: [Story, "true", "2024"]')
    expect(parseMappingYaml(text, 'openvmo.yaml')).toEqual(config)
  })

  test('keys the mapping does not own are kept with their comments when a base text is given', () => {
    const base =
      '# our model\nproducts:\n  - name: Checkout # the shop\nstates: { new: [Old] }\nrules: []\n'
    const text = serializeMappingYaml({ ...config, rules: [] }, { base })
    expect(text).toContain('# our model')
    expect(text).toContain('- name: Checkout # the shop')
    expect(text).not.toContain('Old')
    expect(text).not.toContain('rules')
    expect(parseMappingYaml(text, 'openvmo.yaml')).toEqual({ ...config, rules: [] })
  })
})

describe('yaml alias limits', () => {
  const level = (name: string, of: string) =>
    `${name}: &${name} [${Array.from({ length: 9 }, () => `*${of}`).join(', ')}]`
  const bomb = [
    'x: &x ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    level('a', 'x'),
    level('b', 'a'),
    level('c', 'b'),
    level('d', 'c'),
    level('e', 'd'),
    level('f', 'e'),
    level('g', 'f'),
    level('h', 'g'),
  ].join('\n')

  test('refuses an alias bomb with INVALID_CONFIG naming the file when aliases expand too much', () => {
    let error: unknown
    try {
      parseMappingYaml(bomb, 'openvmo.yaml')
    } catch (caught) {
      error = caught
    }
    expect(isVmoError(error, 'INVALID_CONFIG')).toBe(true)
    expect((error as VmoError).message).toMatch(/^openvmo\.yaml:1:1: .*alias/)
  })

  test('accepts a few aliases when they stay under the limit', () => {
    const config = parseMappingYaml(
      `states:\n  done: &done [Done, Closed]\n  canceled: [Rejected]\nflowItems:\n  feature: [Story]\nx: [*done, *done]\n`,
      'openvmo.yaml',
    )
    expect(config.states.done).toEqual(['Done', 'Closed'])
  })
})
