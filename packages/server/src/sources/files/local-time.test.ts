import { describe, expect, test } from 'vitest'
import { normalizeTimestamp } from './local-time'

describe('normalizeTimestamp', () => {
  test('keeps text as recorded when it has an offset', () => {
    expect(normalizeTimestamp('2015-04-24T12:04:05.000+0000', undefined)).toEqual({
      ok: true,
      value: '2015-04-24T12:04:05.000+0000',
    })
  })

  test('reports no_offset for a local date-time when no zone is given', () => {
    expect(normalizeTimestamp('25/Nov/24 3:15 PM', undefined)).toEqual({
      ok: false,
      reason: 'no_offset',
    })
  })

  test('writes the offset of the date when the zone observes daylight saving time', () => {
    expect(normalizeTimestamp('1/Jul/24 9:00 AM', 'Europe/Berlin')).toEqual({
      ok: true,
      value: '2024-07-01T09:00:00+02:00',
    })
    expect(normalizeTimestamp('2024-01-15 09:00', 'Europe/Berlin')).toEqual({
      ok: true,
      value: '2024-01-15T09:00:00+01:00',
    })
  })

  test('rejects ambiguous numeric dates when the day and month order is unknown', () => {
    expect(normalizeTimestamp('05/11/2024 10:00', 'Europe/Berlin')).toEqual({
      ok: false,
      reason: 'unparseable',
    })
  })
})
