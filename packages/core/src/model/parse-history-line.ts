import { DateTime } from 'luxon'
import { findInstantProblem, parseInstant } from '../time/instant'
import { findControlCharacter } from './control-characters'
import { findJsonStructureProblem } from './json-structure'
import type { WorkItemChange, WorkItemLink, WorkItemRecord } from './work-item-record'

/** Options of {@link parseHistoryLine}. */
export interface ParseHistoryLineOptions {
  /**
   * IANA zone (`Europe/Berlin`) in which timestamps without an offset are interpreted; they are
   * then rewritten with their offset (`2024-03-01T09:12:00+01:00`); a local time that falls in a
   * daylight-saving gap moves forward by the gap (luxon's rule). Without it they are rejected.
   */
  timezone?: string
  /**
   * When given, receives the epoch-ms instants of the returned record (overwritten by each call),
   * so a caller that needs them (the dataset builder) does not parse the timestamps again.
   */
  instants?: RecordInstants
}

/**
 * The instants of one parsed record in epoch ms: `changeMs[k]` is the instant of
 * `record.changes[k]` (after sorting); `resolvedMs` is NaN when the record has no `resolved`.
 * A reusable buffer: {@link parseHistoryLine} overwrites it (and may replace `changeMs` with a
 * longer array) on every call it is passed to.
 */
export interface RecordInstants {
  createdMs: number
  resolvedMs: number
  changeMs: Float64Array
}

/** An empty {@link RecordInstants} buffer to pass to {@link parseHistoryLine} again and again. */
export function createRecordInstants(): RecordInstants {
  return { createdMs: NaN, resolvedMs: NaN, changeMs: new Float64Array(64) }
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

/** A required string that names something (`source`, `key`): no control characters. */
function requiredName(value: unknown, name: string): string {
  const text = requiredString(value, name)
  const problem = findControlCharacter(text)
  return problem === undefined ? text : fail(`"${name}" ${quote(text)} contains a ${problem}`)
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

// The instant of the last text `instantText` returned, so each timestamp is parsed once.
let instantMs = NaN

/**
 * Checks an instant and returns its text: unchanged when it has an offset, rewritten with the
 * offset of `timezone` when it has none and a zone is given. Its epoch ms are left in `instantMs`.
 */
function instantText(value: unknown, name: string, timezone: string | undefined): string {
  if (typeof value !== 'string') {
    return fail(
      value === undefined ? `"${name}" is missing` : `"${name}" ${quote(value)} is not a string`,
    )
  }
  instantMs = parseInstant(value)
  if (!Number.isNaN(instantMs)) return value
  const problem = findInstantProblem(value)
  if (problem !== undefined)
    fail(`"${name}" ${quote(value)} is not a valid date and time: ${problem}`)
  if (!LOCAL_TIMESTAMP.test(value)) {
    fail(`"${name}" ${quote(value)} is not an ISO-8601 instant (e.g. "2024-03-01T09:12:00Z")`)
  }
  if (timezone === undefined) {
    fail(`"${name}" ${quote(value)} has no offset (use Z or +01:00, or pass --timezone)`)
  }
  const text = localToOffset(value, name, timezone)
  instantMs = parseInstant(text)
  return text
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
    changeMs = instantMs
  }
  const field = raw.field
  if (typeof field !== 'string' || field.length === 0) badString(field, `changes[${index}].field`)
  const from = nullableString(raw.from, 'from', index)
  return { at, field, from, to: nullableString(raw.to, 'to', index) }
}

function byInstant(a: { ms: number }, b: { ms: number }): number {
  return a.ms - b.ms
}

/**
 * Stable sort by instant (Array.prototype.sort is stable), of the changes and of their instants
 * `ms` alike; only called for unsorted input.
 */
function sortChanges(changes: WorkItemChange[], ms: Float64Array): void {
  const keyed = changes.map((change, i) => ({ ms: ms[i]!, change }))
  keyed.sort(byInstant)
  for (let i = 0; i < keyed.length; i++) {
    changes[i] = keyed[i]!.change
    ms[i] = keyed[i]!.ms
  }
}

// The instants of the changes being read, when the caller did not ask for them.
const scratch: RecordInstants = createRecordInstants()

/**
 * Validates `changes` in place (the parsed array is reused) and sorts them by instant; their
 * instants go to `instants.changeMs` (grown when too short).
 */
function readChanges(
  value: unknown,
  timezone: string | undefined,
  instants: RecordInstants,
): WorkItemChange[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) return fail(`"changes" ${quote(value)} is not an array`)
  const changes = value as WorkItemChange[]
  if (instants.changeMs.length < changes.length) {
    instants.changeMs = new Float64Array(Math.max(changes.length, 2 * instants.changeMs.length))
  }
  const ms = instants.changeMs
  let previous = -Infinity
  let sorted = true
  for (let i = 0; i < changes.length; i++) {
    changes[i] = readChange(changes[i], i, timezone)
    if (changeMs < previous) sorted = false
    previous = changeMs
    ms[i] = changeMs
  }
  if (!sorted) sortChanges(changes, ms)
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
function toRecord(
  raw: JsonObject,
  timezone: string | undefined,
  instants: RecordInstants,
): WorkItemRecord {
  const source = requiredName(raw.source, 'source')
  const key = requiredName(raw.key, 'key')
  const type = requiredString(raw.type, 'type')
  const created = instantText(raw.created, 'created', timezone)
  instants.createdMs = instantMs
  const status = requiredString(raw.status, 'status')
  const changes = readChanges(raw.changes, timezone, instants)
  checkStatusNow(status, changes)
  const resolved =
    raw.resolved == null ? undefined : instantText(raw.resolved, 'resolved', timezone)
  instants.resolvedMs = resolved === undefined ? NaN : instantMs
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
 * Parses and validates one line of the NDJSON work-item history (docs/importing.md ("NDJSON history")).
 *
 * Rules: the line is one JSON object nested at most 64 levels deep (`MAX_JSON_DEPTH`) in which no
 * object (at any depth) names a member twice; `source`, `key`, `type`, `status` are non-empty
 * strings, `source` and `key` without control characters (U+0000–U+001F but tab); `created`,
 * `resolved` and every change's `at` are ISO-8601 instants with an offset or `Z` whose fields are
 * a moment of the calendar (no `02-30`, no hour 24, no leap second; without an offset they are
 * rejected, or interpreted in `options.timezone` and rewritten with its offset); `changes` is an array of
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
 * With `options.instants`, the parsed instants of a valid record are also written there (on a bad
 * line its content is unspecified).
 */
export function parseHistoryLine(
  text: string,
  options?: ParseHistoryLineOptions,
): ParseHistoryLineResult {
  try {
    const raw = parseJson(text)
    if (!isObject(raw)) fail(`the line is ${quote(raw)}, not a json object`)
    const problem = findJsonStructureProblem(text)
    if (problem !== undefined) fail(problem)
    return { ok: true, record: toRecord(raw, options?.timezone, options?.instants ?? scratch) }
  } catch (error) {
    if (error instanceof InvalidLine) return { ok: false, reason: error.reason }
    throw error
  }
}
