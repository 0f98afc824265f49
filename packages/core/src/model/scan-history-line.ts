import { InstantBytesReader } from '../time/instant-bytes'
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  DIGIT_0,
  DIGIT_9,
  ESCAPED,
  JsonByteLexer,
  LITERALS,
  MINUS,
  NON_ASCII,
  OPEN_BRACE,
  OPEN_BRACKET,
  PLAIN,
  QUOTE,
} from './json-byte-lexer'
import type { ByteText } from './byte-text'
import { PORTABLE_BYTE_TEXT, SHORT_ASCII, shortAscii } from './byte-text'
import { ByteCache } from './byte-cache'
import { EVENT_STATUS, EVENT_TYPE } from './event-kinds'

/**
 * One NDJSON history line as {@link HistoryLineScanner} read it from its bytes, for
 * `FlowDatasetBuilder.addScanned`: the item's strings, its instants in epoch ms and its status and
 * type changes in file order (strictly increasing instants) with their values as byte ranges of
 * `bytes` (the raw content of a JSON string, escapes and all: decode with {@link text}).
 */
export interface ScannedHistoryLine {
  readonly bytes: Uint8Array
  readonly source: string
  readonly key: string
  readonly title: string | undefined
  readonly url: string | undefined
  readonly project: string | undefined
  readonly team: string | undefined
  readonly parent: string | undefined
  readonly labels: string[] | undefined
  readonly fields: Record<string, unknown> | undefined
  readonly createdMs: number
  /** NaN when the line has no `resolved`. */
  readonly resolvedMs: number
  /** The type now, as a byte range. */
  readonly typeStart: number
  readonly typeEnd: number
  /** The status now, as a byte range. */
  readonly statusStart: number
  readonly statusEnd: number
  /** All changes of the line, of any field. */
  readonly changeCount: number
  /** Status and type changes: `eventAt[0 .. eventCount - 1]` and so on. */
  readonly eventCount: number
  readonly eventAt: Float64Array
  /** EVENT_STATUS or EVENT_TYPE. */
  readonly eventKind: Uint8Array
  /** Byte range of `from`; `fromStart` is -1 when `from` is null. */
  readonly fromStart: Int32Array
  readonly fromEnd: Int32Array
  /** Byte range of `to`; `toStart` is -1 when `to` is null. */
  readonly toStart: Int32Array
  readonly toEnd: Int32Array
  /** The string whose raw JSON content is `bytes[start..end]`. */
  text(start: number, end: number): string
}

// Flags of a scanned member (beside the lexer's ESCAPED and NON_ASCII).
const IS_STRING = 4
const IS_NULL = 8

// The top-level members read, by slot; the others are checked as JSON and ignored.
const SOURCE = 0
const KEY = 1
const ID = 2
const URL = 3
const PROJECT = 4
const TYPE = 5
const TITLE = 6
const CREATED = 7
const STATUS = 8
const TEAM = 9
const LABELS = 10
const PARENT = 11
const LINKS = 12
const RESOLVED = 13
const FIELDS = 14
const CHANGES = 15
const UNKNOWN = -1
const MEMBERS: readonly [number, string][] = [
  [SOURCE, 'source'],
  [KEY, 'key'],
  [ID, 'id'],
  [URL, 'url'],
  [PROJECT, 'project'],
  [TYPE, 'type'],
  [TITLE, 'title'],
  [CREATED, 'created'],
  [STATUS, 'status'],
  [TEAM, 'team'],
  [LABELS, 'labels'],
  [PARENT, 'parent'],
  [LINKS, 'links'],
  [RESOLVED, 'resolved'],
  [FIELDS, 'fields'],
  [CHANGES, 'changes'],
]
const REQUIRED = [SOURCE, KEY, TYPE, STATUS]
const LITERAL_VALUES = [true, false, null]
/** Values each cache of repeated values holds at most. */
const CACHED_VALUES = 4096

/**
 * ASCII text (4 bytes or more) to compare with a line's bytes four at a time: its 32-bit
 * little-endian words at `offsets` (the last one overlapping the one before when needed).
 */
interface Literal {
  length: number
  offsets: Uint8Array
  words: Uint32Array
}

function ascii(text: string): Literal {
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0))
  const offsets: number[] = []
  for (let at = 0; at + 4 < bytes.length; at += 4) offsets.push(at)
  offsets.push(bytes.length - 4)
  const view = new DataView(bytes.buffer)
  const words = Uint32Array.from(offsets, (at) => view.getUint32(at, true))
  return { length: bytes.length, offsets: Uint8Array.from(offsets), words }
}
/** `"name":` of each member by slot. */
const MEMBER_OPENINGS = MEMBERS.map(([, name]) => ascii(`"${name}":`))
/** Indexes of `#nextMember` besides the slots: at the start, and after an unknown member. */
const FIRST_MEMBER = MEMBERS.length
const AFTER_UNKNOWN = MEMBERS.length + 1

/** Candidate members by name length: [slot, bytes of the name]. */
const MEMBERS_BY_LENGTH: [number, Uint8Array][][] = []
for (const [slot, name] of MEMBERS) {
  const bytes = Uint8Array.from(name, (c) => c.charCodeAt(0))
  ;(MEMBERS_BY_LENGTH[name.length] ??= []).push([slot, bytes])
}

// Members of a change, as bits.
const AT = 1
const FIELD = 2
const FROM = 4
const TO = 8
const ALL_OF_CHANGE = AT | FIELD | FROM | TO
const OTHER_FIELD = 2
/** A change not in the compact form (which the general reading then handles). */
const NOT_COMPACT = -2

const AT_OPEN = ascii('{"at":"')
const FIELD_OPEN = ascii(',"field":"')
const STATUS_CLOSE = ascii('status"')
const TYPE_CLOSE = ascii('type"')
const FROM_OPEN = ascii(',"from":')
const TO_OPEN = ascii(',"to":')
const NULL = ascii('null')

/**
 * Reads one NDJSON history line (docs/importing.md ("NDJSON history")) from its bytes, without decoding it and without
 * making an object per change, and validates it. It reads the common shape completely — any key
 * order, whitespace, escapes and UTF-8 in strings, unknown members — and says no (`scan` returns
 * false) to anything else: invalid lines (a repeated member name in any object included), but
 * also valid ones it does not read, such as timestamps in unusual forms or without an offset,
 * status or type changes out of order or at one instant, a `source` or `key` with escapes (which
 * may hide a control character), member names with escapes, or a `status` that equals the last
 * status change's `to` only once escapes are decoded. The
 * caller then takes the reference path (decode the line, `parseHistoryLine`, `builder.add`), so
 * reasons, sorting and data-quality rules stay in one place. When `scan` returns true the line
 * is valid and the scanner's fields describe it until the next call.
 *
 * Hand-written (the team otherwise prefers a library) because it is the engine's hot path:
 * reading 10M changes with `JSON.parse` took most of an import's time, mostly for objects and
 * strings the dataset never keeps.
 */
export class HistoryLineScanner extends JsonByteLexer implements ScannedHistoryLine {
  source = ''
  key = ''
  title: string | undefined = undefined
  url: string | undefined = undefined
  project: string | undefined = undefined
  team: string | undefined = undefined
  parent: string | undefined = undefined
  labels: string[] | undefined = undefined
  fields: Record<string, unknown> | undefined = undefined
  createdMs = NaN
  resolvedMs = NaN
  typeStart = 0
  typeEnd = 0
  statusStart = 0
  statusEnd = 0
  changeCount = 0
  eventCount = 0
  eventAt = new Float64Array(64)
  eventKind = new Uint8Array(64)
  fromStart = new Int32Array(64)
  fromEnd = new Int32Array(64)
  toStart = new Int32Array(64)
  toEnd = new Int32Array(64)

  readonly #text: ByteText
  /** `bytes` as a DataView, to compare four bytes at a time. */
  #view = new DataView(this.bytes.buffer)
  readonly #strings = new ByteCache<string>(CACHED_VALUES)
  readonly #labelLists = new ByteCache<string[]>(CACHED_VALUES)
  readonly #fieldObjects = new ByteCache<Record<string, unknown>>(CACHED_VALUES)
  #seen = 0
  readonly #memberStart = new Int32Array(MEMBERS.length)
  readonly #memberEnd = new Int32Array(MEMBERS.length)
  readonly #memberFlags = new Int32Array(MEMBERS.length)
  /** The member that followed each member (by slot) last time, or -1: a guess for the next. */
  readonly #nextMember = new Int8Array(MEMBERS.length + 2).fill(UNKNOWN)
  #lastStatus = -1
  readonly #instants = new InstantBytesReader()
  // the change being read, and the last `from`/`to` value read
  #changeAt = NaN
  #changeKind = OTHER_FIELD
  #fromStart = -1
  #fromEnd = -1
  #toStart = -1
  #toEnd = -1
  #valueStart = -1
  #valueEnd = -1

  /** `text` makes strings of validated bytes; Node callers pass Buffer's faster methods. */
  constructor(text: ByteText = PORTABLE_BYTE_TEXT) {
    super()
    this.#text = text
  }

  /** Reads the line `bytes[start..end]` (no newline); false when it must take the reference path. */
  scan(bytes: Uint8Array, start: number, end: number): boolean {
    if (bytes !== this.bytes) {
      this.bytes = bytes
      this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    }
    this.end = end
    this.nameCount = 0
    this.#seen = 0
    this.changeCount = 0
    this.eventCount = 0
    this.#lastStatus = -1
    this.labels = undefined
    this.fields = undefined
    this.resolvedMs = NaN
    const pos = this.#object(this.ws(start))
    return pos >= 0 && this.ws(pos) === end && this.#complete()
  }

  text(start: number, end: number): string {
    let flags = 0
    const bytes = this.bytes
    for (let i = start; i < end; i++) {
      if (bytes[i] === BACKSLASH) flags |= ESCAPED
      else if (bytes[i]! >= 0x80) flags |= NON_ASCII
    }
    return this.#decode(start, end, flags)
  }

  /** The string whose raw JSON content is `start..end`, with the flags its scan gave. */
  #decode(start: number, end: number, flags: number): string {
    if (flags === 0 && end - start <= SHORT_ASCII) return shortAscii(this.bytes, start, end - start)
    const text =
      (flags & NON_ASCII) === 0
        ? this.#text.ascii(this.bytes, start, end)
        : this.#text.utf8(this.bytes, start, end)
    return (flags & ESCAPED) === 0 ? text : (JSON.parse(`"${text}"`) as string)
  }

  /** Like `#decode`, through the cache: for values that repeat (a team, a label). */
  #decodeCached(start: number, end: number, flags: number): string {
    if (flags !== 0) return this.#decode(start, end, flags)
    const cached = this.#strings.find(this.bytes, start, end)
    if (cached !== undefined) return cached
    const text = this.#decode(start, end, flags)
    this.#strings.add(text)
    return text
  }

  /** The string member `slot`, or undefined when absent or null. */
  #member(slot: number): string | undefined {
    const flags = this.#memberFlags[slot]!
    if ((this.#seen & (1 << slot)) === 0 || (flags & IS_STRING) === 0) return undefined
    return this.#decode(this.#memberStart[slot]!, this.#memberEnd[slot]!, flags)
  }

  /** Like `#member`, through the cache. */
  #cachedMember(slot: number): string | undefined {
    const flags = this.#memberFlags[slot]!
    if ((this.#seen & (1 << slot)) === 0 || (flags & IS_STRING) === 0) return undefined
    return this.#decodeCached(this.#memberStart[slot]!, this.#memberEnd[slot]!, flags)
  }

  /** Checks the required members and the status now, then makes the strings kept. */
  #complete(): boolean {
    for (const slot of REQUIRED) {
      if ((this.#seen & (1 << slot)) === 0 || (this.#memberFlags[slot]! & IS_STRING) === 0)
        return false
      if (this.#memberStart[slot] === this.#memberEnd[slot]) return false
    }
    if ((this.#seen & (1 << CREATED)) === 0) return false
    // an escape in the source or key may hide a control character: the reference path checks
    if (((this.#memberFlags[SOURCE]! | this.#memberFlags[KEY]!) & ESCAPED) !== 0) return false
    this.typeStart = this.#memberStart[TYPE]!
    this.typeEnd = this.#memberEnd[TYPE]!
    this.statusStart = this.#memberStart[STATUS]!
    this.statusEnd = this.#memberEnd[STATUS]!
    if (this.#lastStatus >= 0 && !this.#toIsStatus(this.#lastStatus)) return false
    this.source = this.#cachedMember(SOURCE)!
    this.key = this.#member(KEY)!
    this.title = this.#member(TITLE)
    this.url = this.#member(URL)
    this.project = this.#cachedMember(PROJECT)
    this.team = this.#cachedMember(TEAM)
    this.parent = this.#member(PARENT)
    return true
  }

  /** Whether event `k`'s `to` has the very bytes of the status now. */
  #toIsStatus(k: number): boolean {
    const start = this.toStart[k]!
    if (start < 0 || this.toEnd[k]! - start !== this.statusEnd - this.statusStart) return false
    const bytes = this.bytes
    for (let i = start, j = this.statusStart; j < this.statusEnd; i++, j++)
      if (bytes[i] !== bytes[j]) return false
    return true
  }

  /** Scans a string value at `pos` (its quote) into member `slot`; returns the position after. */
  #stringMember(slot: number, pos: number, nullable: boolean): number {
    if (this.at(pos) === QUOTE) {
      const close = this.string(pos + 1)
      if (close < 0) return -1
      this.#memberStart[slot] = pos + 1
      this.#memberEnd[slot] = close
      this.#memberFlags[slot] = this.flags | IS_STRING
      return close + 1
    }
    if (!nullable || !this.literal(pos, 'null')) return -1
    this.#memberFlags[slot] = IS_NULL
    return pos + 4
  }

  /** An instant (a string) at `pos`: its epoch ms go to `#instants.ms`; the position after it or -1. */
  #instant(pos: number): number {
    if (this.at(pos) !== QUOTE) return -1
    const close = this.string(pos + 1)
    if (close < 0 || this.flags !== 0) return -1
    return this.#instants.read(this.bytes, pos + 1, close) ? close + 1 : -1
  }

  /** The member whose name is the string content `start..end` (no escapes), or UNKNOWN. */
  #memberOf(start: number, end: number): number {
    const candidates = MEMBERS_BY_LENGTH[end - start]
    if (candidates === undefined) return UNKNOWN
    const bytes = this.bytes
    for (const [slot, name] of candidates) {
      let i = 0
      while (i < name.length && bytes[start + i] === name[i]) i++
      if (i === name.length) return slot
    }
    return UNKNOWN
  }

  /** The top-level object at `pos`; returns the position after it or -1. */
  #object(pos: number): number {
    if (this.at(pos) !== OPEN_BRACE) return -1
    pos = this.ws(pos + 1)
    if (this.at(pos) === CLOSE_BRACE) return -1
    let previous = FIRST_MEMBER
    for (;;) {
      // lines of one file list their members in one order: try the one that came next last time
      let slot = this.#nextMember[previous]!
      if (slot >= 0 && this.#follows(pos, MEMBER_OPENINGS[slot]!)) {
        pos += MEMBER_OPENINGS[slot]!.length
      } else {
        if (this.at(pos) !== QUOTE) return -1
        const close = this.string(pos + 1)
        if (close < 0 || (this.flags & ESCAPED) !== 0) return -1
        slot = this.#memberOf(pos + 1, close)
        // the line's unknown members have their names at the pool's bottom (from 0)
        if (slot === UNKNOWN && !this.addName(0, pos + 1, close)) return -1
        pos = this.ws(close + 1)
        if (this.at(pos) !== COLON) return -1
        pos++
        this.#nextMember[previous] = slot
      }
      pos = this.ws(pos)
      if (slot !== UNKNOWN) {
        if ((this.#seen & (1 << slot)) !== 0) return -1
        this.#seen |= 1 << slot
      }
      pos = this.#memberValue(slot, pos)
      if (pos < 0) return -1
      pos = this.ws(pos)
      const b = this.at(pos)
      if (b === CLOSE_BRACE) return pos + 1
      if (b !== COMMA) return -1
      pos = this.ws(pos + 1)
      previous = slot === UNKNOWN ? AFTER_UNKNOWN : slot
    }
  }

  #memberValue(slot: number, pos: number): number {
    switch (slot) {
      case SOURCE:
      case KEY:
      case TYPE:
      case STATUS:
        return this.#stringMember(slot, pos, false)
      case CREATED:
        pos = this.#instant(pos)
        this.createdMs = this.#instants.ms
        return pos
      case RESOLVED:
        if (this.literal(pos, 'null')) return pos + 4
        pos = this.#instant(pos)
        this.resolvedMs = this.#instants.ms
        return pos
      case CHANGES:
        if (this.literal(pos, 'null')) return pos + 4
        return this.at(pos) === OPEN_BRACKET ? this.#changes(pos) : -1
      case LABELS:
        return this.#labels(pos)
      case LINKS:
        return this.#links(pos)
      case FIELDS:
        return this.#fields(pos)
      case UNKNOWN:
        return this.skip(pos, 0)
      default:
        // id, url, project, title, team, parent: a string or null
        return this.#stringMember(slot, pos, true)
    }
  }

  /**
   * `labels`: null or an array of strings. Lines with the same label bytes share one array (the
   * dataset's label lists are read-only), which saves a million small arrays per large import.
   */
  #labels(pos: number): number {
    if (this.literal(pos, 'null')) return pos + 4
    const end = this.#stringArray(pos)
    if (end < 0) return -1
    const cached = this.#labelLists.find(this.bytes, pos, end)
    if (cached !== undefined) {
      this.labels = cached
      return end
    }
    const labels: string[] = []
    for (let at = this.ws(pos + 1); this.at(at) === QUOTE; at = this.ws(at + 1)) {
      const close = this.string(at + 1)
      labels.push(this.#decodeCached(at + 1, close, this.flags))
      at = this.ws(close + 1)
      if (this.at(at) !== COMMA) break
    }
    this.#labelLists.add(labels)
    this.labels = labels
    return end
  }

  /** Checks an array of strings at `pos`; returns the position after it or -1. */
  #stringArray(pos: number): number {
    if (this.at(pos) !== OPEN_BRACKET) return -1
    pos = this.ws(pos + 1)
    if (this.at(pos) === CLOSE_BRACKET) return pos + 1
    for (;;) {
      if (this.at(pos) !== QUOTE) return -1
      const close = this.string(pos + 1)
      if (close < 0) return -1
      pos = this.ws(close + 1)
      const b = this.at(pos)
      if (b === CLOSE_BRACKET) return pos + 1
      if (b !== COMMA) return -1
      pos = this.ws(pos + 1)
    }
  }

  /** The JSON value `start..end` (already checked) parsed, or undefined. */
  #parse(start: number, end: number): unknown {
    try {
      return JSON.parse(this.#decode(start, end, this.anyFlags & NON_ASCII))
    } catch {
      return undefined
    }
  }

  /** `links`: null or an array of objects with non-empty `type` and `target` strings. */
  #links(pos: number): number {
    if (this.literal(pos, 'null')) return pos + 4
    if (this.at(pos) !== OPEN_BRACKET) return -1
    this.anyFlags = 0
    const end = this.skip(pos, 0)
    if (end < 0) return -1
    const links = this.#parse(pos, end)
    if (!Array.isArray(links)) return -1
    for (const link of links as unknown[]) {
      if (typeof link !== 'object' || link === null || Array.isArray(link)) return -1
      const { type, target } = link as Record<string, unknown>
      if (typeof type !== 'string' || type === '' || typeof target !== 'string' || target === '')
        return -1
    }
    return end
  }

  /**
   * `fields`: null or an object. Lines with the same bytes share one object (the dataset's
   * fields are read-only); flat objects are built here, others by JSON.parse (small).
   */
  #fields(pos: number): number {
    if (this.literal(pos, 'null')) return pos + 4
    if (this.at(pos) !== OPEN_BRACE) return -1
    this.anyFlags = 0
    const end = this.skip(pos, 0)
    if (end < 0) return -1
    const cached = this.#fieldObjects.find(this.bytes, pos, end)
    if (cached !== undefined) {
      this.fields = cached
      return end
    }
    const anyFlags = this.anyFlags
    if (this.#flatFields(pos) !== end) {
      this.anyFlags = anyFlags
      const fields = this.#parse(pos, end)
      if (typeof fields !== 'object' || fields === null) return -1
      this.fields = fields as Record<string, unknown>
    }
    this.#fieldObjects.add(this.fields!)
    return end
  }

  /**
   * An object at `pos` whose values are strings, numbers, booleans or null, built as JSON.parse
   * would build it (the same properties in the same order; `skip` has refused repeated names);
   * NOT_COMPACT for anything else, which JSON.parse then reads.
   */
  #flatFields(pos: number): number {
    const fields: Record<string, unknown> = {}
    pos = this.ws(pos + 1)
    if (this.at(pos) === CLOSE_BRACE) {
      this.fields = fields
      return pos + 1
    }
    for (;;) {
      if (this.at(pos) !== QUOTE) return NOT_COMPACT
      let close = this.string(pos + 1)
      if (close < 0) return NOT_COMPACT
      const name = this.#decodeCached(pos + 1, close, this.flags)
      if (name === '__proto__') return NOT_COMPACT
      pos = this.ws(close + 1)
      if (this.at(pos) !== COLON) return NOT_COMPACT
      pos = this.ws(pos + 1)
      const b = this.at(pos)
      let value: unknown
      if (b === QUOTE) {
        close = this.string(pos + 1)
        if (close < 0) return NOT_COMPACT
        value = this.#decodeCached(pos + 1, close, this.flags)
        pos = close + 1
      } else if (b === MINUS || (b >= DIGIT_0 && b <= DIGIT_9)) {
        const end = this.number(pos)
        if (end < 0) return NOT_COMPACT
        value = this.#numberValue(pos, end)
        pos = end
      } else {
        const literal = LITERALS.findIndex((word) => this.literal(pos, word))
        if (literal < 0) return NOT_COMPACT
        value = LITERAL_VALUES[literal]
        pos += LITERALS[literal]!.length
      }
      fields[name] = value
      pos = this.ws(pos)
      const next = this.at(pos)
      if (next === CLOSE_BRACE) break
      if (next !== COMMA) return NOT_COMPACT
      pos = this.ws(pos + 1)
    }
    this.fields = fields
    return pos + 1
  }

  /** The value of the JSON number `start..end`: small integers here, others by JSON.parse. */
  #numberValue(start: number, end: number): number {
    const bytes = this.bytes
    const negative = bytes[start] === MINUS
    let value = 0
    for (let i = negative ? start + 1 : start; i < end; i++) {
      const d = bytes[i]! - DIGIT_0
      if (d < 0 || d > 9 || end - start > 15)
        return JSON.parse(this.#decode(start, end, 0)) as number
      value = value * 10 + d
    }
    return negative ? -value : value
  }

  /** `changes` at `pos` (its `[`). */
  #changes(pos: number): number {
    pos = this.ws(pos + 1)
    if (this.at(pos) === CLOSE_BRACKET) return pos + 1
    for (;;) {
      pos = this.#change(pos)
      if (pos < 0) return -1
      pos = this.ws(pos)
      const b = this.at(pos)
      if (b === CLOSE_BRACKET) return pos + 1
      if (b !== COMMA) return -1
      pos = this.ws(pos + 1)
    }
  }

  /** One change at `pos` (its `{`); keeps it when it changes the status or the type. */
  #change(pos: number): number {
    let after = this.#compactChange(pos)
    if (after === NOT_COMPACT) after = this.#anyChange(pos)
    if (after < 0) return -1
    this.changeCount++
    const kind = this.#changeKind
    if (kind === OTHER_FIELD) return after
    const at = this.#changeAt
    const k = this.eventCount
    if (k > 0 && at <= this.eventAt[k - 1]!) return -1
    if (k === this.eventAt.length) this.#growEvents()
    this.eventAt[k] = at
    this.eventKind[k] = kind
    this.fromStart[k] = this.#fromStart
    this.fromEnd[k] = this.#fromEnd
    this.toStart[k] = this.#toStart
    this.toEnd[k] = this.#toEnd
    this.eventCount = k + 1
    if (kind === EVENT_STATUS) this.#lastStatus = k
    return after
  }

  /** Whether the bytes at `pos` are `word`. */
  #follows(pos: number, word: Literal): boolean {
    if (pos + word.length > this.end) return false
    const { offsets, words } = word
    const view = this.#view
    for (let i = 0; i < words.length; i++)
      if (view.getUint32(pos + offsets[i]!, true) !== words[i]) return false
    return true
  }

  /** The end of a string of plain bytes (no escape, ASCII) whose content starts at `pos`, or -1. */
  #plainString(pos: number): number {
    const bytes = this.bytes
    const end = this.end
    while (pos < end && PLAIN[bytes[pos]!] === 1) pos++
    return pos < end && bytes[pos] === QUOTE ? pos : -1
  }

  /**
   * The closing quote of an instant whose content starts at `pos`: looked for where the common
   * forms (`…:00.000Z`, `…:00.000+00:00`) end before scanning for it. A quote found early is the
   * end only if `InstantBytesReader` then reads the content (all digits and separators).
   */
  #instantClose(pos: number): number {
    const bytes = this.bytes
    if (bytes[pos + 24] === QUOTE && pos + 24 < this.end) return pos + 24
    if (bytes[pos + 29] === QUOTE && pos + 29 < this.end) return pos + 29
    return this.#plainString(pos)
  }

  /** Whether a string at `pos` has the very content of event `k`'s `to` (not null). */
  #repeats(pos: number, k: number): boolean {
    const start = this.toStart[k]!
    const end = this.toEnd[k]!
    const bytes = this.bytes
    if (start < 0 || pos + end - start + 2 > this.end || bytes[pos] !== QUOTE) return false
    for (let i = start, j = pos + 1; i < end; i++, j++) if (bytes[i] !== bytes[j]) return false
    return bytes[pos + 1 + end - start] === QUOTE
  }

  /** A `from` or `to` value of the compact form at `pos`: sets `#valueStart/#valueEnd`. */
  #compactValue(pos: number): number {
    if (this.bytes[pos] === QUOTE && pos < this.end) {
      const close = this.#plainString(pos + 1)
      this.#valueStart = pos + 1
      this.#valueEnd = close
      return close < 0 ? NOT_COMPACT : close + 1
    }
    this.#valueStart = -1
    this.#valueEnd = -1
    return this.#follows(pos, NULL) ? pos + 4 : NOT_COMPACT
  }

  /**
   * The change at `pos` in the form JSON.stringify writes (`{"at":…,"field":…,"from":…,"to":…}`,
   * no spaces, plain strings), read by comparing bytes; NOT_COMPACT for any other form.
   */
  #compactChange(pos: number): number {
    if (!this.#follows(pos, AT_OPEN)) return NOT_COMPACT
    pos += AT_OPEN.length
    let close = this.#instantClose(pos)
    if (close < 0) return NOT_COMPACT
    if (!this.#instants.read(this.bytes, pos, close)) return NOT_COMPACT
    this.#changeAt = this.#instants.ms
    if (!this.#follows(close + 1, FIELD_OPEN)) return NOT_COMPACT
    pos = close + 1 + FIELD_OPEN.length
    if (this.#follows(pos, STATUS_CLOSE)) {
      this.#changeKind = EVENT_STATUS
      pos += STATUS_CLOSE.length
    } else if (this.#follows(pos, TYPE_CLOSE)) {
      this.#changeKind = EVENT_TYPE
      pos += TYPE_CLOSE.length
    } else {
      close = this.#plainString(pos)
      if (close <= pos) return NOT_COMPACT
      this.#changeKind = OTHER_FIELD
      pos = close + 1
    }
    if (!this.#follows(pos, FROM_OPEN)) return NOT_COMPACT
    pos += FROM_OPEN.length
    const last = this.#lastStatus
    if (this.#changeKind === EVENT_STATUS && last >= 0 && this.#repeats(pos, last)) {
      // a status change starts where the previous ended: point at that `to`, which the
      // builder then recognises by its range without comparing bytes
      this.#fromStart = this.toStart[last]!
      this.#fromEnd = this.toEnd[last]!
      pos += this.#fromEnd - this.#fromStart + 2
    } else {
      pos = this.#compactValue(pos)
      if (pos < 0) return NOT_COMPACT
      this.#fromStart = this.#valueStart
      this.#fromEnd = this.#valueEnd
    }
    if (!this.#follows(pos, TO_OPEN)) return NOT_COMPACT
    pos = this.#compactValue(pos + TO_OPEN.length)
    if (pos < 0 || pos >= this.end || this.bytes[pos] !== CLOSE_BRACE) return NOT_COMPACT
    this.#toStart = this.#valueStart
    this.#toEnd = this.#valueEnd
    return pos + 1
  }

  /** A change at `pos` in any form (member order, spaces, escapes, other members). */
  #anyChange(pos: number): number {
    const first = this.nameCount
    const after = this.#anyChangeMembers(pos, first)
    this.nameCount = first
    return after
  }

  /** The members of a change at `pos`; unknown ones have their names in the pool from `first`. */
  #anyChangeMembers(pos: number, first: number): number {
    if (this.at(pos) !== OPEN_BRACE) return -1
    let seen = 0
    this.#changeKind = OTHER_FIELD
    pos = this.ws(pos + 1)
    for (;;) {
      if (this.at(pos) !== QUOTE) return -1
      const close = this.string(pos + 1)
      if (close < 0 || (this.flags & ESCAPED) !== 0) return -1
      const member = this.#changeMember(pos + 1, close)
      if ((seen & member) !== 0) return -1
      if (member === 0 && !this.addName(first, pos + 1, close)) return -1
      seen |= member
      pos = this.ws(close + 1)
      if (this.at(pos) !== COLON) return -1
      pos = this.ws(pos + 1)
      if (member === AT) {
        pos = this.#instant(pos)
        if (pos < 0) return -1
        this.#changeAt = this.#instants.ms
      } else if (member === FIELD) {
        if (this.at(pos) !== QUOTE) return -1
        const end = this.string(pos + 1)
        if (end <= pos + 1 || (this.flags & ESCAPED) !== 0) return -1
        this.#changeKind = this.#fieldKind(pos + 1, end)
        pos = end + 1
      } else if (member === FROM || member === TO) {
        pos = this.#value(pos)
        if (pos < 0) return -1
        if (member === FROM) {
          this.#fromStart = this.#valueStart
          this.#fromEnd = this.#valueEnd
        } else {
          this.#toStart = this.#valueStart
          this.#toEnd = this.#valueEnd
        }
      } else {
        pos = this.skip(pos, 1)
        if (pos < 0) return -1
      }
      pos = this.ws(pos)
      const b = this.at(pos)
      if (b === CLOSE_BRACE) break
      if (b !== COMMA) return -1
      pos = this.ws(pos + 1)
    }
    return seen === ALL_OF_CHANGE ? pos + 1 : -1
  }

  /** A string or null at `pos`: sets `#valueStart/#valueEnd` (-1 for null). */
  #value(pos: number): number {
    if (this.at(pos) === QUOTE) {
      const close = this.string(pos + 1)
      this.#valueStart = pos + 1
      this.#valueEnd = close
      return close < 0 ? -1 : close + 1
    }
    this.#valueStart = -1
    this.#valueEnd = -1
    return this.#follows(pos, NULL) ? pos + 4 : -1
  }

  /** AT, FIELD, FROM or TO for a change member's name `start..end`, else 0 (ignored). */
  #changeMember(start: number, end: number): number {
    const bytes = this.bytes
    const length = end - start
    const first = bytes[start]
    if (length === 2) {
      if (first === 0x61 /* a */ && bytes[start + 1] === 0x74 /* t */) return AT
      if (first === 0x74 /* t */ && bytes[start + 1] === 0x6f /* o */) return TO
    } else if (length === 4) {
      if (this.literal(start, 'from')) return FROM
    } else if (length === 5) {
      if (this.literal(start, 'field')) return FIELD
    }
    return 0
  }

  /** EVENT_STATUS, EVENT_TYPE or OTHER_FIELD for a `field` value `start..end`. */
  #fieldKind(start: number, end: number): number {
    const length = end - start
    if (length === 6 && this.literal(start, 'status')) return EVENT_STATUS
    if (length === 4 && this.literal(start, 'type')) return EVENT_TYPE
    return OTHER_FIELD
  }

  #growEvents(): void {
    const size = 2 * this.eventAt.length
    const grow = <T extends Float64Array | Uint8Array | Int32Array>(array: T, next: T): T => {
      next.set(array)
      return next
    }
    this.eventAt = grow(this.eventAt, new Float64Array(size))
    this.eventKind = grow(this.eventKind, new Uint8Array(size))
    this.fromStart = grow(this.fromStart, new Int32Array(size))
    this.fromEnd = grow(this.fromEnd, new Int32Array(size))
    this.toStart = grow(this.toStart, new Int32Array(size))
    this.toEnd = grow(this.toEnd, new Int32Array(size))
  }
}
