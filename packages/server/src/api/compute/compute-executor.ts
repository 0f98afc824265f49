import type { FlowDataset } from '@openvmo/core'
import { VmoError } from '@openvmo/core'
import type { FlowSnapshot } from '../flow-snapshot'
import type { ComputeTask } from './compute-views'
import { bodyOf, runComputeTask } from './compute-views'

/**
 * Where the API's computations run. The inline executor runs them in the request's thread (tests,
 * `app.request`); the worker executor ({@link createWorkerExecutor}) in a pool of worker threads,
 * so the event loop stays free, with a deadline and cancellation.
 */
export interface ComputeExecutor {
  /** The dataset as this executor wants it held (typed columns shared with workers). */
  prepare(dataset: FlowDataset): FlowDataset
  /** A new snapshot is current: get ready for it (start workers) and retire older ones. */
  install(snapshot: FlowSnapshot): void
  /**
   * Runs `task` on `snapshot`; resolves the JSON body, rejects with the view's VmoError, with
   * COMPUTE_TIMEOUT past the deadline or when `signal` aborts, and with OVERLOADED when too
   * many computations wait.
   */
  run(snapshot: FlowSnapshot, task: ComputeTask, signal?: AbortSignal): Promise<string>
  /** Stops every worker at once (running computations are abandoned). */
  close(): Promise<void>
}

/** The message of a computation stopped because its client went away. */
export const CANCELLED = 'the computation was cancelled: the client went away'

/** An executor that computes in the calling thread (no deadline: nothing can interrupt it). */
export function createInlineExecutor(): ComputeExecutor {
  return {
    prepare: (dataset) => dataset,
    install: () => {},
    run(snapshot, task, signal) {
      if (signal?.aborted) return Promise.reject(new VmoError('COMPUTE_TIMEOUT', CANCELLED))
      try {
        return Promise.resolve(bodyOf(runComputeTask(snapshot, task)))
      } catch (error) {
        return Promise.reject(error)
      }
    },
    close: () => Promise.resolve(),
  }
}
