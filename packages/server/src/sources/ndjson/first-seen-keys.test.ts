import { describe, expect, test } from 'vitest'
import { FirstSeenKeys } from './first-seen-keys'

describe('FirstSeenKeys', () => {
  test('gives the first line of a key when the same source saw it before', () => {
    const seen = new FirstSeenKeys()
    expect(seen.firstLine('jira', 'A-1', 1)).toBeUndefined()
    expect(seen.firstLine('jira', 'A-2', 2)).toBeUndefined()
    expect(seen.firstLine('jira', 'A-1', 3)).toBe(1)
    expect(seen.firstLine('jira', 'A-1', 4)).toBe(1)
  })

  test('keeps keys of different sources apart when they are equal', () => {
    const seen = new FirstSeenKeys()
    expect(seen.firstLine('jira', 'A-1', 1)).toBeUndefined()
    expect(seen.firstLine('github', 'A-1', 2)).toBeUndefined()
    expect(seen.firstLine('github', 'A-1', 3)).toBe(2)
  })

  test('finds every key again when the table has grown many times', () => {
    const seen = new FirstSeenKeys()
    const keys = Array.from({ length: 20_000 }, (_, i) => `K-${i}`)
    keys.forEach((key, i) => expect(seen.firstLine(i % 2 ? 'a' : 'b', key, i + 1)).toBeUndefined())
    keys.forEach((key, i) => expect(seen.firstLine(i % 2 ? 'a' : 'b', key, 0)).toBe(i + 1))
    expect(seen.firstLine('a', 'K-0', 0)).toBeUndefined()
  })
})
