import type { WorkItemRecord } from '@openvmo/core'
import { readHistoryFile } from './read-history-file'
import type { ReadHistoryOptions, ReadHistoryResult } from './read-history-file'

/** Records read ahead of the consumer before reading pauses (a few MB of records). */
const READ_AHEAD = 4000

class Cancelled extends Error {}

/**
 * The records of an NDJSON history as an async iterable, for consumers that take their time per
 * record (an import into a database): the file is read as {@link readHistoryFile} reads it (same
 * validation, errors and `skipBad`), but reading pauses while {@link READ_AHEAD} records wait, so
 * memory holds a few thousand records however large the file. The generator's return value is
 * the read's result. Stopping early (`break`, or an error in the consumer) stops the reading.
 */
export async function* readHistoryRecords(
  path: string,
  options: Omit<ReadHistoryOptions, 'afterChunk'> = {},
): AsyncGenerator<WorkItemRecord, ReadHistoryResult> {
  const queue: WorkItemRecord[] = []
  let head = 0
  let wake: (() => void) | undefined
  let resume: (() => void) | undefined
  let cancelled = false
  let settled: { result?: ReadHistoryResult; error?: unknown } | undefined
  const reading = readHistoryFile(
    path,
    (record) => {
      queue.push(record)
      wake?.()
    },
    {
      ...options,
      afterChunk: () => {
        if (cancelled) throw new Cancelled()
        if (queue.length - head < READ_AHEAD) return undefined
        return new Promise<void>((resolve) => (resume = resolve))
      },
    },
  ).then(
    (result) => {
      settled = { result }
      wake?.()
    },
    (error: unknown) => {
      settled = { error }
      wake?.()
    },
  )
  try {
    for (;;) {
      while (head < queue.length) {
        const record = queue[head] as WorkItemRecord
        queue[head++] = undefined as unknown as WorkItemRecord
        if (head === queue.length) {
          queue.length = 0
          head = 0
        }
        if (resume !== undefined && queue.length - head < READ_AHEAD / 2) {
          const go = resume
          resume = undefined
          go()
        }
        yield record
      }
      if (settled !== undefined) break
      await new Promise<void>((resolve) => (wake = resolve))
      wake = undefined
    }
    if (settled.error !== undefined) throw settled.error
    return settled.result as ReadHistoryResult
  } finally {
    if (settled === undefined) {
      cancelled = true
      resume?.()
      await reading
    }
  }
}
