import { labelStatesKey } from '../store/mapped-dataset'
import type { Store } from '../store/store'
import type { ComputeExecutor } from './compute/compute-executor'
import { createInlineExecutor } from './compute/compute-executor'
import type { ComputeTask } from './compute/compute-views'
import type { DataVersionProbe } from './data-version'
import { createStoreProbe, digest } from './data-version'
import type { FlowSnapshot } from './flow-snapshot'
import { createSnapshot, loadSnapshot, readStoredMapping, resolveMapping } from './flow-snapshot'
import { InFlight } from './in-flight'
import { LruCache } from './lru-cache'

/** Options of {@link createFlowService}. */
export interface FlowServiceOptions {
  store: Store
  /** Epoch ms now; the only clock the API reads. */
  clock: () => number
  /** Bound of the response cache; default 500 entries. */
  cacheEntries?: number
  /** How often (at most) a request triggers a background data-version check; default 5000 ms. */
  versionCheckMs?: number
  /** Default: {@link createStoreProbe}. */
  probe?: DataVersionProbe
  /** The default as-of time is now rounded down to this; default 60,000 ms. */
  asOfResolutionMs?: number
  /** Where computations run; default in the calling thread ({@link createInlineExecutor}). */
  executor?: ComputeExecutor
}

/** What {@link FlowService.cachedBody} answers: the key, its computation, the client's signal. */
export interface CachedRequest {
  key: string
  compute: (signal: AbortSignal) => Promise<string>
  /** Aborts when the client goes away. */
  signal?: AbortSignal
}

/** A cached response body and its weak ETag. */
export interface CachedBody {
  body: string
  etag: string
}

/**
 * Holds the loaded dataset and mapping (a {@link FlowSnapshot}) and a bounded LRU of serialised
 * responses keyed by (route, resolved parameters). The cache belongs to one snapshot: a new data
 * version (import, sync) or a mapping save replaces the snapshot and empties the cache.
 *
 * Freshness: every request may start a background probe of the store's data version (at most
 * every `versionCheckMs`); when it changed, a new snapshot loads in the background while the old
 * one keeps answering, and replaces it when ready. Several stateless instances over one store
 * therefore converge within `versionCheckMs` plus one load. `invalidate()` forces the next
 * request to wait for a fresh load; `reloadMapping()` recompiles a saved mapping on the loaded
 * dataset (no store reload).
 */
export interface FlowService {
  /** The current snapshot (loads it on first use). */
  snapshot(): Promise<FlowSnapshot>
  /** The default as-of instant: now, rounded down to the as-of resolution. */
  defaultAsOf(): number
  /** The weak ETag of `key` under `snapshot`. */
  etagOf(snapshot: FlowSnapshot, key: string): string
  /**
   * The cached body of `key`, computing and storing it on a miss. `compute` gets a signal that
   * aborts when every request waiting for this answer has gone away; concurrent requests for
   * one key share one computation.
   */
  cachedBody(snapshot: FlowSnapshot, request: CachedRequest): Promise<CachedBody>
  /** Runs `task` on `snapshot` through the executor: the JSON body of the answer. */
  compute(snapshot: FlowSnapshot, task: ComputeTask, signal?: AbortSignal): Promise<string>
  /** Stops the executor's workers. */
  close(): Promise<void>
  /** Applies the store's current mapping to the loaded dataset and empties the cache. */
  reloadMapping(): Promise<FlowSnapshot>
  /** Drops the snapshot and the cache; the next request loads from the store. */
  invalidate(): void
}

/** Creates a {@link FlowService} over `store`. */
export function createFlowService(options: FlowServiceOptions): FlowService {
  const { store, clock, versionCheckMs = 5000, asOfResolutionMs = 60_000 } = options
  const probe = options.probe ?? createStoreProbe(store)
  const cache = new LruCache<string, CachedBody>(options.cacheEntries ?? 500)
  const executor = options.executor ?? createInlineExecutor()
  const running = new InFlight()
  let current: Promise<FlowSnapshot> | undefined
  let loaded: FlowSnapshot | undefined
  let lastCheck = -Infinity
  let checking = false

  const install = (snapshot: FlowSnapshot) => {
    cache.clear()
    executor.install(snapshot)
    loaded = snapshot
    current = Promise.resolve(snapshot)
    return snapshot
  }
  const load = async () => install(await loadSnapshot(store, await probe(), executor.prepare))

  const checkVersion = async () => {
    checking = true
    try {
      const version = await probe()
      if (loaded && version !== loaded.dataVersion) {
        install(await loadSnapshot(store, version, executor.prepare))
      }
    } catch (error) {
      console.error('openvmo api: data version check failed', error)
    } finally {
      checking = false
    }
  }

  return {
    snapshot() {
      const now = clock()
      if (loaded && !checking && now - lastCheck >= versionCheckMs) {
        lastCheck = now
        void checkVersion()
      }
      if (!current) {
        lastCheck = now
        current = load()
        current.catch(() => (current = undefined))
      }
      return current
    },
    defaultAsOf: () => Math.floor(clock() / asOfResolutionMs) * asOfResolutionMs,
    etagOf: (snapshot, key) => `W/"${digest(snapshot.dataVersion, snapshot.mapping.version, key)}"`,
    async cachedBody(snapshot, { key, compute, signal }) {
      const hit = snapshot === loaded ? cache.get(key) : undefined
      if (hit) return hit
      const etag = this.etagOf(snapshot, key)
      const body = await running.join(etag, signal, compute)
      const entry = { body, etag }
      if (snapshot === loaded) cache.set(key, entry)
      return entry
    },
    compute: (snapshot, task, signal) => executor.run(snapshot, task, signal),
    close: () => executor.close(),
    async reloadMapping() {
      const base = await this.snapshot()
      const stored = await readStoredMapping(store)
      // label states change the dataset itself: load it again
      if (labelStatesKey(stored.yaml) !== labelStatesKey(base.mapping.yaml)) return load()
      const mapping = resolveMapping(base.dataset, stored)
      return install(createSnapshot(base.dataset, mapping, await probe()))
    },
    invalidate() {
      cache.clear()
      current = undefined
      loaded = undefined
    },
  }
}
