import type { FlowDataset } from '../model/flow-dataset'
import { EVENT_STATUS } from '../model/flow-dataset'
import type { CompiledMapping } from '../mapping/mapping-config'
import { NO_OVERRIDE } from '../mapping/mapping-config'
import { QUALITY_FLAGS } from '../model/data-quality-flags'
import { selectItems } from './selection'
import { STATE_ACTIVE, STATE_CANCELED, STATE_DONE, STATE_WAITING } from '../model/flow-vocabulary'

/** Marker in {@link Timelines.endState}: the item has not ended. */
export const NOT_ENDED = 255

/**
 * Every item's flow timeline as of one instant, derived once from a dataset and a mapping; all
 * metrics read these columns. Definitions (FLOW-METRICS.md):
 * - **start**: the first moment the item is in `waiting` or `active` (creation when created there);
 *   NaN for an item never started (backlog).
 * - **end**: the start of its final uninterrupted stretch of `done`/`canceled` states lasting to
 *   the as-of time; NaN while in progress. `endState` is the flow state at the as-of time
 *   (`done` → completed, `canceled` → canceled).
 * - An item that reaches `done` without being `waiting`/`active` starts at its end (flow time 0),
 *   flagged `done_without_start`. One that reaches `canceled` that way stays never-started.
 * - **activeMs**: time in `active` between start and end (as-of for items in progress).
 * - **flowItem**: the FLOW_ITEM_MAPPINGS index of the type at the end (ended items) or at the as-of.
 * Changes after the as-of time are ignored; items created after it are excluded (`included` 0).
 */
export interface Timelines {
  readonly asOfMs: number
  readonly included: Uint8Array
  readonly startMs: Float64Array
  readonly endMs: Float64Array
  readonly endState: Uint8Array
  readonly activeMs: Float64Array
  readonly flowItem: Uint8Array
  readonly currentStatus: Int32Array
  readonly currentState: Uint8Array
  readonly reopenCount: Uint16Array
  /** 1 when the item's artifact type changed at or before the as-of time, else 0. */
  readonly typeChanged: Uint8Array
  /** Dataset quality bits plus those found here (see QUALITY_FLAGS). */
  readonly quality: Uint16Array
}

/** The flow-item index of type `typeId` for item `i`, honouring rule overrides. */
export function flowItemOf(mapping: CompiledMapping, item: number, typeId: number): number {
  const forced = mapping.itemFlowItemOverride[item]!
  return forced !== NO_OVERRIDE ? forced : mapping.typeMapping[typeId]!
}

const isTerminal = (state: number) => state === STATE_DONE || state === STATE_CANCELED

const TREAT_CANCELED = 1
const TREAT_EXCLUDED = 2

/**
 * The treatment (a TREAT_AS index) that an item's rules give its ending, from its packed
 * treatments (2 bits per RULE_FINDINGS entry: bulk_close, closed_without_resolution,
 * resolved_before_created, done_without_start) and its quality bits: the strongest of its
 * findings' (excluded over canceled over recorded).
 */
function treatmentFor(packed: number, bits: number): number {
  let treat = 0
  if ((bits & QUALITY_FLAGS.bulk_close) !== 0) treat = Math.max(treat, packed & 3)
  if ((bits & QUALITY_FLAGS.closed_without_resolution) !== 0)
    treat = Math.max(treat, (packed >> 2) & 3)
  if ((bits & QUALITY_FLAGS.resolved_before_created) !== 0)
    treat = Math.max(treat, (packed >> 4) & 3)
  if ((bits & QUALITY_FLAGS.done_without_start) !== 0) treat = Math.max(treat, (packed >> 6) & 3)
  return treat
}

/** Derives the {@link Timelines} of every item as of `asOfMs` (epoch ms). */
export function deriveTimelines(
  dataset: FlowDataset,
  mapping: CompiledMapping,
  asOfMs: number,
): Timelines {
  const out = createTimelineColumns(dataset, asOfMs)
  deriveItems({ dataset, mapping, items: selectItems(dataset, mapping) }, out)
  return out
}

/**
 * Fresh {@link Timelines} columns of `dataset` as of `asOfMs`, as {@link deriveItems} expects them
 * for an item it has not seen: zero, and the dataset's own quality bits.
 */
export function createTimelineColumns(dataset: FlowDataset, asOfMs: number): TimelineColumns {
  const n = dataset.itemCount
  return {
    asOfMs,
    included: new Uint8Array(n),
    startMs: new Float64Array(n),
    endMs: new Float64Array(n),
    endState: new Uint8Array(n),
    activeMs: new Float64Array(n),
    flowItem: new Uint8Array(n),
    currentStatus: new Int32Array(n),
    currentState: new Uint8Array(n),
    reopenCount: new Uint16Array(n),
    typeChanged: new Uint8Array(n),
    // slice, not Uint16Array.from: a typed copy instead of a million iterator steps
    quality: dataset.itemQuality.slice(),
  }
}

/**
 * {@link Timelines} being written, plus where an open `active` stretch began: when `openActiveMs`
 * is set, an item still `active` at the as-of time gets the start of that stretch there and only
 * its closed `active` stretches in `activeMs` (its `activeMs` as of any later instant `t` is
 * `activeMs + (t - openActiveMs)`); otherwise the stretch is closed at the as-of time.
 */
export interface TimelineColumns extends Timelines {
  readonly openActiveMs?: Float64Array
}

/** What {@link deriveItems} reads: the dataset, the mapping and the items to derive (any order). */
export interface DeriveScope {
  dataset: FlowDataset
  mapping: CompiledMapping
  items: Uint32Array
}

/**
 * Derives the timelines of `scope.items` into `out` (as of `out.asOfMs`), leaving other items'
 * columns as they are. Each listed item's columns must be fresh (see
 * {@link createTimelineColumns}): `included` and `typeChanged` are only set, `quality` only or-ed.
 */
// One pass over the items' events, with every column in a local: it is the engine's inner loop
// (10M events per benchmark run), hand-written so that nothing is allocated or looked up per item
// beyond the item's own columns.
export function deriveItems(scope: DeriveScope, out: TimelineColumns): void {
  const { dataset, mapping, items } = scope
  const { createdMs, initialStatus, initialType, eventOffset } = dataset
  const { eventAt, eventKind, eventValue, eventFrom } = dataset
  const { stateTables, itemStateTable, itemFlowItemOverride, typeMapping } = mapping
  const { included, startMs, endMs, endState, activeMs, flowItem, openActiveMs } = out
  const { currentStatus, currentState, reopenCount, typeChanged, quality } = out
  const asOf = out.asOfMs
  const excluded = mapping.excludedItems
  const treatments = mapping.itemTreatment
  const bulkCloseMs = mapping.bulkCloseMs
  // Imported constants in locals: an imported binding is read again at each use in a loop.
  const STATUS = EVENT_STATUS
  const ACTIVE = STATE_ACTIVE
  const WAITING = STATE_WAITING
  const DONE = STATE_DONE
  const CANCELED = STATE_CANCELED
  const CONTRADICTORY = QUALITY_FLAGS.contradictory_history
  for (let k = 0; k < items.length; k++) {
    const i = items[k]!
    const created = createdMs[i]!
    const unmapped = excluded !== undefined && excluded[i] === 1
    if (created > asOf || unmapped) {
      quality[i]! |= unmapped ? QUALITY_FLAGS.unmapped_value : QUALITY_FLAGS.created_after_as_of
      startMs[i] = NaN
      endMs[i] = NaN
      endState[i] = NOT_ENDED
      continue
    }
    included[i] = 1
    const table = stateTables[itemStateTable[i]!]!
    let status = initialStatus[i]!
    let state = table[status]!
    let type = initialType[i]!
    let start = state === WAITING || state === ACTIVE ? created : NaN
    let stretch = state === DONE || state === CANCELED ? created : NaN
    let typeAtStretch = type
    let activeSince = state === ACTIVE ? created : NaN
    let active = 0
    let reopens = 0
    let flags = 0
    const last = eventOffset[i + 1]!
    for (let e = eventOffset[i]!; e < last; e++) {
      const at = eventAt[e]!
      if (at > asOf) break
      const value = eventValue[e]!
      if (eventKind[e] !== STATUS) {
        typeChanged[i] = 1
        type = value
        if (at === stretch) typeAtStretch = value
        continue
      }
      const from = eventFrom[e]!
      if (from !== -1 && from !== status) flags |= CONTRADICTORY
      const next = table[value]!
      if (state === ACTIVE && next !== ACTIVE) active += at - activeSince
      if (next === ACTIVE && state !== ACTIVE) activeSince = at
      if (start !== start && (next === WAITING || next === ACTIVE)) start = at
      const nextEnds = next === DONE || next === CANCELED
      const stateEnded = state === DONE || state === CANCELED
      if (nextEnds && !stateEnded) {
        stretch = at
        typeAtStretch = type
      } else if (!nextEnds && stateEnded) {
        reopens++
        stretch = NaN
      }
      status = value
      state = next
    }
    if (state === ACTIVE) {
      if (openActiveMs) openActiveMs[i] = activeSince
      else active += asOf - activeSince
    }
    currentStatus[i] = status
    currentState[i] = state
    reopenCount[i] = reopens
    if (isTerminal(state)) {
      if (stretch === created && (quality[i]! & QUALITY_FLAGS.no_status_history) !== 0) {
        flags |= QUALITY_FLAGS.closed_without_resolution
      }
      const doneWithoutStart = start !== start && state === STATE_DONE
      if (doneWithoutStart) flags |= QUALITY_FLAGS.done_without_start
      if (treatments !== undefined) {
        const bulk = bulkCloseMs !== undefined && stretch === bulkCloseMs[i]
        if (bulk) flags |= QUALITY_FLAGS.bulk_close
        const treat = treatmentFor(treatments[i]!, quality[i]! | flags)
        if (treat === TREAT_EXCLUDED) {
          included[i] = 0
          quality[i]! |= flags | QUALITY_FLAGS.excluded_by_rule
          startMs[i] = NaN
          endMs[i] = NaN
          endState[i] = NOT_ENDED
          continue
        }
        if (treat === TREAT_CANCELED) {
          state = STATE_CANCELED
          flags |= QUALITY_FLAGS.canceled_by_rule
        }
      }
      endMs[i] = stretch
      endState[i] = state
      // canceled without being waiting or active: never started, as a canceled item
      if (doneWithoutStart && state === STATE_DONE) start = stretch
      type = typeAtStretch
    } else {
      endMs[i] = NaN
      endState[i] = NOT_ENDED
    }
    startMs[i] = start
    activeMs[i] = active
    const forced = itemFlowItemOverride[i]!
    flowItem[i] = forced !== NO_OVERRIDE ? forced : typeMapping[type]!
    quality[i]! |= flags
  }
}
