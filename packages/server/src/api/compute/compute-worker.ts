// A worker thread of the compute pool: holds one snapshot (from workerData) and runs tasks on it.
import { workerData } from 'node:worker_threads'
import type { ComputeResult, ComputeTask } from './compute-views'
import { runComputeTask } from './compute-views'
import type { SnapshotPackage } from './snapshot-package'
import { unpackSnapshot } from './snapshot-package'

const snapshot = unpackSnapshot(workerData as SnapshotPackage)

/** Piscina calls the default export with each task. */
export default function compute(task: ComputeTask): ComputeResult {
  return runComputeTask(snapshot, task)
}
