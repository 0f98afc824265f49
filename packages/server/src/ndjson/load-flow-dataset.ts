import { createFlowDatasetBuilder } from '@openvmo/core'
import type { FlowDataset, WorkItemRecord } from '@openvmo/core'
import { readHistoryFile } from './read-history-file'
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
 * Reads an NDJSON history file (plain or gzip, see {@link readHistoryFile}) straight into a
 * {@link FlowDataset}: each record goes to the builder and is dropped, so memory holds the
 * columnar dataset only (about 1M items with 10M changes fit well under 2 GB). Bad lines throw
 * (or are listed with `skipBad`) exactly as in `readHistoryFile`.
 */
export async function loadFlowDataset(
  path: string,
  options: LoadFlowDatasetOptions = {},
): Promise<LoadedFlowDataset> {
  const builder = createFlowDatasetBuilder()
  const records: WorkItemRecord[] | undefined = options.keepRecords === true ? [] : undefined
  const result = await readHistoryFile(
    path,
    (record, _line, instants) => {
      builder.add(record, instants)
      records?.push(record)
    },
    options,
  )
  const loaded: LoadedFlowDataset = { ...result, dataset: builder.build() }
  if (records !== undefined) loaded.records = records
  return loaded
}
