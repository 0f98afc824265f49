import type { RateLimitState } from '../sources/connector'

/** What one scope's part of a run did. */
export interface ScopeSyncReport {
  scope: string
  /** `full` (the whole scope), `incremental` (items updated since the watermark) or `resumed`. */
  mode: 'full' | 'incremental' | 'resumed'
  /** Items the pull returned. */
  pulled: number
  inserted: number
  updated: number
  unchanged: number
  /** Items removed because the census no longer finds them in the scope. */
  deleted: number
  /** Items the source holds in the scope (the census), when it ran. */
  sourceCount: number | null
  /** Items the store holds from the scope after the run. */
  storedCount: number
  durationMs: number
  /** Why the scope's part failed (plain words); absent when it succeeded. */
  error?: string
}

/** What a run of one source did, stored with the run. */
export interface SyncReport {
  source: string
  runId: number
  outcome: 'succeeded' | 'failed' | 'canceled'
  scopes: ScopeSyncReport[]
  rateLimit: RateLimitState | null
  durationMs: number
}

/** Progress of a run, for a progress bar: items stored so far of the scope's total when known. */
export interface SyncProgress {
  source: string
  scope: string
  done: number
  total?: number
}
