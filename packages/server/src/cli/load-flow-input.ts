import { applyLabelStates, createFlowDataset } from '@openvmo/core'
import { readFile } from 'node:fs/promises'
import {
  compileMapping,
  deriveTimelines,
  describeUnmapped,
  parseInstant,
  parseMappingYaml,
  startOfDate,
  VmoError,
} from '@openvmo/core'
import type { FlowDataset, FlowInput, MappingConfig, WorkItemRecord } from '@openvmo/core'
import { loadFlowDataset } from '../sources/ndjson/load-flow-dataset'
import type { SkippedLine } from '../sources/ndjson/read-history-file'
import type { CliIo } from './cli-io'
import type { FlowInputOptions } from './flow-input-options'
import { createProgress } from './progress'
import type { Store } from '../store/store'

/** What an engine command works on. */
export interface LoadedFlowInput extends FlowInput {
  config: MappingConfig
  skipped: SkippedLine[]
  /** Where the data came from, for messages: a file path or the store. */
  origin: string
  /** The history file's records (links included), when asked for with `keepRecords`. */
  records?: WorkItemRecord[]
}

async function readConfig(path: string): Promise<MappingConfig> {
  const text = await readFile(path, 'utf8').catch((cause: unknown) => {
    throw new VmoError('NOT_FOUND', `cannot read the mapping file "${path}"`, { cause })
  })
  return parseMappingYaml(text, path)
}

/** Parses `--as-of`: an instant with offset, or a date (its midnight in `zone`); default now. */
export function parseAsOf(value: string | undefined, zone: string, io: CliIo): number {
  if (value === undefined) return io.now()
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return startOfDate(value, zone)
  const ms = parseInstant(value)
  if (Number.isNaN(ms)) {
    throw new VmoError(
      'INVALID_INPUT',
      `--as-of "${value}" is neither a date (YYYY-MM-DD) nor an ISO-8601 instant with an offset`,
    )
  }
  return ms
}

/** Reads the history file with a progress bar. */
export async function loadHistoryFile(
  path: string,
  options: FlowInputOptions & { keepRecords?: boolean },
  io: CliIo,
) {
  const progress = createProgress(io, 'reading', 'MB')
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10
  try {
    return await loadFlowDataset(path, {
      keepRecords: options.keepRecords,
      skipBad: options.skipBad,
      timezone: options.timezone,
      onProgress: (done, total) => progress.update(mb(done), mb(total)),
    })
  } finally {
    progress.stop()
  }
}

/**
 * Compiles the mapping as the API does: items that use a value it does not map are left out
 * (and said so on stderr and in the reports' warnings), every other figure is computed.
 */
function build(dataset: FlowDataset, config: MappingConfig, at: { asOfMs: number; io: CliIo }) {
  const mapping = compileMapping(config, dataset, { onUnmapped: 'exclude' })
  const { items } = mapping.unmapped
  if (items > 0) {
    at.io.stderr(
      `warning: ${items} ${items === 1 ? 'item is' : 'items are'} left out of every figure: ${describeUnmapped(mapping.unmapped)} ${items === 1 ? 'is' : 'are'} not mapped (vmo validate lists them)\n`,
    )
  }
  return { dataset, mapping, timelines: deriveTimelines(dataset, mapping, at.asOfMs) }
}

/**
 * Loads the engine input for a command: the history from `--input` (with `--config`) or from the
 * store (with its saved mapping unless `--config` is given), compiled and derived as of `--as-of`.
 */
export async function loadFlowInput(
  options: FlowInputOptions,
  io: CliIo,
  read: { keepRecords?: boolean } = {},
): Promise<LoadedFlowInput> {
  if (options.input) {
    if (!options.config) {
      throw new VmoError(
        'INVALID_INPUT',
        `--input "${options.input}" needs --config openvmo.yaml (write one with: vmo map suggest --input ${options.input})`,
      )
    }
    const config = await readConfig(options.config)
    const labels = config.labelStates !== undefined
    const keepRecords = labels || read.keepRecords === true
    const loaded = await loadHistoryFile(options.input, { ...options, keepRecords }, io)
    // label states rewrite each record's status history: the dataset is built from the records
    const dataset = labels
      ? createFlowDataset((loaded.records ?? []).map((r) => applyLabelStates(r, config)))
      : loaded.dataset
    const asOf = parseAsOf(options.asOf, config.timezone, io)
    return {
      ...build(dataset, config, { asOfMs: asOf, io }),
      config,
      skipped: loaded.skipped,
      origin: options.input,
      ...(loaded.records ? { records: loaded.records } : {}),
    }
  }
  // The store (and its SQLite and PostgreSQL drivers) is loaded only when it is read.
  const { withStore } = await import('./open-cli-store')
  return withStore(options, io, async (store, label) => {
    const config = options.config ? await readConfig(options.config) : await storedMapping(store)
    const { loadMappedDataset } = await import('../store/mapped-dataset')
    const dataset = await loadMappedDataset(store, config)
    const asOf = parseAsOf(options.asOf, config.timezone, io)
    return { ...build(dataset, config, { asOfMs: asOf, io }), config, skipped: [], origin: label }
  })
}

async function storedMapping(store: Store) {
  const current = await store.findCurrentMapping()
  if (!current) {
    throw new VmoError(
      'INVALID_CONFIG',
      'the store has no mapping yet: pass --config openvmo.yaml or save one with vmo map save',
    )
  }
  return parseMappingYaml(current.yaml, `stored mapping v${current.version}`)
}
