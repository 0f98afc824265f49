import { VmoError } from '@openvmo/core'
import type { RecordInstants, WorkItemChange } from '@openvmo/core'

/** Kind codes of a packed event, the same numbers as the engine's `EVENT_STATUS`/`EVENT_TYPE`. */
const KIND_STATUS = 0
const KIND_TYPE = 1
const FIELD_OF_KIND = ['status', 'type'] as const
const NO_VALUE = -1

/** A change as {@link packFlowEvents} reads it (a record's change, or a change row). */
export interface FlowChange {
  field: string
  from: string | null
  to: string | null
}

/** The status and type values `changes` name (the ones {@link packFlowEvents} needs ids for). */
export function flowValueNames(changes: readonly FlowChange[]): string[] {
  const names: string[] = []
  for (const change of changes) {
    if (change?.field !== 'status' && change?.field !== 'type') continue
    if (typeof change.from === 'string') names.push(change.from)
    if (typeof change.to === 'string') names.push(change.to)
  }
  return names
}

function idOf(ids: ReadonlyMap<string, number>, name: string | null): number {
  if (name === null) return NO_VALUE
  const id = ids.get(name)
  if (id === undefined)
    throw new VmoError('INTERNAL', `flow value "${name}" has no id (register it first)`)
  return id
}

/**
 * Packs the status and type changes of a record into `work_items.flow_events` (format of
 * migration 0005): a JSON array of whole numbers only, four per change, `[kind, at, from, to, …]`,
 * where `kind` is 0 for `status` and 1 for `type`, `at` the change's instant (`changeMs[i]` for
 * `changes[i]`) in epoch ms for the first change and in ms since the change before for the others
 * (shorter, so faster to read; negative when the record lists changes out of order), and
 * `from`/`to` the ids of the values in `flow_values` (-1
 * for null). Changes keep the record's order; other fields are left out, since the engine reads
 * only these two. Numbers only, so that loading 10M events creates no string and parses no
 * timestamp (the exact texts stay in `changes_json` for exports).
 */
export function packFlowEvents(
  changes: readonly FlowChange[],
  changeMs: ArrayLike<number>,
  ids: ReadonlyMap<string, number>,
): string {
  const packed: number[] = []
  let previous = 0
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]
    const kind =
      change?.field === 'status' ? KIND_STATUS : change?.field === 'type' ? KIND_TYPE : -1
    if (change === undefined || kind < 0) continue
    const at = changeMs[i] ?? NaN
    packed.push(kind, at - previous, idOf(ids, change.from), idOf(ids, change.to))
    previous = at
  }
  return JSON.stringify(packed)
}

const COMMA = 44
const MINUS = 45
const DIGIT_0 = 48
const DIGIT_9 = 57
const OPEN = 91
const CLOSE = 93

function damaged(packed: string): VmoError {
  const shown = packed.length > 60 ? `${packed.slice(0, 59)}…` : packed
  return new VmoError('INTERNAL', `packed flow events "${shown}" are damaged (not whole numbers)`)
}

/**
 * The whole numbers of a packed array (`[1,-1,1673232635353]`) into `out` (grown as needed);
 * returns it and leaves the count in `decodedCount`. Hand-written rather than `JSON.parse`: it
 * runs for every item of a 1M-item load, and reading digits in place is 5x faster than building
 * an array of doubles (and allocates nothing).
 */
let decodedCount = 0
function decodeNumbers(packed: string, out: Float64Array): Float64Array {
  let values = out
  let count = 0
  const end = packed.length - 1
  if (packed.charCodeAt(0) !== OPEN || packed.charCodeAt(end) !== CLOSE) throw damaged(packed)
  let i = 1
  while (i < end) {
    const negative = packed.charCodeAt(i) === MINUS
    if (negative) i++
    const start = i
    let value = 0
    for (let c = packed.charCodeAt(i); c >= DIGIT_0 && c <= DIGIT_9; c = packed.charCodeAt(++i))
      value = value * 10 + (c - DIGIT_0)
    if (i === start || (i < end && packed.charCodeAt(i++) !== COMMA)) throw damaged(packed)
    if (count === values.length) {
      const grown = new Float64Array(2 * values.length)
      grown.set(values)
      values = grown
    }
    values[count++] = negative ? -value : value
  }
  decodedCount = count
  return values
}

let numbers: Float64Array = new Float64Array(256)
/** The change objects handed out (and overwritten) when the caller passes `reuse`. */
const changePool: WorkItemChange[] = []

/** Where {@link unpackFlowEvents} reads value names and writes instants (and changes). */
export interface UnpackTarget {
  /** `names[id]` is the value of id `id` (`flow_values`). */
  names: readonly string[]
  /** Receives the instants in `changeMs`, replaced by a longer array when too short. */
  instants: RecordInstants
  /** When given, the changes are written into it and its objects, overwritten by the next call. */
  reuse?: WorkItemChange[]
}

/**
 * Reverses {@link packFlowEvents} for the dataset builder: the record's status and type changes
 * in recorded order, their instants written to `instants.changeMs` (grown when too short). The
 * changes' `at` is left empty: the builder reads instants from `instants`. `names[id]` is the
 * value of id `id`. With `reuse`, the changes are written into that array and its change objects
 * (overwritten by the next call), so a load of 10M events allocates no object per event.
 */
export function unpackFlowEvents(packed: string, target: UnpackTarget): WorkItemChange[] {
  const { names, instants, reuse } = target
  numbers = decodeNumbers(packed, numbers)
  const values = numbers
  const count = decodedCount >> 2
  if (decodedCount !== count * 4) throw damaged(packed)
  let { changeMs: ms } = instants
  if (ms.length < count) {
    ms = new Float64Array(2 * count)
    instants.changeMs = ms
  }
  const changes = reuse ?? []
  let at = 0
  const pool = reuse === undefined ? [] : changePool
  for (let i = 0, e = 0; e < count; i += 4, e++) {
    // typed-array reads within `decodedCount`: never undefined
    const kind = values[i] as number
    if (kind !== KIND_STATUS && kind !== KIND_TYPE) throw damaged(packed)
    const from = values[i + 2] as number
    const to = values[i + 3] as number
    at += values[i + 1] as number
    ms[e] = at
    let change = pool[e]
    if (change === undefined) {
      change = { at: '', field: 'status', from: null, to: null }
      pool[e] = change
    }
    changes[e] = change
    change.field = FIELD_OF_KIND[kind]
    change.from = from === NO_VALUE ? null : nameOf(names, from)
    change.to = to === NO_VALUE ? null : nameOf(names, to)
  }
  changes.length = count
  return changes
}

function nameOf(names: readonly string[], id: number): string {
  const name = names[id]
  if (name === undefined) {
    throw new VmoError(
      'INTERNAL',
      `packed flow events name value id ${id}, which is not in flow_values (a damaged store?)`,
    )
  }
  return name
}
