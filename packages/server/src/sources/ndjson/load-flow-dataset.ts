import { statSync } from 'node:fs'
import { HistoryLineScanner, createFlowDatasetBuilder } from '@openvmo/core'
import type { FlowDataset, WorkItemRecord } from '@openvmo/core'
import { BUFFER_TEXT } from '../../text/buffer-text'
import { LineSink } from './history-line-sink'
import type { LineTarget } from './history-line-sink'
import { streamHistoryFile } from './read-history-file'
import type { ReadHistoryOptions, ReadHistoryResult } from './read-history-file'

/** Options of {@link loadFlowDataset}. */
export interface LoadFlowDatasetOptions extends ReadHistoryOptions {
  /** Also return the validated records (costs their memory; off by default). */
  keepRecords?: boolean
}

/** A loaded history: the columnar dataset plus the read's counts and skipped lines. */
export interface LoadedFlowDataset extends ReadHistoryResult {
  dataset: FlowDataset
  /** The records in file order, only with `keepRecords`. */
  records?: WorkItemRecord[]
}

/**
 * Room for the items and status/type changes a plain history file of this size can hold at most
 * (a line takes at least ~120 bytes, a change ~60; a gzip file may hold more, then they grow): the builder's arrays then never grow by
 * copying, and the pages of room left over are never touched, so they cost no memory.
 */
function capacityFor(path: string): { items?: number; events?: number } {
  const bytes = statSync(path, { throwIfNoEntry: false })?.size
  if (bytes === undefined) return {}
  return { items: Math.ceil(bytes / 120), events: Math.ceil(bytes / 60) }
}

/**
 * Reads an NDJSON history file (plain or gzip, see `readHistoryFile`) straight into a
 * {@link FlowDataset}: each record goes to the builder and is dropped, so memory holds the
 * columnar dataset only (about 1M items with 10M changes fit well under 2 GB). Bad lines throw
 * (or are listed with `skipBad`) exactly as in `readHistoryFile`.
 *
 * Without `keepRecords`, lines are read from their bytes by `HistoryLineScanner` and added with
 * `addScanned` (no record, no change objects: about twice as fast); the lines it does not read
 * take the path of `readHistoryFile` (decode, `parseHistoryLine`, `add`), with the same result.
 */
export async function loadFlowDataset(
  path: string,
  options: LoadFlowDatasetOptions = {},
): Promise<LoadedFlowDataset> {
  const builder = createFlowDatasetBuilder(capacityFor(path))
  const records: WorkItemRecord[] | undefined = options.keepRecords === true ? [] : undefined
  const target: LineTarget = {
    visit: (record, _line, instants) => {
      builder.add(record, instants)
      records?.push(record)
    },
  }
  if (records === undefined) {
    target.fast = {
      scanner: new HistoryLineScanner(BUFFER_TEXT),
      add: (line) => builder.addScanned(line),
    }
  }
  const result = await streamHistoryFile(path, new LineSink(path, target, options), options)
  const loaded: LoadedFlowDataset = { ...result, dataset: builder.build() }
  if (records !== undefined) loaded.records = records
  return loaded
}
