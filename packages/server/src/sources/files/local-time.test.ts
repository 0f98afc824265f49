import { describe, expect, test } from 'vitest'
import { describeTimestampFailure, normalizeTimestamp } from './local-time'

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

  test('reads a date alone as the start of that day in the zone, and asks for a zone without one', () => {
    expect(normalizeTimestamp('2024-03-31', 'Europe/Berlin')).toEqual({
      ok: true,
      value: '2024-03-31T00:00:00+01:00',
    })
    expect(normalizeTimestamp('1/Jul/24', 'America/New_York')).toEqual({
      ok: true,
      value: '2024-07-01T00:00:00-04:00',
    })
    expect(normalizeTimestamp('2024-03-31', undefined)).toEqual({ ok: false, reason: 'no_offset' })
    expect(describeTimestampFailure('2024-03-31', 'no_offset')).toBe(
      '"2024-03-31" is a date without a time: add --timezone (e.g. --timezone Europe/Berlin) to read it as the start of that day there',
    )
  })

  test('rejects ambiguous numeric dates when the day and month order is unknown', () => {
    expect(normalizeTimestamp('05/11/2024 10:00', 'Europe/Berlin')).toEqual({
      ok: false,
      reason: 'unparseable',
    })
  })
})
