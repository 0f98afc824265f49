import { describe, expect, it } from 'vitest'
import { createRecordInstants, isVmoError } from '@openvmo/core'
import { flowValueNames, packFlowEvents, unpackFlowEvents } from './flow-events'

const names = ['', 'Backlog', 'In Progress', 'Done', 'Bug', 'Story']
const ids = new Map(names.map((name, id) => [name, id]))

describe('packed flow events', () => {
  const changes = [
    { at: 'x', field: 'status', from: 'Backlog', to: 'In Progress' },
    { at: 'x', field: 'assignee', from: null, to: 'ann' },
    { at: 'x', field: 'type', from: 'Bug', to: 'Story' },
    { at: 'x', field: 'status', from: null, to: 'Done' },
  ]
  const ms = [1709373600000, 1709400000000, 1709560200000, -86400000]

  it('packs status and type changes as numbers and unpacks them with their instants', () => {
    const packed = packFlowEvents(changes, ms, ids)
    // the first instant in epoch ms, the others in ms since the one before (here out of order)
    expect(packed).toBe('[0,1709373600000,1,2,1,186600000,4,5,0,-1709646600000,-1,3]')
    const instants = createRecordInstants()
    instants.changeMs = new Float64Array(1)
    expect(unpackFlowEvents(packed, { names, instants })).toEqual([
      { at: '', field: 'status', from: 'Backlog', to: 'In Progress' },
      { at: '', field: 'type', from: 'Bug', to: 'Story' },
      { at: '', field: 'status', from: null, to: 'Done' },
    ])
    expect([...instants.changeMs.subarray(0, 3)]).toEqual([ms[0], ms[2], ms[3]])
    expect(unpackFlowEvents('[]', { names, instants })).toEqual([])
  })

  it('lists the values that need ids, and refuses to pack a value without one', () => {
    expect(flowValueNames(changes)).toEqual(['Backlog', 'In Progress', 'Bug', 'Story', 'Done'])
    const error: unknown = (() => {
      try {
        return packFlowEvents(changes, ms, new Map())
      } catch (caught) {
        return caught
      }
    })()
    expect(isVmoError(error, 'INTERNAL')).toBe(true)
  })

  it.each([
    ['not an array', '{"a":1}'],
    ['a string inside', '[0,"2024-03-01T00:00:00Z",1,2]'],
    ['a fraction', '[0,1.5,1,2]'],
    ['a count not a multiple of four', '[0,1,1]'],
    ['an unknown kind', '[7,1,1,2]'],
    ['an unknown value id', '[0,1,1,99]'],
    ['an empty entry', '[0,,1,2]'],
  ])('names damaged packed events (%s) instead of loading wrong data', (_, packed) => {
    expect(() => unpackFlowEvents(packed, { names, instants: createRecordInstants() })).toThrow(
      /packed flow events/,
    )
  })
})

describe('packed flow events into a reused array', () => {
  it('overwrites the array and its objects, and leaves a fresh result alone', () => {
    const instants = createRecordInstants()
    const reuse: ReturnType<typeof unpackFlowEvents> = []
    const first = unpackFlowEvents('[0,1,1,2,0,2,2,3]', { names, instants, reuse })
    expect([...instants.changeMs.subarray(0, 2)]).toEqual([1, 3])
    expect(first).toBe(reuse)
    const object = first[0]
    const second = unpackFlowEvents('[1,5,4,5]', { names, instants, reuse })
    expect(second).toEqual([{ at: '', field: 'type', from: 'Bug', to: 'Story' }])
    expect(second[0]).toBe(object)
    const fresh = unpackFlowEvents('[0,1,1,2]', { names, instants })
    expect(fresh).not.toBe(reuse)
    expect(fresh[0]).not.toBe(object)
  })
})
