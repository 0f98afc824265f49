import { availableParallelism } from 'node:os'
import { Piscina } from 'piscina'
import { VmoError } from '@openvmo/core'
import type { FlowSnapshot } from '../flow-snapshot'
import type { ComputeExecutor } from './compute-executor'
import { CANCELLED } from './compute-executor'
import type { ComputeResult, ComputeTask } from './compute-views'
import { bodyOf } from './compute-views'
import { Gate } from './gate'
import { packSnapshot, shareDataset } from './snapshot-package'

/** Options of {@link createWorkerExecutor}. */
export interface WorkerExecutorOptions {
  /**
   * Workers for analyses (metrics, flow, forecasts, portfolio, previews); default 2 to 4 by the
   * machine's cores. One more worker is kept for lookups (teams, streams, sources, search, item
   * journeys), so those never wait behind long analyses.
   */
  threads?: number
  /** A computation still running after this long is stopped (its worker replaced); default 30 s. */
  deadlineMs?: number
  /** Computations that may wait for a busy worker before OVERLOADED; default 64. */
  maxQueue?: number
  /** How long a replaced snapshot's workers stay for requests that began on it; default 30 s. */
  retireAfterMs?: number
}

const WORKER_FILE = new URL('./compute-worker.mjs', import.meta.url).href

/** The default worker count: the cores, at least 2 (so one slow answer never holds the rest). */
export function defaultComputeThreads(): number {
  return Math.max(2, Math.min(4, availableParallelism()))
}

/** Cheap views that must never wait behind analyses. */
const LOOKUPS: ReadonlySet<ComputeTask['view']> = new Set([
  'teams',
  'value-streams',
  'search',
  'journey',
  'mapping-check',
])

function describeTask(task: ComputeTask): string {
  return task.view === 'analysis' ? task.args.name : task.view
}

/**
 * An executor over a pool of worker threads (piscina) per snapshot: the snapshot's typed
 * columns are shared with the workers (SharedArrayBuffer), its strings copied to each once. A
 * computation is stopped, and its worker replaced, when its deadline passes or its `signal`
 * aborts (the client went away), so no request can hold the server.
 */
export function createWorkerExecutor(options: WorkerExecutorOptions = {}): ComputeExecutor {
  const threads = options.threads ?? defaultComputeThreads()
  const deadlineMs = options.deadlineMs ?? 30_000
  const retireAfterMs = options.retireAfterMs ?? 30_000
  const maxQueue = options.maxQueue ?? 64
  const pools = new Map<FlowSnapshot, Piscina<ComputeTask, ComputeResult>>()
  let closed = false
  let running = 0
  const analyses = new Gate(threads)

  const retire = (snapshot: FlowSnapshot) => {
    const pool = pools.get(snapshot)
    pools.delete(snapshot)
    if (pool) setTimeout(() => void pool.destroy(), retireAfterMs).unref()
  }
  const poolOf = (snapshot: FlowSnapshot) => {
    let pool = pools.get(snapshot)
    if (!pool) {
      pool = new Piscina<ComputeTask, ComputeResult>({
        filename: WORKER_FILE,
        workerData: packSnapshot(snapshot),
        minThreads: threads + 1,
        maxThreads: threads + 1,
        idleTimeout: Number.MAX_SAFE_INTEGER,
      })
      // A worker that dies is replaced by piscina; its task's promise rejects (handled in run).
      pool.on('error', (error: unknown) => console.error('openvmo api: compute worker', error))
      pools.set(snapshot, pool)
    }
    return pool
  }

  return {
    prepare: shareDataset,
    install(snapshot) {
      poolOf(snapshot)
      for (const other of [...pools.keys()]) if (other !== snapshot) retire(other)
    },
    async run(snapshot, task, signal) {
      if (running >= threads + maxQueue) {
        throw new VmoError(
          'OVERLOADED',
          `the server is busy with ${running} computations: retry in a moment`,
        )
      }
      const deadline = AbortSignal.timeout(deadlineMs)
      const stop = signal ? AbortSignal.any([signal, deadline]) : deadline
      const gate = LOOKUPS.has(task.view) ? undefined : analyses
      running++
      let entered = false
      try {
        await gate?.enter(stop)
        entered = true
        return bodyOf(await poolOf(snapshot).run(task, { signal: stop }))
      } catch (error) {
        if (error instanceof VmoError) throw error
        if (closed)
          throw new VmoError('OVERLOADED', 'the server is shutting down', { cause: error })
        if (signal?.aborted) throw new VmoError('COMPUTE_TIMEOUT', CANCELLED, { cause: error })
        if (deadline.aborted) {
          throw new VmoError(
            'COMPUTE_TIMEOUT',
            `computing ${describeTask(task)} took longer than ${deadlineMs / 1000} s and was stopped: ask for a shorter range or a narrower scope`,
            { cause: error },
          )
        }
        throw error
      } finally {
        running--
        if (entered) gate?.leave()
      }
    },
    async close() {
      closed = true
      const all = [...pools.values()]
      pools.clear()
      await Promise.all(all.map((pool) => pool.destroy()))
    },
  }
}
