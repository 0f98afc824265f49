import { Dictionary, qualify } from './dictionary'
import { GrowableArray } from './growable'
import { QUALITY_FLAGS } from './data-quality-flags'
import type { WorkItemRecord } from './work-item-record'
import type { TimedChange } from './order-simultaneous'
import { orderSimultaneousChanges } from './order-simultaneous'
import { parseInstant } from '../time/instant'
import { VmoError } from '../errors'

/** Event kinds in {@link FlowDataset.eventKind}. */
export const EVENT_STATUS = 0
export const EVENT_TYPE = 1

/**
 * Work items in columnar form: the engine's input. Item `i`'s status and type changes are events
 * `eventOffset[i] .. eventOffset[i + 1] - 1`, sorted by instant (stable). Statuses and types are
 * interned per source (`qualify(source, name)`), so a mapping can treat `jira:Review` and
 * `github:Review` differently. Instants are epoch ms.
 */
export interface FlowDataset {
  readonly itemCount: number
  readonly sources: Dictionary
  /** Keys are `qualify(source, status)`. */
  readonly statuses: Dictionary
  /** Keys are `qualify(source, type)`. */
  readonly types: Dictionary
  readonly projects: Dictionary
  readonly teams: Dictionary
  readonly itemSource: Uint16Array
  readonly itemKey: readonly string[]
  readonly itemTitle: readonly (string | undefined)[]
  readonly itemUrl: readonly (string | undefined)[]
  /** Project id or -1. */
  readonly itemProject: Int32Array
  /** Team id (the team now) or -1. */
  readonly itemTeam: Int32Array
  readonly itemLabels: readonly (readonly string[] | undefined)[]
  readonly itemFields: readonly (Readonly<Record<string, unknown>> | undefined)[]
  readonly itemParent: readonly (string | undefined)[]
  /** Creation instant; when a change precedes it, the first change's instant (flagged). */
  readonly createdMs: Float64Array
  /** `resolved` when given and not before creation, else NaN. */
  readonly resolvedMs: Float64Array
  /** Status at creation: the `from` of the earliest status change, or the status now. */
  readonly initialStatus: Int32Array
  /** Type at creation: the `from` of the earliest type change, or the type now. */
  readonly initialType: Int32Array
  readonly eventOffset: Uint32Array
  readonly eventAt: Float64Array
  readonly eventKind: Uint8Array
  /** The status or type id after the change. */
  readonly eventValue: Int32Array
  /** The status or type id before the change, -1 when empty. */
  readonly eventFrom: Int32Array
  /** Data-quality bits found while building (see QUALITY_FLAGS). */
  readonly itemQuality: Uint16Array
}

/** Incrementally builds a {@link FlowDataset}; records may come in any order. */
export interface FlowDatasetBuilder {
  add(record: WorkItemRecord): void
  readonly itemCount: number
  build(): FlowDataset
}

type PendingEvent = TimedChange

function byInstant(a: PendingEvent, b: PendingEvent): number {
  return a.at - b.at
}

function hasTies(events: readonly PendingEvent[]): boolean {
  for (let k = 1; k < events.length; k++) if (events[k]!.at === events[k - 1]!.at) return true
  return false
}

/** Removes changes identical to an earlier one at the same instant; returns the flag when any. */
function removeDuplicates(events: PendingEvent[]): number {
  let write = 0
  for (let read = 0; read < events.length; read++) {
    const event = events[read]!
    let duplicate = false
    for (let k = write - 1; k >= 0 && events[k]!.at === event.at && !duplicate; k--) {
      duplicate = isDuplicate(events[k]!, event)
    }
    if (!duplicate) events[write++] = event
  }
  const removed = events.length - write
  events.length = write
  return removed > 0 ? QUALITY_FLAGS.duplicated_changes : 0
}

function isDuplicate(a: PendingEvent, b: PendingEvent): boolean {
  return (
    a.at === b.at &&
    a.change.field === b.change.field &&
    a.change.from === b.change.from &&
    a.change.to === b.change.to
  )
}

function instantOf(text: string, what: string, key: string): number {
  const ms = parseInstant(text)
  if (Number.isNaN(ms)) {
    throw new VmoError(
      'INVALID_INPUT',
      `item "${key}": ${what} "${text}" is not an ISO-8601 instant with an offset`,
    )
  }
  return ms
}

/** Creates an empty {@link FlowDatasetBuilder}. */
export function createFlowDatasetBuilder(): FlowDatasetBuilder {
  const sources = new Dictionary()
  const statuses = new Dictionary()
  const types = new Dictionary()
  const projects = new Dictionary()
  const teams = new Dictionary()
  const itemSource = new GrowableArray(Uint16Array)
  const itemKey: string[] = []
  const itemTitle: (string | undefined)[] = []
  const itemUrl: (string | undefined)[] = []
  const itemProject = new GrowableArray(Int32Array)
  const itemTeam = new GrowableArray(Int32Array)
  const itemLabels: (readonly string[] | undefined)[] = []
  const itemFields: (Readonly<Record<string, unknown>> | undefined)[] = []
  const itemParent: (string | undefined)[] = []
  const createdMs = new GrowableArray(Float64Array)
  const resolvedMs = new GrowableArray(Float64Array)
  const initialStatus = new GrowableArray(Int32Array)
  const initialType = new GrowableArray(Int32Array)
  const eventOffset = new GrowableArray(Uint32Array)
  const eventAt = new GrowableArray(Float64Array)
  const eventKind = new GrowableArray(Uint8Array)
  const eventValue = new GrowableArray(Int32Array)
  const eventFrom = new GrowableArray(Int32Array)
  const itemQuality = new GrowableArray(Uint16Array)
  const pending: PendingEvent[] = []
  eventOffset.push(0)

  function collectEvents(record: WorkItemRecord): number {
    pending.length = 0
    let flags = 0
    let sorted = true
    for (const change of record.changes) {
      const kind =
        change.field === 'status' ? EVENT_STATUS : change.field === 'type' ? EVENT_TYPE : -1
      if (kind < 0) continue
      const at = instantOf(change.at, 'change time', record.key)
      if (pending.length > 0 && at < pending[pending.length - 1]!.at) sorted = false
      pending.push({ at, kind, change })
    }
    if (!sorted) pending.sort(byInstant)
    if (!hasTies(pending)) return flags
    flags |= removeDuplicates(pending)
    orderSimultaneousChanges(pending, EVENT_STATUS)
    orderSimultaneousChanges(pending, EVENT_TYPE)
    for (let k = 1; k < pending.length; k++) {
      const [a, b] = [pending[k - 1]!, pending[k]!]
      if (a.at === b.at && a.kind === EVENT_STATUS && b.kind === EVENT_STATUS)
        flags |= QUALITY_FLAGS.simultaneous_changes
    }
    return flags
  }

  function internValue(dict: Dictionary, source: string, value: string | null): number {
    return value === null ? -1 : dict.intern(qualify(source, value))
  }

  function initialValue(kind: number, now: string): string {
    for (const event of pending) if (event.kind === kind) return event.change.from ?? now
    return now
  }

  function add(record: WorkItemRecord): void {
    const { source, key } = record
    let flags = collectEvents(record)
    let created = instantOf(record.created, 'created', key)
    const firstAt = pending.length > 0 ? pending[0]!.at : created
    if (firstAt < created) {
      flags |= QUALITY_FLAGS.change_before_creation
      created = firstAt
    }
    let resolved = record.resolved === undefined ? NaN : instantOf(record.resolved, 'resolved', key)
    if (resolved < created) {
      flags |= QUALITY_FLAGS.resolved_before_created
      resolved = NaN
    }
    if (!pending.some((event) => event.kind === EVENT_STATUS))
      flags |= QUALITY_FLAGS.no_status_history
    itemSource.push(sources.intern(source))
    itemKey.push(key)
    itemTitle.push(record.title)
    itemUrl.push(record.url)
    itemProject.push(record.project === undefined ? -1 : projects.intern(record.project))
    itemTeam.push(record.team === undefined ? -1 : teams.intern(record.team))
    itemLabels.push(record.labels)
    itemFields.push(record.fields)
    itemParent.push(record.parent)
    createdMs.push(created)
    resolvedMs.push(resolved)
    initialStatus.push(statuses.intern(qualify(source, initialValue(EVENT_STATUS, record.status))))
    initialType.push(types.intern(qualify(source, initialValue(EVENT_TYPE, record.type))))
    for (const event of pending) {
      const dict = event.kind === EVENT_STATUS ? statuses : types
      eventAt.push(event.at)
      eventKind.push(event.kind)
      eventValue.push(internValue(dict, source, event.change.to ?? ''))
      eventFrom.push(internValue(dict, source, event.change.from))
    }
    eventOffset.push(eventAt.length)
    itemQuality.push(flags)
    // The status now is part of the vocabulary even when no change leads to it.
    statuses.intern(qualify(source, record.status))
    types.intern(qualify(source, record.type))
  }

  return {
    add,
    get itemCount() {
      return itemKey.length
    },
    build: () => ({
      itemCount: itemKey.length,
      sources,
      statuses,
      types,
      projects,
      teams,
      itemSource: itemSource.toArray(),
      itemKey,
      itemTitle,
      itemUrl,
      itemProject: itemProject.toArray(),
      itemTeam: itemTeam.toArray(),
      itemLabels,
      itemFields,
      itemParent,
      createdMs: createdMs.toArray(),
      resolvedMs: resolvedMs.toArray(),
      initialStatus: initialStatus.toArray(),
      initialType: initialType.toArray(),
      eventOffset: eventOffset.toArray(),
      eventAt: eventAt.toArray(),
      eventKind: eventKind.toArray(),
      eventValue: eventValue.toArray(),
      eventFrom: eventFrom.toArray(),
      itemQuality: itemQuality.toArray(),
    }),
  }
}

/** Builds a {@link FlowDataset} from records in one call. */
export function createFlowDataset(records: Iterable<WorkItemRecord>): FlowDataset {
  const builder = createFlowDatasetBuilder()
  for (const record of records) builder.add(record)
  return builder.build()
}
