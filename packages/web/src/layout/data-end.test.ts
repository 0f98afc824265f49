import { describe, expect, it } from 'vitest'
import { staleDataEnd } from './data-end'

describe('staleDataEnd', () => {
  const now = Date.parse('2026-12-07T04:00:00Z')
  it('offers the day the data ends when it is a month or more before now', () => {
    expect(staleDataEnd('2021-03-02T17:45:00Z', now)).toEqual({ date: '2021-03-02', daysAgo: 2105 })
    expect(staleDataEnd('2026-11-07T04:00:00Z', now)).toEqual({ date: '2026-11-07', daysAgo: 30 })
  })
  it('says nothing for recent data, an empty store or a bad instant', () => {
    expect(staleDataEnd('2026-11-08T04:00:00Z', now)).toBeUndefined()
    expect(staleDataEnd(null, now)).toBeUndefined()
    expect(staleDataEnd('yesterday', now)).toBeUndefined()
  })
})
