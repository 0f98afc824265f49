import { DateTime } from 'luxon'
import { findInstantProblem, parseInstant } from '@openvmo/core'

/**
 * Date-time layouts (luxon tokens, English month names) accepted without an offset: Jira's
 * default `25/Nov/24 3:15 PM`, its 24-hour and 4-digit-year variants, and ISO/SQL local times
 * (`2024-11-25 15:15`, `2024-11-25T15:15:00`), and dates alone (`2024-11-25`, `25/Nov/24`), which
 * mean the start of that day. Day-first and month-first numeric dates
 * (`05/11/2024`) are ambiguous and deliberately not accepted.
 */
export const LOCAL_DATE_TIME_FORMATS = [
  'd/MMM/yy h:mm a',
  'd/MMM/yyyy h:mm a',
  'd/MMM/yy H:mm',
  'd/MMM/yyyy H:mm',
  'yyyy-MM-dd HH:mm',
  'yyyy-MM-dd HH:mm:ss',
  "yyyy-MM-dd'T'HH:mm",
  "yyyy-MM-dd'T'HH:mm:ss",
  "yyyy-MM-dd'T'HH:mm:ss.SSS",
  'yyyy-MM-dd',
  'd/MMM/yy',
  'd/MMM/yyyy',
] as const

const DATE_ONLY = /^(\d{4}-\d{2}-\d{2}|\d{1,2}\/[A-Za-z]{3}\/\d{2,4})$/

/** A timestamp as it goes into a record, or why it cannot. */
export type TimestampResult =
  { ok: true; value: string } | { ok: false; reason: 'no_offset' | 'unparseable' }

/**
 * Normalises a source timestamp for a {@link WorkItemRecord}: text that already carries an
 * offset (`Z`, `+01:00`, `+0100`) is kept as recorded; a local date-time in one of
 * {@link LOCAL_DATE_TIME_FORMATS} is interpreted in `zone` (an IANA name; in a DST overlap
 * luxon takes the earlier offset) and written as ISO-8601 with that zone's offset. Without
 * `zone`, a local date-time is `no_offset`, anything else `unparseable`.
 */
export function normalizeTimestamp(text: string, zone: string | undefined): TimestampResult {
  const trimmed = text.trim()
  if (Number.isFinite(parseInstant(trimmed))) return { ok: true, value: trimmed }
  const local = parseLocal(trimmed, zone ?? 'UTC')
  if (!local) return { ok: false, reason: 'unparseable' }
  if (zone === undefined) return { ok: false, reason: 'no_offset' }
  return { ok: true, value: local.toISO({ suppressMilliseconds: true }) ?? trimmed }
}

function parseLocal(text: string, zone: string): DateTime | undefined {
  for (const format of LOCAL_DATE_TIME_FORMATS) {
    const dt = DateTime.fromFormat(text, format, { zone, locale: 'en-US' })
    if (dt.isValid) return dt
  }
  return undefined
}

/**
 * The message for a failed {@link normalizeTimestamp}, quoting the value: for an ISO-8601 shape
 * whose fields are out of range, which field (`day 30 is not in February 2024 (01–29)`).
 */
export function describeTimestampFailure(
  text: string,
  reason: 'no_offset' | 'unparseable',
): string {
  if (reason === 'no_offset') {
    return DATE_ONLY.test(text.trim())
      ? `"${text}" is a date without a time: add --timezone (e.g. --timezone Europe/Berlin) to read it as the start of that day there`
      : `"${text}" has no time zone offset; pass a timezone (e.g. --timezone Europe/Berlin)`
  }
  const problem = findInstantProblem(text)
  return problem === undefined
    ? `"${text}" is not a date-time (expected ISO-8601 with offset, or one of ${LOCAL_DATE_TIME_FORMATS.slice(0, 2).join(', ')}, ...)`
    : `"${text}" is not a valid date and time: ${problem}`
}
