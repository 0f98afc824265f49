/**
 * Where a scope's sync stands, stored as JSON in `sync_cursors`:
 * - `sinceMs`: the watermark of the last successful pull (its start minus the overlap); the next
 *   incremental pull asks for items updated since then. Absent before the first success.
 * - `pull`: a pull in progress: what it asked for, where it got to (the connector's checkpoint
 *   after the last stored page) and when it started. A run killed midway resumes here; the
 *   watermark it finally sets is its own start (minus the overlap), so nothing changed during
 *   the killed run is missed.
 */
export interface SyncCursor {
  sinceMs?: number
  pull?: { sinceMs?: number; checkpoint?: string; startedMs: number }
}

/** The cursor as stored; an unknown or damaged text reads as "never synced". */
export function parseSyncCursor(text: string | undefined): SyncCursor {
  if (!text) return {}
  try {
    const value = JSON.parse(text) as SyncCursor
    return typeof value === 'object' && value !== null ? value : {}
  } catch {
    return {}
  }
}

/** The text to store. */
export function formatSyncCursor(cursor: SyncCursor): string {
  return JSON.stringify(cursor)
}
