import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { VmoError, createRecordInstants, parseHistoryLine } from '@openvmo/core'
import type { ParseHistoryLineOptions, RecordInstants, WorkItemRecord } from '@openvmo/core'

/** A line left out by `skipBad`: its 1-based number and the reason. */
export interface SkippedLine {
  line: number
  reason: string
}

/** Options of {@link readHistoryFile}. */
export interface ReadHistoryOptions {
  /**
   * Called after each chunk read from disk with the bytes read so far and the file size (both
   * on disk, so compressed for `.gz`); bytes never decrease and the last call has both equal.
   */
  onProgress?(bytesRead: number, totalBytes: number): void
  /** Skip bad lines and list them in the result instead of throwing on the first one. */
  skipBad?: boolean
  /** IANA zone for timestamps without an offset (see `parseHistoryLine`). */
  timezone?: string
  /**
   * Called after the lines of each chunk were visited; reading waits for a returned promise
   * (back-pressure for a slow consumer) and stops with the error it throws or rejects with.
   */
  afterChunk?(): Promise<void> | undefined
}

/** Counts of a read: physical lines (empty ones too), accepted items and their changes. */
export interface ReadHistoryResult {
  lines: number
  items: number
  changes: number
  /** The bad lines, in file order; always empty without `skipBad`. */
  skipped: SkippedLine[]
}

/**
 * Receives each valid record with its 1-based line number, in file order, and its parsed instants
 * (a buffer reused for the next line: read it during the call, do not keep it).
 */
export type HistoryVisitor = (
  record: WorkItemRecord,
  line: number,
  instants: Readonly<RecordInstants>,
) => void

const NEWLINE = 0x0a
const CARRIAGE_RETURN = 13
const BYTE_ORDER_MARK = 0xfeff
const CHUNK_BYTES = 1 << 20
const GZIP_MAGIC = [0x1f, 0x8b]
const NOT_UTF8 = 'the line is not valid utf-8 (is the file latin-1 or another encoding? convert it)'

interface FileFacts {
  totalBytes: number
  gzip: boolean
}

async function inspectFile(path: string): Promise<FileFacts> {
  try {
    const handle = await open(path, 'r')
    try {
      const head = Buffer.alloc(2)
      const { bytesRead } = await handle.read(head, 0, 2, 0)
      const gzip = bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]
      return { totalBytes: (await handle.stat()).size, gzip }
    } finally {
      await handle.close()
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    throw new VmoError('NOT_FOUND', `history file "${path}" not found`, { cause: error })
  }
}

/** Splits bytes into lines, validates each and hands the good ones to the visitor. */
class LineSink {
  readonly #decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  readonly #seen = new Map<string, Map<string, number>>()
  readonly #file: string
  readonly #visit: HistoryVisitor
  readonly #options: ReadHistoryOptions
  readonly #parseOptions: ParseHistoryLineOptions
  readonly #instants = createRecordInstants()
  #rest: Buffer | undefined
  readonly result: ReadHistoryResult = { lines: 0, items: 0, changes: 0, skipped: [] }

  constructor(file: string, visit: HistoryVisitor, options: ReadHistoryOptions) {
    this.#file = file
    this.#visit = visit
    this.#options = options
    this.#parseOptions = { timezone: options.timezone, instants: this.#instants }
  }

  /** Takes the next chunk; complete lines are handled now, a partial last line waits. */
  push(chunk: Buffer): void {
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

  #handle(text: string, line: number): void {
    if (text.length === 0) return
    const parsed = parseHistoryLine(text, this.#parseOptions)
    if (!parsed.ok) return this.#bad(line, parsed.reason)
    const { record } = parsed
    const firstLine = this.#firstSeen(record, line)
    if (firstLine !== undefined) {
      return this.#bad(
        line,
        `duplicate key "${record.key}" of source "${record.source}" (first seen on line ${firstLine})`,
      )
    }
    this.result.items++
    this.result.changes += record.changes.length
    this.#visit(record, line, this.#instants)
  }

  /** The line on which source+key was first seen, or undefined (and remembers this one). */
  #firstSeen(record: WorkItemRecord, line: number): number | undefined {
    let keys = this.#seen.get(record.source)
    if (keys === undefined) {
      keys = new Map()
      this.#seen.set(record.source, keys)
    }
    const first = keys.get(record.key)
    if (first === undefined) keys.set(record.key, line)
    return first
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

function openChunks(path: string, facts: FileFacts, onBytes: (count: number) => void): Readable {
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES })
  file.on('data', (chunk) => onBytes(chunk.length))
  if (!facts.gzip) return file
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES })
  file.on('error', (error) => gunzip.destroy(error))
  gunzip.on('close', () => file.destroy())
  return file.pipe(gunzip)
}

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && code.startsWith('Z_')
}

function gzipError(file: string, error: unknown): VmoError {
  const reason = `the gzip data is corrupt or truncated (${(error as Error).message.toLowerCase()})`
  return new VmoError('INVALID_INPUT', `${basename(file)}: ${reason}`, {
    cause: error,
    details: { file, reason },
  })
}

/**
 * Streams an NDJSON work-item history (FORMATS.md §1), plain or gzip-compressed (recognised by
 * its magic bytes, whatever the extension), and calls `visit` for each valid line in file order.
 *
 * Lines are split on LF (a trailing CR is dropped), a UTF-8 BOM is ignored, empty lines are
 * skipped but counted, bytes that are not UTF-8 make their line bad. A line is bad when
 * `parseHistoryLine` rejects it, when its source+key appeared on an earlier line, or when it is
 * the last line, has no newline and is not valid JSON (a truncated file). The first bad line
 * throws `VmoError('INVALID_INPUT', '<file>:<line>: <reason>', { details: { file, line, reason } })`;
 * with `skipBad` bad lines are listed in `skipped` instead. Records already visited stay visited,
 * so all-or-nothing is the caller's choice. A missing file throws NOT_FOUND, corrupt gzip data
 * INVALID_INPUT; errors thrown by `visit` propagate unchanged.
 */
export async function readHistoryFile(
  path: string,
  visit: HistoryVisitor,
  options: ReadHistoryOptions = {},
): Promise<ReadHistoryResult> {
  const facts = await inspectFile(path)
  const sink = new LineSink(path, visit, options)
  let bytesRead = 0
  let reported = -1
  const report = (): void => {
    if (bytesRead === reported) return
    reported = bytesRead
    options.onProgress?.(bytesRead, facts.totalBytes)
  }
  const chunks = openChunks(path, facts, (count) => (bytesRead += count))
  try {
    for await (const chunk of chunks) {
      sink.push(chunk as Buffer)
      report()
      await options.afterChunk?.()
    }
  } catch (error) {
    throw isZlibError(error) ? gzipError(path, error) : error
  }
  sink.end()
  report()
  return sink.result
}
