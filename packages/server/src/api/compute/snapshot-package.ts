import { Dictionary } from '@openvmo/core'
import type { FlowDataset } from '@openvmo/core'
import type { FlowSnapshot, StoredMapping } from '../flow-snapshot'
import { createSnapshot, resolveMapping } from '../flow-snapshot'

/** A snapshot in the form a worker thread receives it (structured-clone safe). */
export interface SnapshotPackage {
  /** The dataset's fields; typed arrays on SharedArrayBuffers, dictionaries as value lists. */
  dataset: Record<string, unknown>
  mapping: StoredMapping
  dataVersion: string
}

type TypedArray = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array

function toShared(array: TypedArray): TypedArray {
  if (array.buffer instanceof SharedArrayBuffer) return array
  const Kind = array.constructor as new (buffer: SharedArrayBuffer) => TypedArray
  const shared = new Kind(new SharedArrayBuffer(array.byteLength))
  shared.set(array)
  return shared
}

/**
 * The same dataset with every typed column on a SharedArrayBuffer (copied once), so worker
 * threads read the columns the main thread holds instead of copies. Strings, labels and fields
 * stay as they are (each worker gets its own copy of those).
 */
export function shareDataset(dataset: FlowDataset): FlowDataset {
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(dataset)) {
    out[name] = ArrayBuffer.isView(value) ? toShared(value as TypedArray) : value
  }
  return out as unknown as FlowDataset
}

/** Packs a snapshot for a worker; call {@link shareDataset} first or the columns are copied. */
export function packSnapshot(snapshot: FlowSnapshot): SnapshotPackage {
  const dataset: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(snapshot.dataset)) {
    dataset[name] = value instanceof Dictionary ? { dictionary: value.values } : value
  }
  const { version, createdAt, yaml } = snapshot.mapping
  return { dataset, mapping: { version, createdAt, yaml }, dataVersion: snapshot.dataVersion }
}

function toDictionary(values: readonly string[]): Dictionary {
  const dictionary = new Dictionary()
  for (const value of values) dictionary.intern(value)
  return dictionary
}

/** Rebuilds the snapshot a worker computes on (the mapping is compiled again, in the worker). */
export function unpackSnapshot(pkg: SnapshotPackage): FlowSnapshot {
  const fields: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(pkg.dataset)) {
    const list = (value as { dictionary?: unknown } | null)?.dictionary
    fields[name] = Array.isArray(list) ? toDictionary(list as string[]) : value
  }
  const dataset = fields as unknown as FlowDataset
  return createSnapshot(dataset, resolveMapping(dataset, pkg.mapping), pkg.dataVersion)
}
