import { loadMappedDataset, parsedOrUndefined } from '../store/mapped-dataset'
import type { CompiledMapping, FlowDataset, MappingConfig } from '@openvmo/core'
import { VmoError, compileMapping, parseMappingYaml } from '@openvmo/core'
import type { Store } from '../store/store'
import type { FlowInput, TimelineDeriver, Timelines } from './engine'
import { createTimelineDeriver } from './engine'
import { LruCache } from './lru-cache'

/** The mapping a snapshot computes with: the stored text, and its compiled form or the error. */
export interface SnapshotMapping {
  /** Null when no mapping has been saved. */
  version: number | null
  createdAt: string | null
  yaml: string
  config?: MappingConfig
  compiled?: CompiledMapping
  /** Why the mapping cannot be used (no mapping, invalid YAML, unmapped values). */
  error?: VmoError
}

/**
 * Everything loaded from the store for one data version: the dataset, the mapping, and the
 * timelines derived as of a few recent instants (bounded), each from the items' final timelines
 * (derived once, on the first use) and the items changed after that instant.
 */
export interface FlowSnapshot {
  readonly dataset: FlowDataset
  readonly mapping: SnapshotMapping
  /** The store's data version this snapshot was loaded at. */
  readonly dataVersion: string
  /** The engine input as of `asOfMs`; throws the mapping's error when it cannot be used. */
  input(asOfMs: number): FlowInput
}

/** File name used in mapping error messages. */
export const MAPPING_FILE_NAME = 'openvmo.yaml'

/** The mapping text as stored: its version (null when none was saved), time and YAML. */
export interface StoredMapping {
  version: number | null
  createdAt: string | null
  yaml: string
}

/** Parses and compiles a mapping text against `dataset`; never throws (the error is kept). */
export function resolveMapping(dataset: FlowDataset, stored: StoredMapping): SnapshotMapping {
  if (stored.version === null) {
    const error = new VmoError(
      'INVALID_CONFIG',
      'no mapping has been saved yet: map the data in the dashboard (Mapping), or write openvmo.yaml (vmo map suggest --out openvmo.yaml) and run vmo map save openvmo.yaml',
      { details: { noMapping: true } },
    )
    return { ...stored, error }
  }
  try {
    const config = parseMappingYaml(stored.yaml, MAPPING_FILE_NAME)
    return {
      ...stored,
      config,
      compiled: compileMapping(config, dataset, { onUnmapped: 'exclude' }),
    }
  } catch (error) {
    const vmo = error instanceof VmoError ? error : new VmoError('INVALID_CONFIG', String(error))
    return { ...stored, error: vmo }
  }
}

/** Builds a snapshot over a loaded dataset and a resolved mapping. */
export function createSnapshot(
  dataset: FlowDataset,
  mapping: SnapshotMapping,
  dataVersion: string,
): FlowSnapshot {
  const timelines = new LruCache<number, Timelines>(3)
  let deriver: TimelineDeriver | undefined
  const input = (asOfMs: number): FlowInput => {
    if (!mapping.compiled) throw mapping.error ?? new VmoError('INTERNAL', 'mapping missing')
    let derived = timelines.get(asOfMs)
    if (!derived) {
      deriver ??= createTimelineDeriver(dataset, mapping.compiled)
      derived = deriver.derive(asOfMs)
      timelines.set(asOfMs, derived)
    }
    return { dataset, mapping: mapping.compiled, timelines: derived }
  }
  return { dataset, mapping, dataVersion, input }
}

/** Reads the current mapping version from the store (null fields when none was saved). */
export async function readStoredMapping(store: Store): Promise<StoredMapping> {
  const current = await store.findCurrentMapping()
  return {
    version: current?.version ?? null,
    createdAt: current?.createdAt ?? null,
    yaml: current?.yaml ?? '',
  }
}

/**
 * Loads the whole dataset and the current mapping from the store (the dataset with label states
 * applied when the mapping has `labelStates`); `prepare` may give the dataset another form first
 * (columns shared with worker threads).
 */
export async function loadSnapshot(
  store: Store,
  dataVersion: string,
  prepare: (dataset: FlowDataset) => FlowDataset = (dataset) => dataset,
): Promise<FlowSnapshot> {
  const stored = await readStoredMapping(store)
  const loaded = await loadMappedDataset(store, parsedOrUndefined(stored.yaml))
  const dataset = prepare(loaded)
  return createSnapshot(dataset, resolveMapping(dataset, stored), dataVersion)
}
