import { DateTime } from 'luxon'
import { parseInstant } from '../time/instant'
import type { WorkItemChange, WorkItemLink, WorkItemRecord } from './work-item-record'

/** Options of {@link parseHistoryLine}. */
export interface ParseHistoryLineOptions {
  /**
   * IANA zone (`Europe/Berlin`) in which timestamps without an offset are interpreted; they are
   * then rewritten with their offset (`2024-03-01T09:12:00+01:00`); a local time that falls in a
   * daylight-saving gap moves forward by the gap (luxon's rule). Without it they are rejected.
   */
  timezone?: string
}

/** The outcome of {@link parseHistoryLine}: a validated record, or the reason the line is bad. */
export type ParseHistoryLineResult =
  { ok: true; record: WorkItemRecord } | { ok: false; reason: string }

/** Thrown inside this module only, to leave the validation at the first broken rule. */
class InvalidLine {
  constructor(readonly reason: string) {}
}

type JsonObject = Record<string, unknown>

const MAX_QUOTED = 80
const LOCAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/

function fail(reason: string): never {
  throw new InvalidLine(reason)
}

/** A value as it appears in a reason: JSON, cut to a readable length. */
function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function badString(value: unknown, name: string): never {
  if (value === undefined) fail(`"${name}" is missing`)
  if (value === '') fail(`"${name}" is empty`)
  return fail(`"${name}" ${quote(value)} is not a string`)
}

function requiredString(value: unknown, name: string): string {
  return typeof value === 'string' && value.length > 0 ? value : badString(value, name)
}

/** An optional string; `null` counts as absent (a common way to write "no value" in JSON). */
function optionalString(value: unknown, name: string): string | undefined {
  if (typeof value === 'string' || value === undefined) return value
  if (value === null) return undefined
  return fail(`"${name}" ${quote(value)} is not a string`)
}

function localToOffset(text: string, name: string, timezone: string): string {
  const time = DateTime.fromISO(text.replace(' ', 'T'), { zone: timezone })
  if (!time.isValid && time.invalidReason === 'unsupported zone') {
    fail(`timezone ${quote(timezone)} is not an IANA zone (e.g. "Europe/Berlin")`)
  }
  const iso = time.isValid ? time.toISO({ suppressMilliseconds: true }) : null
  return iso ?? fail(`"${name}" ${quote(text)} is not a valid date and time`)
}

/**
 * Checks an instant and returns its text: unchanged when it has an offset, rewritten with the
 * offset of `timezone` when it has none and a zone is given.
 */
function instantText(value: unknown, name: string, timezone: string | undefined): string {
  if (typeof value !== 'string') {
    return fail(
      value === undefined ? `"${name}" is missing` : `"${name}" ${quote(value)} is not a string`,
    )
  }
  if (!Number.isNaN(parseInstant(value))) return value
  if (!LOCAL_TIMESTAMP.test(value)) {
    fail(`"${name}" ${quote(value)} is not an ISO-8601 instant (e.g. "2024-03-01T09:12:00Z")`)
  }
  if (timezone === undefined) {
    fail(`"${name}" ${quote(value)} has no offset (use Z or +01:00, or pass --timezone)`)
  }
  return localToOffset(value, name, timezone)
}

function nullableString(value: unknown, name: string, index: number): string | null {
  if (typeof value === 'string' || value === null) return value
  if (value === undefined) fail(`"changes[${index}].${name}" is missing (use null for no value)`)
  return fail(`"changes[${index}].${name}" ${quote(value)} is not a string or null`)
}

// Runs for every change of every line: the paths in reasons (`changes[3].at`) are built only
// when a rule is broken, and the instant is parsed once (returned through `changeMs`).
let changeMs = NaN

function readChange(raw: unknown, index: number, timezone: string | undefined): WorkItemChange {
  if (!isObject(raw)) fail(`"changes[${index}]" ${quote(raw)} is not an object`)
  const recorded = raw.at
  changeMs = typeof recorded === 'string' ? parseInstant(recorded) : NaN
  let at = recorded as string
  if (Number.isNaN(changeMs)) {
    at = instantText(recorded, `changes[${index}].at`, timezone)
    changeMs = parseInstant(at)
  }
  const field = raw.field
  if (typeof field !== 'string' || field.length === 0) badString(field, `changes[${index}].field`)
  const from = nullableString(raw.from, 'from', index)
  return { at, field, from, to: nullableString(raw.to, 'to', index) }
}

function byInstant(a: { ms: number }, b: { ms: number }): number {
  return a.ms - b.ms
}

/** Stable sort by instant (Array.prototype.sort is stable); only called for unsorted input. */
function sortChanges(changes: WorkItemChange[]): void {
  const keyed = changes.map((change) => ({ ms: parseInstant(change.at), change }))
  keyed.sort(byInstant)
  for (let i = 0; i < keyed.length; i++) changes[i] = keyed[i]!.change
}

/** Validates `changes` in place (the parsed array is reused) and sorts them by instant. */
function readChanges(value: unknown, timezone: string | undefined): WorkItemChange[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) return fail(`"changes" ${quote(value)} is not an array`)
  const changes = value as WorkItemChange[]
  let previous = -Infinity
  let sorted = true
  for (let i = 0; i < changes.length; i++) {
    changes[i] = readChange(changes[i], i, timezone)
    if (changeMs < previous) sorted = false
    previous = changeMs
  }
  if (!sorted) sortChanges(changes)
  return changes
}

function readLabels(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) return fail(`"labels" ${quote(value)} is not an array`)
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string') fail(`"labels[${i}]" ${quote(value[i])} is not a string`)
  }
  return value as string[]
}

function readLink(raw: unknown, index: number): WorkItemLink {
  if (!isObject(raw)) fail(`"links[${index}]" ${quote(raw)} is not an object`)
  const type = requiredString(raw.type, `links[${index}].type`)
  return { type, target: requiredString(raw.target, `links[${index}].target`) }
}

function readLinks(value: unknown): WorkItemLink[] | undefined {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) return fail(`"links" ${quote(value)} is not an array`)
  return value.map(readLink)
}

function readFields(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined
  return isObject(value) ? value : fail(`"fields" ${quote(value)} is not an object`)
}

function checkStatusNow(status: string, changes: readonly WorkItemChange[]): void {
  for (let i = changes.length - 1; i >= 0; i--) {
    const change = changes[i]!
    if (change.field !== 'status') continue
    if (change.to !== status) {
      fail(
        `"status" ${quote(status)} differs from the last status change's "to" ${quote(change.to)} (at ${quote(change.at)})`,
      )
    }
    return
  }
}

/**
 * Builds the record as one literal, so every record has the same shape (V8 keeps the property
 * accesses of the dataset builder monomorphic); absent optionals are then `undefined`.
 */
function toRecord(raw: JsonObject, timezone: string | undefined): WorkItemRecord {
  const source = requiredString(raw.source, 'source')
  const key = requiredString(raw.key, 'key')
  const type = requiredString(raw.type, 'type')
  const created = instantText(raw.created, 'created', timezone)
  const status = requiredString(raw.status, 'status')
  const changes = readChanges(raw.changes, timezone)
  checkStatusNow(status, changes)
  const resolved =
    raw.resolved == null ? undefined : instantText(raw.resolved, 'resolved', timezone)
  return {
    source,
    key,
    id: optionalString(raw.id, 'id'),
    url: optionalString(raw.url, 'url'),
    project: optionalString(raw.project, 'project'),
    type,
    title: optionalString(raw.title, 'title'),
    created,
    status,
    team: optionalString(raw.team, 'team'),
    labels: readLabels(raw.labels),
    parent: optionalString(raw.parent, 'parent'),
    links: readLinks(raw.links),
    resolved,
    fields: readFields(raw.fields),
    changes,
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    return fail(`invalid json: ${(error as Error).message.toLowerCase()}`)
  }
}

/**
 * Parses and validates one line of the NDJSON work-item history (FORMATS.md §1).
 *
 * Rules: `source`, `key`, `type`, `status` are non-empty strings; `created`, `resolved` and every
 * change's `at` are ISO-8601 instants with an offset or `Z` (without an offset they are rejected,
 * or interpreted in `options.timezone` and rewritten with its offset); `changes` is an array of
 * `{at, field, from, to}` with `from`/`to` a string or `null`; `status` equals the `to` of the last
 * status change when there is one; `labels` is an array of strings, `links` of `{type, target}`,
 * `fields` an object. Optional fields given as `null` count as absent; unknown fields are ignored.
 *
 * The record's `changes` are sorted by instant (stable: equal instants keep their line order) and
 * timestamps keep their text, so `formatHistoryLine` writes the line back losslessly. Every record
 * has the same keys (absent optionals are present as `undefined`, which keeps the engine's property
 * access monomorphic; `toEqual` and `JSON.stringify` treat them as missing). Never
 * throws: a broken rule is returned as a lowercase reason quoting the offending value. The parsed
 * `changes` and `labels` arrays are reused, so a line costs little more than its `JSON.parse`.
 */
export function parseHistoryLine(
  text: string,
  options?: ParseHistoryLineOptions,
): ParseHistoryLineResult {
  try {
    const raw = parseJson(text)
    if (!isObject(raw)) fail(`the line is ${quote(raw)}, not a json object`)
    return { ok: true, record: toRecord(raw, options?.timezone) }
  } catch (error) {
    if (error instanceof InvalidLine) return { ok: false, reason: error.reason }
    throw error
  }
}
