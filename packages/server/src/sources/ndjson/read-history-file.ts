import type { RecordInstants, WorkItemRecord } from '@openvmo/core'
import { inspectFile, readHistoryChunks } from './history-chunks'
import { LineSink } from './history-line-sink'

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

/**
 * Streams an NDJSON work-item history (docs/importing.md ("NDJSON history")), plain or gzip-compressed (recognised by
 * its magic bytes, whatever the extension), UTF-8 or UTF-16 with a byte-order mark (decoded),
 * and calls `visit` for each valid line in file order.
 *
 * Lines are split on LF (a trailing CR is dropped), a UTF-8 BOM is ignored, empty lines are
 * skipped but counted, bytes that are not UTF-8 make their line bad. A line is bad when
 * `parseHistoryLine` rejects it, when its source+key appeared on an earlier line, or when it is
 * the last line, has no newline and is not valid JSON (a truncated file). The first bad line
 * throws `VmoError('INVALID_INPUT', '<file>:<line>: <reason>', { details: { file, line, reason } })`;
 * with `skipBad` bad lines are listed in `skipped` instead. Records already visited stay visited,
 * so all-or-nothing is the caller's choice. A missing file throws NOT_FOUND; a folder, a file
 * that cannot be read, corrupt gzip data or invalid UTF-16 INVALID_INPUT naming the file; errors
 * thrown by `visit` propagate unchanged.
 */
export async function readHistoryFile(
  path: string,
  visit: HistoryVisitor,
  options: ReadHistoryOptions = {},
): Promise<ReadHistoryResult> {
  return streamHistoryFile(path, new LineSink(path, { visit }, options), options)
}

/**
 * Streams the file's bytes (plain or gzip) into `sink` and returns its result: the body of
 * {@link readHistoryFile}, for readers with their own {@link LineSink}.
 */
export async function streamHistoryFile(
  path: string,
  sink: LineSink,
  options: ReadHistoryOptions,
): Promise<ReadHistoryResult> {
  const facts = await inspectFile(path)
  let bytesRead = 0
  let reported = -1
  const report = (): void => {
    if (bytesRead === reported) return
    reported = bytesRead
    options.onProgress?.(bytesRead, facts.totalBytes)
  }
  const chunks = readHistoryChunks(path, facts, (count) => (bytesRead += count))
  for await (const chunk of chunks) {
    sink.push(chunk)
    report()
    await options.afterChunk?.()
  }
  sink.end()
  report()
  return sink.result
}
