import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import { createGunzip } from 'node:zlib'
import { VmoError } from '@openvmo/core'
import type { RecordInstants, WorkItemRecord } from '@openvmo/core'
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

const CHUNK_BYTES = 1 << 20
/** Chunks of a plain file being read ahead of the one handled. */
const READ_AHEAD = 2
const GZIP_MAGIC = [0x1f, 0x8b]

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

/**
 * The chunks of a plain file, the next ones already being read while the caller handles the
 * current one (a stream reads one chunk on demand, and on a busy machine the main thread then
 * waits for each read).
 */
async function* plainChunks(
  path: string,
  onBytes: (count: number) => void,
): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r')
  let position = 0
  const read = () => {
    const at = position
    position += CHUNK_BYTES
    return handle.read(Buffer.allocUnsafe(CHUNK_BYTES), 0, CHUNK_BYTES, at)
  }
  const pending = Array.from({ length: READ_AHEAD }, read)
  try {
    for (;;) {
      const next = pending.shift()
      if (next === undefined) return
      const { bytesRead, buffer } = await next
      if (bytesRead === 0) return
      onBytes(bytesRead)
      if (bytesRead < CHUNK_BYTES) {
        // the end of the file (or a short read): go on from there, dropping the reads ahead
        position += bytesRead - CHUNK_BYTES * (pending.length + 1)
        await Promise.allSettled(pending.splice(0))
      }
      while (pending.length < READ_AHEAD) pending.push(read())
      yield bytesRead < buffer.length ? buffer.subarray(0, bytesRead) : buffer
    }
  } finally {
    await Promise.allSettled(pending)
    await handle.close()
  }
}

function openChunks(
  path: string,
  facts: FileFacts,
  onBytes: (count: number) => void,
): AsyncIterable<Buffer> {
  if (!facts.gzip) return plainChunks(path, onBytes)
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES })
  file.on('data', (chunk) => onBytes(chunk.length))
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES })
  file.on('error', (error) => gunzip.destroy(error))
  gunzip.on('close', () => file.destroy())
  return file.pipe(gunzip) as AsyncIterable<Buffer>
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
  const chunks = openChunks(path, facts, (count) => (bytesRead += count))
  try {
    for await (const chunk of chunks) {
      sink.push(chunk)
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
