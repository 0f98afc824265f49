import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import type { WorkItemRecord } from '@openvmo/core'
import { generateHistories, type GenerateHistoriesOptions } from './generate-histories'

const LINES_PER_CHUNK = 512

// One history line of docs/importing.md ("NDJSON history"): the record's own field order, `undefined` fields left out.
function formatHistoryLine(record: WorkItemRecord): string {
  return JSON.stringify(record)
}

/** What {@link writeRecordsNdjson} wrote. */
export interface NdjsonWriteResult {
  /** Number of lines (records). */
  lines: number
  /** Uncompressed bytes written (UTF-8), newlines included. */
  bytes: number
}

function* chunks(records: Iterable<WorkItemRecord>, result: NdjsonWriteResult): Generator<string> {
  let chunk = ''
  let count = 0
  for (const record of records) {
    chunk += formatHistoryLine(record) + '\n'
    if (++count === LINES_PER_CHUNK) {
      result.bytes += Buffer.byteLength(chunk)
      yield chunk
      chunk = ''
      count = 0
    }
    result.lines++
  }
  result.bytes += Buffer.byteLength(chunk)
  if (chunk.length > 0) yield chunk
}

/**
 * Streams records to `path` as NDJSON, gzip-compressed when the path ends in `.gz`. Records are
 * pulled only as fast as the file takes them (stream backpressure), so a lazy source is written
 * in constant memory.
 */
export async function writeRecordsNdjson(
  path: string,
  records: Iterable<WorkItemRecord>,
): Promise<NdjsonWriteResult> {
  const result: NdjsonWriteResult = { lines: 0, bytes: 0 }
  const source = Readable.from(chunks(records, result), { objectMode: false })
  const file = createWriteStream(path)
  if (path.endsWith('.gz')) await pipeline(source, createGzip({ level: 6 }), file)
  else await pipeline(source, file)
  return result
}

/** Writes {@link generateHistories}`(options)` to `path` (plain or `.gz`) with backpressure. */
export function writeHistoriesNdjson(
  path: string,
  options: GenerateHistoriesOptions,
): Promise<NdjsonWriteResult> {
  return writeRecordsNdjson(path, generateHistories(options))
}
