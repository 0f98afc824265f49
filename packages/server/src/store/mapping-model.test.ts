import { describe, expect, test } from 'vitest'
import { modelFromMapping } from './mapping-model'

describe('the model a mapping file defines', () => {
  test('takes products and teams as written and gives each stream its customers', () => {
    const model = modelFromMapping(`flowItems: {}
states: {}
valueStreams:
  - name: Payments
    match: { team: pay }
  - name: Lending
    match: { team: loan }
teams:
  - { name: pay, displayName: Payments core, stream: Payments, members: 5 }
products:
  - { name: Acme Pay, stream: Payments }
customers:
  - { name: Globex, segment: enterprise, streams: [payments, Lending] }
  - { name: Initech, streams: Lending }
`)
    expect(model?.teams).toEqual([
      {
        name: 'pay',
        definition: { name: 'pay', displayName: 'Payments core', stream: 'Payments', members: 5 },
      },
    ])
    expect(model?.products).toEqual([
      { name: 'Acme Pay', definition: { name: 'Acme Pay', stream: 'Payments' } },
    ])
    expect(model?.valueStreams).toEqual([
      { name: 'Payments', definition: { customers: [{ name: 'Globex', segment: 'enterprise' }] } },
      {
        name: 'Lending',
        definition: { customers: [{ name: 'Globex', segment: 'enterprise' }, { name: 'Initech' }] },
      },
    ])
  })

  test('is undefined for a file without model keys, or one that is not YAML', () => {
    expect(modelFromMapping('flowItems: {}\nstates: {}\n')).toBeUndefined()
    expect(modelFromMapping('teams: [unclosed\n')).toBeUndefined()
  })

  test('an empty teams list empties the teams', () => {
    expect(modelFromMapping('teams: []\n')).toEqual({ valueStreams: [], products: [], teams: [] })
  })
})
