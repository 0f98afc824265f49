import { Dictionary, qualify } from './dictionary'
import { QUALITY_FLAGS } from './data-quality-flags'
import type { FlowDataset, FlowDatasetBuilder, FlowDatasetCapacity } from './flow-dataset'
import type { WorkItemChange, WorkItemRecord } from './work-item-record'
import type { RecordInstants } from './parse-history-line'
import type { TimedChange } from './order-simultaneous'
import type { ScannedHistoryLine } from './scan-history-line'
import { ByteInterner } from './byte-interner'
import { orderSimultaneousChanges } from './order-simultaneous'
import { EVENT_STATUS, EVENT_TYPE } from './event-kinds'
import { parseInstant } from '../time/instant'
import { VmoError } from '../errors'

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

function grow<T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(
  array: T,
  size: number,
): T {
  if (size <= array.length) return array
  const next = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2))
  next.set(array)
  return next
}

function isDuplicate(a: TimedChange, b: TimedChange): boolean {
  return (
    a.at === b.at &&
    a.change.field === b.change.field &&
    a.change.from === b.change.from &&
    a.change.to === b.change.to
  )
}

/** Removes changes identical to an earlier one at the same instant; returns the flag when any. */
function removeDuplicates(events: TimedChange[]): number {
  let write = 0
  for (const event of events) {
    let duplicate = false
    for (let k = write - 1; k >= 0 && events[k]!.at === event.at && !duplicate; k--)
      duplicate = isDuplicate(events[k]!, event)
    if (!duplicate) events[write++] = event
  }
  const removed = events.length - write
  events.length = write
  return removed > 0 ? QUALITY_FLAGS.duplicated_changes : 0
}

function simultaneousFlag(events: readonly TimedChange[]): number {
  for (let k = 1; k < events.length; k++) {
    const [a, b] = [events[k - 1]!, events[k]!]
    if (a.at === b.at && a.kind === EVENT_STATUS && b.kind === EVENT_STATUS)
      return QUALITY_FLAGS.simultaneous_changes
  }
  return 0
}

/**
 * The statuses (or types) of one source: name → dataset id caches, by string and by the bytes of
 * a scanned line, so interning needs no string concatenation (nor string) per event.
 */
interface NameIds {
  source: string
  dictionary: Dictionary
  strings: Map<string, number>
  bytes: ByteInterner
}

interface SourceVocabulary {
  id: number
  statuses: NameIds
  types: NameIds
}

function nameIds(source: string, dictionary: Dictionary): NameIds {
  return { source, dictionary, strings: new Map(), bytes: new ByteInterner(true) }
}

/** The dataset id of `name` (`qualify(source, name)`), assigned on first sight. */
function internName(ids: NameIds, name: string): number {
  let id = ids.strings.get(name)
  if (id === undefined) {
    id = ids.dictionary.intern(qualify(ids.source, name))
    ids.strings.set(name, id)
  }
  return id
}

/**
 * The columnar builder. Typed arrays grow together (one capacity for items, one for events);
 * status/type changes of a record are first written to scratch arrays and copied out in order,
 * so the common case (changes sorted, no two at one instant) allocates nothing per change.
 * Hand-written because it runs for every change of every import (10M in the benchmark).
 */
class ColumnarBuilder implements FlowDatasetBuilder {
  readonly #sources = new Dictionary()
  readonly #statuses = new Dictionary()
  readonly #types = new Dictionary()
  readonly #projects = new Dictionary()
  readonly #teams = new Dictionary()
  readonly #vocabularies: SourceVocabulary[] = []
  /** The vocabulary last looked up, and its source: lines of one source often come in runs. */
  #lastSource: string | undefined
  #lastVocabulary: SourceVocabulary | undefined
  readonly #keys: string[] = []
  readonly #titles: (string | undefined)[] = []
  readonly #urls: (string | undefined)[] = []
  readonly #labels: (readonly string[] | undefined)[] = []
  readonly #fields: (Readonly<Record<string, unknown>> | undefined)[] = []
  readonly #parents: (string | undefined)[] = []
  #itemSource = new Uint16Array(1024)
  #itemProject = new Int32Array(1024)
  #itemTeam = new Int32Array(1024)
  #createdMs = new Float64Array(1024)
  #resolvedMs = new Float64Array(1024)
  #initialStatus = new Int32Array(1024)
  #initialType = new Int32Array(1024)
  #itemQuality = new Uint16Array(1024)
  #eventOffset = new Uint32Array(1025)
  #eventAt = new Float64Array(8192)
  #eventKind = new Uint8Array(8192)
  #eventValue = new Int32Array(8192)
  #eventFrom = new Int32Array(8192)
  #events = 0
  // scratch: the current record's status/type changes, in record order
  #scratchAt = new Float64Array(64)
  #scratchKind = new Uint8Array(64)
  #scratchChange: WorkItemChange[] = []
  /** The line `addScanned` is adding, whose bytes `#internRange` reads. */
  #line: ScannedHistoryLine | undefined

  get itemCount(): number {
    return this.#keys.length
  }

  #vocabulary(source: string): SourceVocabulary {
    if (source === this.#lastSource && this.#lastVocabulary !== undefined)
      return this.#lastVocabulary
    const id = this.#sources.intern(source)
    let vocabulary = this.#vocabularies[id]
    if (!vocabulary) {
      vocabulary = {
        id,
        statuses: nameIds(source, this.#statuses),
        types: nameIds(source, this.#types),
      }
      this.#vocabularies[id] = vocabulary
    }
    this.#lastSource = source
    this.#lastVocabulary = vocabulary
    return vocabulary
  }

  #intern(vocabulary: SourceVocabulary, kind: number, name: string): number {
    return internName(kind === EVENT_STATUS ? vocabulary.statuses : vocabulary.types, name)
  }

  /**
   * Collects status/type changes into scratch, their instants taken from `instants` when given;
   * returns their count and whether they are sorted.
   */
  #collect(
    record: WorkItemRecord,
    instants: Readonly<RecordInstants> | undefined,
  ): { count: number; sorted: boolean; ties: boolean } {
    let count = 0
    let sorted = true
    let ties = false
    const { changes } = record
    for (let c = 0; c < changes.length; c++) {
      const change = changes[c]!
      const kind =
        change.field === 'status' ? EVENT_STATUS : change.field === 'type' ? EVENT_TYPE : -1
      if (kind < 0) continue
      const at =
        instants === undefined
          ? instantOf(change.at, 'change time', record.key)
          : instants.changeMs[c]!
      if (count === this.#scratchAt.length) {
        this.#scratchAt = grow(this.#scratchAt, count + 1)
        this.#scratchKind = grow(this.#scratchKind, count + 1)
      }
      if (count > 0) {
        const previous = this.#scratchAt[count - 1]!
        if (at < previous) sorted = false
        else if (at === previous) ties = true
      }
      this.#scratchAt[count] = at
      this.#scratchKind[count] = kind
      this.#scratchChange[count] = change
      count++
    }
    return { count, sorted, ties }
  }

  /** The slow path (unsorted or simultaneous changes): objects, stable sort, dedupe, chain order. */
  #ordered(count: number): { events: TimedChange[]; flags: number } {
    const events: TimedChange[] = []
    for (let k = 0; k < count; k++)
      events.push({
        at: this.#scratchAt[k]!,
        kind: this.#scratchKind[k]!,
        change: this.#scratchChange[k]!,
      })
    events.sort((a, b) => a.at - b.at)
    let flags = removeDuplicates(events)
    orderSimultaneousChanges(events, EVENT_STATUS)
    orderSimultaneousChanges(events, EVENT_TYPE)
    flags |= simultaneousFlag(events)
    for (let k = 0; k < events.length; k++) {
      this.#scratchAt[k] = events[k]!.at
      this.#scratchKind[k] = events[k]!.kind
      this.#scratchChange[k] = events[k]!.change
    }
    return { events, flags }
  }

  reserve(capacity: FlowDatasetCapacity): void {
    if (capacity.items !== undefined) this.#ensureItemCapacity(capacity.items)
    if (capacity.events !== undefined) this.#ensureEventCapacity(capacity.events)
  }

  #ensureItemCapacity(n: number): void {
    if (n <= this.#itemSource.length) return
    this.#itemSource = grow(this.#itemSource, n)
    this.#itemProject = grow(this.#itemProject, n)
    this.#itemTeam = grow(this.#itemTeam, n)
    this.#createdMs = grow(this.#createdMs, n)
    this.#resolvedMs = grow(this.#resolvedMs, n)
    this.#initialStatus = grow(this.#initialStatus, n)
    this.#initialType = grow(this.#initialType, n)
    this.#itemQuality = grow(this.#itemQuality, n)
    // one more offset than items, always: sized from the grown item arrays, not from `n`
    this.#eventOffset = grow(this.#eventOffset, this.#itemSource.length + 1)
  }

  #ensureEventCapacity(n: number): void {
    if (n <= this.#eventAt.length) return
    this.#eventAt = grow(this.#eventAt, n)
    this.#eventKind = grow(this.#eventKind, n)
    this.#eventValue = grow(this.#eventValue, n)
    this.#eventFrom = grow(this.#eventFrom, n)
  }

  #initialValue(count: number, kind: number, now: string): string {
    for (let k = 0; k < count; k++)
      if (this.#scratchKind[k] === kind) return this.#scratchChange[k]!.from ?? now
    return now
  }

  add(record: WorkItemRecord, instants?: Readonly<RecordInstants>): void {
    const { key } = record
    const collected = this.#collect(record, instants)
    let count = collected.count
    let flags = 0
    if (!collected.sorted || collected.ties) {
      const ordered = this.#ordered(count)
      count = ordered.events.length
      flags |= ordered.flags
    }
    let created =
      instants === undefined ? instantOf(record.created, 'created', key) : instants.createdMs
    if (count > 0 && this.#scratchAt[0]! < created) {
      flags |= QUALITY_FLAGS.change_before_creation
      created = this.#scratchAt[0]!
    }
    let resolved =
      instants !== undefined
        ? instants.resolvedMs
        : record.resolved === undefined
          ? NaN
          : instantOf(record.resolved, 'resolved', key)
    if (resolved < created) {
      flags |= QUALITY_FLAGS.resolved_before_created
      resolved = NaN
    }
    const vocabulary = this.#vocabulary(record.source)
    const i = this.#keys.length
    this.#ensureItemCapacity(i + 1)
    this.#ensureEventCapacity(this.#events + count)
    // interned before the events so dictionary ids follow first appearance (map suggest relies on it)
    this.#initialStatus[i] = this.#intern(
      vocabulary,
      EVENT_STATUS,
      this.#initialValue(count, EVENT_STATUS, record.status),
    )
    this.#initialType[i] = this.#intern(
      vocabulary,
      EVENT_TYPE,
      this.#initialValue(count, EVENT_TYPE, record.type),
    )
    let hasStatus = false
    // A status change usually starts where the previous one ended: its `from` is that `to`,
    // already interned, so one map lookup per change is saved.
    let lastTo: string | null = null
    let lastToId = -1
    for (let k = 0; k < count; k++) {
      const kind = this.#scratchKind[k]!
      const change = this.#scratchChange[k]!
      const e = this.#events++
      hasStatus ||= kind === EVENT_STATUS
      this.#eventAt[e] = this.#scratchAt[k]!
      this.#eventKind[e] = kind
      const to = this.#intern(vocabulary, kind, change.to ?? '')
      const { from } = change
      this.#eventFrom[e] =
        from === null
          ? -1
          : kind === EVENT_STATUS && from === lastTo
            ? lastToId
            : this.#intern(vocabulary, kind, from)
      this.#eventValue[e] = to
      if (kind === EVENT_STATUS) {
        lastTo = change.to ?? ''
        lastToId = to
      }
    }
    if (!hasStatus) flags |= QUALITY_FLAGS.no_status_history
    this.#keys.push(key)
    this.#titles.push(record.title)
    this.#urls.push(record.url)
    this.#labels.push(record.labels)
    this.#fields.push(record.fields)
    this.#parents.push(record.parent)
    this.#itemSource[i] = vocabulary.id
    this.#itemProject[i] = record.project === undefined ? -1 : this.#projects.intern(record.project)
    this.#itemTeam[i] = record.team === undefined ? -1 : this.#teams.intern(record.team)
    this.#createdMs[i] = created
    this.#resolvedMs[i] = resolved
    this.#itemQuality[i] = flags
    this.#eventOffset[i + 1] = this.#events
    // The status and type now are part of the vocabulary even when no change leads to them.
    this.#intern(vocabulary, EVENT_STATUS, record.status)
    this.#intern(vocabulary, EVENT_TYPE, record.type)
    this.#scratchChange.length = 0
  }

  /** The id of the name whose raw JSON content is `start..end` of the current line. */
  #internRange(ids: NameIds, start: number, end: number): number {
    const line = this.#line!
    let id = ids.bytes.find(line.bytes, start, end)
    if (id < 0) {
      id = internName(ids, line.text(start, end))
      ids.bytes.remember(id)
    }
    return id
  }

  /** The `from` of the line's earliest event of `kind`, or else the value now, interned. */
  #initialRange(ids: NameIds, kind: number): number {
    const line = this.#line!
    for (let k = 0; k < line.eventCount; k++) {
      if (line.eventKind[k] !== kind) continue
      const start = line.fromStart[k]!
      if (start >= 0) return this.#internRange(ids, start, line.fromEnd[k]!)
      break
    }
    return kind === EVENT_STATUS
      ? this.#internRange(ids, line.statusStart, line.statusEnd)
      : this.#internRange(ids, line.typeStart, line.typeEnd)
  }

  /** Whether the current line's bytes `start..end` equal those from `other` on. */
  #sameBytes(start: number, end: number, other: number): boolean {
    const bytes = this.#line!.bytes
    for (let i = start, j = other; i < end; i++, j++) if (bytes[i] !== bytes[j]) return false
    return true
  }

  /**
   * Adds a line read by the scanner: the same steps as {@link add} for a record whose status and
   * type changes are sorted and at distinct instants (the scanner guarantees it), on byte ranges.
   */
  addScanned(line: ScannedHistoryLine): void {
    this.#line = line
    const count = line.eventCount
    let flags = 0
    let created = line.createdMs
    if (count > 0 && line.eventAt[0]! < created) {
      flags |= QUALITY_FLAGS.change_before_creation
      created = line.eventAt[0]!
    }
    let resolved = line.resolvedMs
    if (resolved < created) {
      flags |= QUALITY_FLAGS.resolved_before_created
      resolved = NaN
    }
    const vocabulary = this.#vocabulary(line.source)
    const { statuses, types } = vocabulary
    const i = this.#keys.length
    this.#ensureItemCapacity(i + 1)
    this.#ensureEventCapacity(this.#events + count)
    // in the order of add(): dictionary ids follow first appearance
    this.#initialStatus[i] = this.#initialRange(statuses, EVENT_STATUS)
    this.#initialType[i] = this.#initialRange(types, EVENT_TYPE)
    let hasStatus = false
    let hasType = false
    let lastToStart = 0
    let lastToEnd = 0
    let lastToId = -1
    for (let k = 0; k < count; k++) {
      const kind = line.eventKind[k]!
      const ids = kind === EVENT_STATUS ? statuses : types
      const e = this.#events++
      hasStatus ||= kind === EVENT_STATUS
      hasType ||= kind === EVENT_TYPE
      this.#eventAt[e] = line.eventAt[k]!
      this.#eventKind[e] = kind
      const toStart = line.toStart[k]!
      const toEnd = toStart < 0 ? toStart : line.toEnd[k]!
      const to = toStart < 0 ? internName(ids, '') : this.#internRange(ids, toStart, toEnd)
      const fromStart = line.fromStart[k]!
      const fromEnd = line.fromEnd[k]!
      this.#eventFrom[e] =
        fromStart < 0
          ? -1
          : kind === EVENT_STATUS &&
              lastToId >= 0 &&
              ((fromStart === lastToStart && fromEnd === lastToEnd) ||
                (fromEnd - fromStart === lastToEnd - lastToStart &&
                  this.#sameBytes(fromStart, fromEnd, lastToStart)))
            ? lastToId
            : this.#internRange(ids, fromStart, fromEnd)
      this.#eventValue[e] = to
      if (kind === EVENT_STATUS) {
        lastToStart = toStart
        lastToEnd = toEnd
        lastToId = to
      }
    }
    if (!hasStatus) flags |= QUALITY_FLAGS.no_status_history
    this.#keys.push(line.key)
    this.#titles.push(line.title)
    this.#urls.push(line.url)
    this.#labels.push(line.labels)
    this.#fields.push(line.fields)
    this.#parents.push(line.parent)
    this.#itemSource[i] = vocabulary.id
    this.#itemProject[i] = line.project === undefined ? -1 : this.#projects.intern(line.project)
    this.#itemTeam[i] = line.team === undefined ? -1 : this.#teams.intern(line.team)
    this.#createdMs[i] = created
    this.#resolvedMs[i] = resolved
    this.#itemQuality[i] = flags
    this.#eventOffset[i + 1] = this.#events
    // The status now is interned already: it is the last status change's `to` (the scanner
    // checked their bytes) or, with no status change, the initial status. So is the type now
    // when no change of type leads away from it.
    if (hasType) this.#internRange(types, line.typeStart, line.typeEnd)
    this.#line = undefined
  }

  build(): FlowDataset {
    const n = this.#keys.length
    const e = this.#events
    // arrays of exactly the right size (a reserved capacity that matched) are handed out as they are
    const fit = <T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(
      array: T,
      size: number,
    ): T => (array.length === size ? array : (array.slice(0, size) as T))
    return {
      itemCount: n,
      sources: this.#sources,
      statuses: this.#statuses,
      types: this.#types,
      projects: this.#projects,
      teams: this.#teams,
      itemSource: fit(this.#itemSource, n),
      itemKey: this.#keys,
      itemTitle: this.#titles,
      itemUrl: this.#urls,
      itemProject: fit(this.#itemProject, n),
      itemTeam: fit(this.#itemTeam, n),
      itemLabels: this.#labels,
      itemFields: this.#fields,
      itemParent: this.#parents,
      createdMs: fit(this.#createdMs, n),
      resolvedMs: fit(this.#resolvedMs, n),
      initialStatus: fit(this.#initialStatus, n),
      initialType: fit(this.#initialType, n),
      eventOffset: fit(this.#eventOffset, n + 1),
      eventAt: fit(this.#eventAt, e),
      eventKind: fit(this.#eventKind, e),
      eventValue: fit(this.#eventValue, e),
      eventFrom: fit(this.#eventFrom, e),
      itemQuality: fit(this.#itemQuality, n),
    }
  }
}

/**
 * Creates an empty {@link FlowDatasetBuilder}, its arrays sized for `capacity` when given (a
 * loader that knows the item count saves the copies of growing, and the final copy when the
 * count is exact).
 */
export function createFlowDatasetBuilder(capacity: FlowDatasetCapacity = {}): FlowDatasetBuilder {
  const builder = new ColumnarBuilder()
  builder.reserve(capacity)
  return builder
}
