import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { formatHistoryLine } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'

/** Counts of a write: records and bytes written (compressed bytes for `.gz`). */
export interface WriteHistoryResult {
  records: number
  bytes: number
}

const BATCH_CHARS = 1 << 20

/** Formats records into newline-terminated lines, batched so the stream sees few large writes. */
async function* historyText(
  records: AsyncIterable<WorkItemRecord> | Iterable<WorkItemRecord>,
  counts: WriteHistoryResult,
): AsyncGenerator<string> {
  let batch = ''
  for await (const record of records) {
    batch += formatHistoryLine(record) + '\n'
    counts.records++
    if (batch.length >= BATCH_CHARS) {
      yield batch
      batch = ''
    }
  }
  if (batch.length > 0) yield batch
}

async function syncFolder(folder: string): Promise<void> {
  // Makes the rename itself durable; some platforms cannot open a folder, which is harmless.
  try {
    const handle = await open(folder, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    return
  }
}

async function writeTemp(
  temp: string,
  text: AsyncGenerator<string>,
  gzip: boolean,
): Promise<number> {
  // `flush` fsyncs the file before it is closed, so the rename publishes complete data.
  const file = createWriteStream(temp, { flags: 'wx', flush: true })
  try {
    await (gzip ? pipeline(text, createGzip(), file) : pipeline(text, file))
  } catch (error) {
    // The stream opens its file lazily: on an early failure it may create it after the caller's
    // unlink, leaving a stray temp file. Wait until it is closed, so the unlink comes after.
    if (!file.closed) await new Promise<void>((settled) => file.once('close', () => settled()))
    throw error
  }
  return file.bytesWritten
}

/**
 * Writes records as an NDJSON history file (docs/importing.md ("NDJSON history"), one `formatHistoryLine` per line, each
 * ending in `\n`), gzip-compressed when `path` ends in `.gz`. The write is atomic: lines go to a
 * temporary file in the same folder, which is fsynced and then renamed over `path`, so readers see
 * the old file or the complete new one, never a half-written one. On any error (including one
 * thrown by `records`) the temporary file is removed and `path` is left untouched; a process killed
 * mid-write leaves only a stray `.<name>.<random>.tmp` beside it. Records are not validated.
 */
export async function writeHistoryFile(
  path: string,
  records: AsyncIterable<WorkItemRecord> | Iterable<WorkItemRecord>,
): Promise<WriteHistoryResult> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  const counts: WriteHistoryResult = { records: 0, bytes: 0 }
  try {
    counts.bytes = await writeTemp(temp, historyText(records, counts), path.endsWith('.gz'))
    await rename(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
  await syncFolder(dirname(path))
  return counts
}
