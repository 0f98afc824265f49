import { basename } from 'node:path'
import { VmoError, createRecordInstants, parseHistoryLine } from '@openvmo/core'
import type {
  HistoryLineScanner,
  ParseHistoryLineOptions,
  ScannedHistoryLine,
  WorkItemRecord,
} from '@openvmo/core'
import { FirstSeenKeys } from './first-seen-keys'
import type { HistoryVisitor, ReadHistoryOptions, ReadHistoryResult } from './read-history-file'

/**
 * Where a {@link LineSink} sends the lines: valid records to `visit`. With `fast`, each line is
 * first given, as bytes, to its scanner; the lines it reads go to `fast.add` (after the same
 * duplicate check) and only the others are decoded, parsed and visited.
 */
export interface LineTarget {
  visit: HistoryVisitor
  fast?: { scanner: HistoryLineScanner; add(line: ScannedHistoryLine): void }
}

const NEWLINE = 0x0a
const CARRIAGE_RETURN = 13
const BYTE_ORDER_MARK = 0xfeff
const NOT_UTF8 = 'the line is not valid utf-8 (is the file latin-1 or another encoding? convert it)'

/** Splits bytes into lines, validates each and hands the good ones to the target. */
export class LineSink {
  readonly #decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  readonly #seen = new FirstSeenKeys()
  readonly #file: string
  readonly #target: LineTarget
  readonly #options: ReadHistoryOptions
  readonly #parseOptions: ParseHistoryLineOptions
  readonly #instants = createRecordInstants()
  #rest: Buffer | undefined
  readonly result: ReadHistoryResult = { lines: 0, items: 0, changes: 0, skipped: [] }

  constructor(file: string, target: LineTarget, options: ReadHistoryOptions) {
    this.#file = file
    this.#target = target
    this.#options = options
    this.#parseOptions = { timezone: options.timezone, instants: this.#instants }
  }

  /** Takes the next chunk; complete lines are handled now, a partial last line waits. */
  push(chunk: Buffer): void {
    if (this.#target.fast !== undefined) return this.#pushLines(chunk)
    const bytes = this.#rest === undefined ? chunk : Buffer.concat([this.#rest, chunk])
    const last = bytes.lastIndexOf(NEWLINE)
    if (last < 0) {
      this.#rest = bytes
      return
    }
    this.#rest = last + 1 < bytes.length ? bytes.subarray(last + 1) : undefined
    this.#decodeLines(bytes.subarray(0, last + 1))
  }

  /** Handles the bytes after the last newline: a last line without newline, maybe truncated. */
  end(): void {
    const rest = this.#rest
    this.#rest = undefined
    if (rest === undefined) return
    const line = ++this.result.lines
    const text = this.#decode(rest)
    if (text === undefined) return this.#bad(line, NOT_UTF8)
    const trimmed = trimLine(text, line === 1)
    if (trimmed !== '' && !isJson(trimmed)) {
      return this.#bad(line, `truncated last line (no newline at end of file and not valid json)`)
    }
    this.#handle(trimmed, line)
  }

  #decode(bytes: Uint8Array): string | undefined {
    try {
      return this.#decoder.decode(bytes)
    } catch {
      return undefined
    }
  }

  /** Decodes a block of whole lines at once (fast); on bad UTF-8 finds the bad line(s). */
  #decodeLines(bytes: Buffer): void {
    const text = this.#decode(bytes)
    if (text === undefined) return this.#decodeEachLine(bytes)
    let start = 0
    while (start < text.length) {
      const end = text.indexOf('\n', start)
      const line = ++this.result.lines
      this.#handle(trimLine(text.slice(start, end), line === 1), line)
      start = end + 1
    }
  }

  #decodeEachLine(bytes: Buffer): void {
    let start = 0
    while (start < bytes.length) {
      const end = bytes.indexOf(NEWLINE, start)
      const line = ++this.result.lines
      const text = this.#decode(bytes.subarray(start, end))
      if (text === undefined) this.#bad(line, NOT_UTF8)
      else this.#handle(trimLine(text, line === 1), line)
      start = end + 1
    }
  }

  /** The fast path's splitting: each line's bytes, read in place (no copy, no decoding). */
  #pushLines(chunk: Buffer): void {
    let start = 0
    if (this.#rest !== undefined) {
      const newline = chunk.indexOf(NEWLINE)
      if (newline < 0) {
        this.#rest = Buffer.concat([this.#rest, chunk])
        return
      }
      const joined = Buffer.concat([this.#rest, chunk.subarray(0, newline)])
      this.#rest = undefined
      this.#scanLine(joined, 0, joined.length)
      start = newline + 1
    }
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start)
      if (newline < 0) break
      this.#scanLine(chunk, start, newline)
      start = newline + 1
    }
    if (start < chunk.length) this.#rest = chunk.subarray(start)
  }

  /** One line `bytes[start..end]`: the scanner's when it reads it, else the reference path. */
  #scanLine(bytes: Buffer, start: number, end: number): void {
    const line = ++this.result.lines
    if (start === end) return
    const { fast } = this.#target
    const scanner = fast?.scanner
    if (fast === undefined || scanner === undefined || !scanner.scan(bytes, start, end)) {
      const text = this.#decode(bytes.subarray(start, end))
      if (text === undefined) return this.#bad(line, NOT_UTF8)
      return this.#handle(trimLine(text, line === 1), line)
    }
    if (this.#isDuplicate(scanner.source, scanner.key, line)) return
    this.result.items++
    this.result.changes += scanner.changeCount
    fast.add(scanner)
  }

  #handle(text: string, line: number): void {
    if (text.length === 0) return
    const parsed = parseHistoryLine(text, this.#parseOptions)
    if (!parsed.ok) return this.#bad(line, parsed.reason)
    const { record } = parsed
    if (this.#isDuplicate(record.source, record.key, line)) return
    this.result.items++
    this.result.changes += record.changes.length
    this.#visit(record, line)
  }

  #visit(record: WorkItemRecord, line: number): void {
    this.#target.visit(record, line, this.#instants)
  }

  /** Whether source+key appeared on an earlier line (then reported); remembers it otherwise. */
  #isDuplicate(source: string, key: string, line: number): boolean {
    const firstLine = this.#seen.firstLine(source, key, line)
    if (firstLine === undefined) return false
    this.#bad(
      line,
      `duplicate key "${key}" of source "${source}" (first seen on line ${firstLine})`,
    )
    return true
  }

  #bad(line: number, reason: string): void {
    if (this.#options.skipBad === true) {
      this.result.skipped.push({ line, reason })
      return
    }
    throw new VmoError('INVALID_INPUT', `${basename(this.#file)}:${line}: ${reason}`, {
      details: { file: this.#file, line, reason },
    })
  }
}

/** Drops a trailing CR (CRLF files), a BOM on the first line, and whitespace-only content. */
function trimLine(text: string, first: boolean): string {
  let line = text
  if (line.charCodeAt(line.length - 1) === CARRIAGE_RETURN) line = line.slice(0, -1)
  if (first && line.charCodeAt(0) === BYTE_ORDER_MARK) line = line.slice(1)
  // Only a line starting with whitespace can be blank; avoid trimming every line.
  return line.length > 0 && line.charCodeAt(0) <= 32 && line.trim() === '' ? '' : line
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
