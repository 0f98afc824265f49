import { describe, expect, test } from 'vitest'
import { blockerEnd } from './blocking-links'

describe('blockerEnd', () => {
  test('reads both directions of a blocking relation', () => {
    expect(blockerEnd({ from: 'A', to: 'B', type: 'blocks' }, 'B')).toBe('from')
    expect(blockerEnd({ from: 'B', to: 'A', type: 'is blocked by' }, 'B')).toBe('to')
    expect(blockerEnd({ from: 'B', to: 'A', type: 'Depends  On' }, 'B')).toBe('to')
    expect(blockerEnd({ from: 'A', to: 'B', type: 'is depended on by' }, 'B')).toBe('from')
  })

  test('the blocker itself and other kinds of links are not held up', () => {
    expect(blockerEnd({ from: 'A', to: 'B', type: 'blocks' }, 'A')).toBeNull()
    expect(blockerEnd({ from: 'B', to: 'A', type: 'is blocked by' }, 'A')).toBeNull()
    expect(blockerEnd({ from: 'A', to: 'B', type: 'relates to' }, 'B')).toBeNull()
    expect(blockerEnd({ from: 'A', to: 'B', type: 'delivered_by' }, 'A')).toBeNull()
  })
})
