import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseInstant } from './instant'
import { parseInstantBytes } from './instant-bytes'

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** The text's UTF-16 code units as bytes (ASCII texts only matter here), between two junk bytes. */
function framed(text: string): { bytes: Uint8Array; start: number; end: number } {
  const bytes = new Uint8Array(text.length + 2).fill(0x22)
  for (let i = 0; i < text.length; i++) bytes[i + 1] = text.charCodeAt(i) & 0xff
  return { bytes, start: 1, end: text.length + 1 }
}

function parseBytes(text: string): number {
  const { bytes, start, end } = framed(text)
  return parseInstantBytes(bytes, start, end)
}

/** Instants in the common forms, some with fields out of range. */
const commonForm = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.stringMatching(/^(\.\d{0,9})?$/),
    offset: fc.oneof(
      fc.constant('Z'),
      fc.stringMatching(/^[+-]\d\d:?\d\d$/),
      fc.constantFrom('+01:00', '-05:30', '+0000', '+14:00', '-00:00'),
    ),
  })
  .map(
    (f) =>
      `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}T${pad(f.hour, 2)}:` +
      `${pad(f.minute, 2)}:${pad(f.second, 2)}${f.fraction}${f.offset}`,
  )

/** Common forms with one character replaced or cut, and arbitrary short texts. */
const anyForm = fc.oneof(
  commonForm,
  fc
    .tuple(commonForm, fc.nat(), fc.constantFrom('', 'x', ' ', '0', '9', '-', ':', 'T', 'Z', '+'))
    .map(([text, at, by]) => {
      const i = at % text.length
      return text.slice(0, i) + by + text.slice(i + 1)
    }),
  fc.string({ maxLength: 32 }),
)

describe('parseInstantBytes', () => {
  test('gives what parseInstant gives or NaN (not read) when the text is any text', () => {
    fc.assert(
      fc.property(anyForm, (text) => {
        const ms = parseBytes(text)
        if (!Number.isNaN(ms)) expect(ms).toBe(parseInstant(text))
      }),
      { numRuns: 5000 },
    )
  })

  test('reads every valid instant in the common forms when the year is 100 or later', () => {
    fc.assert(
      fc.property(commonForm, (text) => {
        const expected = parseInstant(text)
        const year = Number(text.slice(0, 4))
        if (Number.isNaN(expected) || year < 100 || !/T\d\d:\d\d:\d\d/.test(text)) return
        expect(parseBytes(text)).toBe(expected)
      }),
      { numRuns: 5000 },
    )
  })

  test('reads the forms of the benchmark and of Jira when they have an offset', () => {
    expect(parseBytes('2023-01-09T02:50:35.353Z')).toBe(Date.parse('2023-01-09T02:50:35.353Z'))
    expect(parseBytes('2023-01-09T02:50:35.353+00:00')).toBe(Date.parse('2023-01-09T02:50:35.353Z'))
    expect(parseBytes('2015-04-24T12:04:05.000+0200')).toBe(Date.UTC(2015, 3, 24, 10, 4, 5))
    expect(parseBytes('2024-02-29T23:59:59.9999Z')).toBe(parseInstant('2024-02-29T23:59:59.9999Z'))
  })

  test('returns NaN when the form is unusual or the instant is invalid', () => {
    for (const text of [
      '2024-03-01T09:12:00',
      '2024-03-01 09:12:00Z',
      '2024-03-01T09:12Z',
      '0099-03-01T09:12:00Z',
      '2024-13-01T09:12:00Z',
      '2024-03-01T09:12:00.Z ',
      '2024-03-01T09:12:00+1:00',
      '2024x03-01T09:12:00Z',
    ])
      expect(parseBytes(text), text).toBeNaN()
  })

  test('reads only its range when the bytes around it are digits too', () => {
    const bytes = Uint8Array.from('12024-03-01T09:12:00Z0', (c) => c.charCodeAt(0))
    expect(parseInstantBytes(bytes, 1, bytes.length - 1)).toBe(Date.UTC(2024, 2, 1, 9, 12))
  })
})
