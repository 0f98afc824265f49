import { describe, test, expect } from 'vitest'
import { createFlowDataset, type FlowDataset } from '../model/flow-dataset'
import { qualify } from '../model/dictionary'
import { FLOW_ITEM_MAPPINGS, FLOW_STATES } from '../model/flow-vocabulary'
import { isVmoError } from '../errors'
import { NO_OVERRIDE, type CompiledMapping, type MappingConfig } from './mapping-config'
import { compileMapping } from './compile-mapping'
import { record } from './mapping-test-records'

const BASE: MappingConfig = {
  timezone: 'UTC',
  flowItems: { feature: ['Story'], defect: ['Bug'] },
  states: { new: ['Backlog'], active: ['In Progress'], done: ['Done'] },
  rules: [],
  valueStreams: [],
}

function stateOf(
  compiled: CompiledMapping,
  dataset: FlowDataset,
  at: { source?: string; status: string; item?: number },
) {
  const id = dataset.statuses.find(qualify(at.source ?? 'jira', at.status))
  const table = compiled.stateTables[compiled.itemStateTable[at.item ?? 0]!]!
  return FLOW_STATES[table[id]!]
}

function typeOf(compiled: CompiledMapping, dataset: FlowDataset, name: string) {
  return FLOW_ITEM_MAPPINGS[compiled.typeMapping[dataset.types.find(qualify('jira', name))]!]
}

function overrideOf(compiled: CompiledMapping, item: number) {
  const index = compiled.itemFlowItemOverride[item]!
  return index === NO_OVERRIDE ? undefined : FLOW_ITEM_MAPPINGS[index]
}

function compileError(config: MappingConfig, dataset: FlowDataset) {
  try {
    compileMapping(config, dataset)
  } catch (error) {
    if (isVmoError(error)) return error
    throw error
  }
  throw new Error('expected compileMapping to throw')
}

describe('compileMapping', () => {
  test('names match case-insensitively when the tool spells them differently', () => {
    const dataset = createFlowDataset([
      record('A-1', { path: ['BACKLOG', 'in progress', 'done'], type: 'STORY' }),
    ])
    const compiled = compileMapping(BASE, dataset)
    expect(stateOf(compiled, dataset, { status: 'in progress' })).toBe('active')
    expect(stateOf(compiled, dataset, { status: 'BACKLOG' })).toBe('new')
    expect(typeOf(compiled, dataset, 'STORY')).toBe('feature')
  })

  test('a source-qualified name wins for its source only when both forms are listed', () => {
    const dataset = createFlowDataset([
      record('A-1', { path: ['Backlog', 'Review', 'Done'] }),
      record('g#1', { source: 'github', path: ['Backlog', 'Review', 'Done'] }),
    ])
    const config = {
      ...BASE,
      states: { ...BASE.states, waiting: ['github:review'], active: ['In Progress', 'Review'] },
    }
    const compiled = compileMapping(config, dataset)
    expect(stateOf(compiled, dataset, { status: 'Review' })).toBe('active')
    expect(stateOf(compiled, dataset, { source: 'github', status: 'Review' })).toBe('waiting')
  })

  test('a name whose prefix is not a source is taken whole when it contains a colon', () => {
    const dataset = createFlowDataset([record('A-1', { path: ['Backlog', 'Status: Blocked'] })])
    const config = { ...BASE, states: { ...BASE.states, waiting: ['status: blocked'] } }
    const compiled = compileMapping(config, dataset)
    expect(stateOf(compiled, dataset, { status: 'Status: Blocked' })).toBe('waiting')
  })

  test('every unmapped value is listed with its source and item count when nothing maps it', () => {
    const dataset = createFlowDataset([
      record('A-1', { path: ['Backlog', 'Doing', 'Done'] }),
      record('A-2', { path: ['Triage', 'Doing'] }),
      record('A-3', { path: ['Doing'], type: 'Spike' }),
      record('g#1', { source: 'github', path: ['Open', 'Done'], type: 'Task' }),
    ])
    const error = compileError(BASE, dataset)
    expect(error.code).toBe('UNMAPPED_VALUES')
    expect(error.details).toEqual({
      states: [
        { source: 'jira', name: 'Doing', items: 3 },
        { source: 'jira', name: 'Triage', items: 1 },
        { source: 'github', name: 'Open', items: 1 },
      ],
      types: [
        { source: 'jira', name: 'Spike', items: 1 },
        { source: 'github', name: 'Task', items: 1 },
      ],
    })
    expect(error.message).toContain('status "Doing" of jira (3 items)')
    expect(error.message).toContain('type "Task" of github (1 item)')
  })

  test('an initial status only reachable through a change is reported when it is unmapped', () => {
    const dataset = createFlowDataset([record('A-1', { path: ['Funnel', 'Done'] })])
    const error = compileError(BASE, dataset)
    expect(error.details?.states).toEqual([{ source: 'jira', name: 'Funnel', items: 1 }])
  })

  test('unmapped values take the explicit defaults when default state and flow item are set', () => {
    const dataset = createFlowDataset([
      record('A-1', { path: ['Backlog', 'Doing'], type: 'Spike' }),
    ])
    const config: MappingConfig = { ...BASE, defaultState: 'waiting', defaultFlowItem: 'debt' }
    const compiled = compileMapping(config, dataset)
    expect(stateOf(compiled, dataset, { status: 'Doing' })).toBe('waiting')
    expect(stateOf(compiled, dataset, { status: 'Backlog' })).toBe('new')
    expect(typeOf(compiled, dataset, 'Spike')).toBe('debt')
  })

  test('the first matching rule sets the flow item when several rules match', () => {
    const dataset = createFlowDataset([
      record('A-1', { labels: ['Security', 'web'] }),
      record('A-2', { labels: ['web'] }),
      record('A-3'),
    ])
    const config: MappingConfig = {
      ...BASE,
      rules: [
        { when: { labels: 'security' }, flowItem: 'risk' },
        { when: { labels: ['web', 'mobile'] }, flowItem: 'debt' },
      ],
    }
    const compiled = compileMapping(config, dataset)
    expect([0, 1, 2].map((item) => overrideOf(compiled, item))).toEqual(['risk', 'debt', undefined])
  })

  test('the first matching rule with states picks the state table when several rules match', () => {
    const dataset = createFlowDataset([
      record('A-1', { team: 'payments', path: ['Backlog', 'Review'] }),
      record('A-2', { team: 'Checkout', path: ['Backlog', 'Review'] }),
      record('A-3', { team: 'search', path: ['Backlog', 'Review'] }),
    ])
    const config: MappingConfig = {
      ...BASE,
      states: { ...BASE.states, active: ['In Progress', 'Review'] },
      rules: [
        { when: { team: 'payments' }, flowItem: 'defect' },
        { when: { team: ['payments', 'checkout'] }, states: { review: 'waiting' } },
        { when: { team: 'payments' }, states: { Review: 'done' } },
      ],
    }
    const compiled = compileMapping(config, dataset)
    expect(compiled.stateTables).toHaveLength(3)
    const states = [0, 1, 2].map((item) => stateOf(compiled, dataset, { status: 'Review', item }))
    expect(states).toEqual(['waiting', 'waiting', 'active'])
    expect(overrideOf(compiled, 0)).toBe('defect')
    expect(stateOf(compiled, dataset, { status: 'Backlog', item: 1 })).toBe('new')
  })

  test('a status mapped only by a rule is not reported when every item using it matches the rule', () => {
    const dataset = createFlowDataset([
      record('A-1', { project: 'OPS', path: ['Backlog', 'Parked'] }),
      record('A-2', { project: 'PAY', path: ['Backlog', 'Done'] }),
    ])
    const config: MappingConfig = {
      ...BASE,
      rules: [{ when: { project: 'ops' }, states: { Parked: 'waiting' } }],
    }
    const compiled = compileMapping(config, dataset)
    expect(stateOf(compiled, dataset, { status: 'Parked' })).toBe('waiting')
    const other: MappingConfig = {
      ...config,
      rules: [{ when: { project: 'pay' }, states: { Parked: 'waiting' } }],
    }
    expect(compileError(other, dataset).details?.states).toEqual([
      { source: 'jira', name: 'Parked', items: 1 },
    ])
  })

  test('a rule on a custom field matches scalar and array values when compared as text', () => {
    const dataset = createFlowDataset([
      record('A-1', { fields: { severity: 'High' } }),
      record('A-2', { fields: { components: ['API', 'Billing'] } }),
      record('A-3', { fields: { points: 3 } }),
      record('A-4', { fields: { severity: { nested: 'high' } } }),
    ])
    const config: MappingConfig = {
      ...BASE,
      rules: [
        { when: { severity: ['high', 'critical'] }, flowItem: 'defect' },
        { when: { components: 'billing' }, flowItem: 'risk' },
        { when: { points: '3' }, flowItem: 'debt' },
      ],
    }
    const compiled = compileMapping(config, dataset)
    const overrides = [0, 1, 2, 3].map((item) => overrideOf(compiled, item))
    expect(overrides).toEqual(['defect', 'risk', 'debt', undefined])
  })

  test('a rule on type uses the type now when the type changed', () => {
    const retyped = record('A-1', {
      type: 'Bug',
      changes: [{ at: '2024-01-02T00:00:00Z', field: 'type', from: 'Story', to: 'Bug' }],
    })
    const dataset = createFlowDataset([retyped, record('A-2')])
    const config: MappingConfig = { ...BASE, rules: [{ when: { type: 'bug' }, flowItem: 'risk' }] }
    const compiled = compileMapping(config, dataset)
    expect([overrideOf(compiled, 0), overrideOf(compiled, 1)]).toEqual(['risk', undefined])
  })

  test('a flow item rule excuses an unmapped type when every item of the type matches it', () => {
    const dataset = createFlowDataset([record('A-1', { type: 'Spike', labels: ['research'] })])
    const config: MappingConfig = {
      ...BASE,
      rules: [{ when: { labels: 'research' }, flowItem: 'debt' }],
    }
    expect(overrideOf(compileMapping(config, dataset), 0)).toBe('debt')
  })

  test('value streams hold the ascending items matching every field when project and team are set', () => {
    const dataset = createFlowDataset([
      record('A-1', { project: 'PAY', team: 'payments' }),
      record('A-2', { project: 'PAY', team: 'search' }),
      record('A-3', { project: 'pay', team: 'Payments' }),
      record('A-4', { team: 'payments' }),
    ])
    const config: MappingConfig = {
      ...BASE,
      valueStreams: [
        { name: 'Payments', match: { project: ['PAY'], team: ['payments'] } },
        { name: 'All PAY', match: { project: 'pay' } },
      ],
    }
    const streams = compileMapping(config, dataset).valueStreams
    expect(streams.map((stream) => [stream.name, [...stream.items]])).toEqual([
      ['Payments', [0, 2]],
      ['All PAY', [0, 1, 2]],
    ])
  })

  test('statuses are in workflow order when listed out of order in the config', () => {
    const dataset = createFlowDataset([
      record('A-1', { path: ['Done', 'Closed', 'In Progress', 'Review', 'Backlog', 'Ready'] }),
    ])
    const config: MappingConfig = {
      ...BASE,
      states: {
        done: ['Closed', 'Done'],
        active: ['Review', 'In Progress'],
        waiting: ['Ready'],
        new: ['Backlog'],
      },
    }
    const compiled = compileMapping(config, dataset)
    const order = [...compiled.statusOrder].map((id) => dataset.statuses.valueOf(id).split('\0')[1])
    expect(order).toEqual(['Backlog', 'Ready', 'Review', 'In Progress', 'Closed', 'Done'])
  })

  test('the compiled mapping keeps the time zone when one is configured', () => {
    const dataset = createFlowDataset([record('A-1')])
    expect(compileMapping({ ...BASE, timezone: 'Europe/Berlin' }, dataset).timezone).toBe(
      'Europe/Berlin',
    )
  })
})
