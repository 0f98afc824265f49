import { VmoError, isVmoError } from '@openvmo/core'
import type { Connector, PulledPage, ScopeSpec } from '../sources/connector'
import { CrossSourceLinker } from '../sources/links/detect-links'
import type { ItemStore, SyncStateStore } from '../store/store'
import type { SourceDefinition } from '../store/store-types'
import { reconcileScope } from './census'
import { formatSyncCursor, parseSyncCursor } from './sync-cursor'
import type { SyncCursor } from './sync-cursor'
import type { ScopeSyncReport, SyncProgress, SyncReport } from './sync-types'

/** What the sync engine needs of the store. */
export type SyncStore = ItemStore & SyncStateStore

/** Timing of a sync; the defaults suit every connector. */
export interface SyncTiming {
  /** An incremental pull asks for changes since the last one's start minus this; default 10 min. */
  overlapMs?: number
  /** The key census of a scope runs when it is older than this; default 24 h (always with full). */
  censusEveryMs?: number
  /** How long the source's lease lasts without renewal; default 10 min (renewed every third). */
  leaseMs?: number
}

/** Options of {@link syncSource}. */
export interface SyncSourceOptions extends SyncTiming {
  store: SyncStore
  source: SourceDefinition
  connector: Connector
  /** Who is syncing (host and process), shown to a second sync that finds the lease taken. */
  owner: string
  /**
   * Whether a lease holder is known to be gone (a killed process on this host): its lease is
   * then taken over at once instead of waiting for it to expire.
   */
  isOwnerGone?: (owner: string) => boolean
  /** Epoch ms now. */
  clock: () => number
  /** Pull every item's whole history again (resumes a killed full pull). */
  full?: boolean
  /** Stops the run cleanly after the page being stored (Ctrl-C, shutdown). */
  signal?: AbortSignal
  onProgress?: (progress: SyncProgress) => void
}

const MINUTE = 60_000

/** A run stopped by its signal: the pages stored so far stay, and the next run continues. */
class Stopped extends Error {}

function describeError(error: unknown): string {
  if (error instanceof VmoError) return error.message
  return error instanceof Error ? `unexpected error: ${error.message}` : String(error)
}

/**
 * Keeps the source's lease for the whole run: renewed every third of its length; if another
 * process took it (this one stalled past its lease), the run stops.
 */
async function holdLease(options: SyncSourceOptions) {
  const { store, source, owner, clock } = options
  const leaseMs = options.leaseMs ?? 10 * MINUTE
  const take = (replacing?: string) =>
    store.acquireLease(source.name, { owner, nowMs: clock(), ttlMs: leaseMs, replacing })
  let first = await take()
  if (!first.acquired && options.isOwnerGone?.(first.holder.owner)) {
    first = await take(first.holder.owner)
  }
  if (!first.acquired) {
    throw new VmoError(
      'CONFLICT',
      `source "${source.name}" is being synced by ${first.holder.owner} since ${first.holder.acquiredAt} (its lease runs until ${first.holder.expiresAt}); wait for it to finish`,
    )
  }
  let lost = false
  const timer = setInterval(() => {
    take().then(
      (renewed) => (lost ||= !renewed.acquired),
      () => {},
    )
  }, leaseMs / 3)
  timer.unref()
  return {
    lost: () => lost,
    release: async () => {
      clearInterval(timer)
      await store.releaseLease(source.name, owner)
    },
  }
}

/** The (source, key) pairs cross-source mentions may point at: every stored item. */
async function createLinker(store: SyncStore) {
  return new CrossSourceLinker(await store.listItemKeys())
}

interface ScopeRun {
  options: SyncSourceOptions
  scope: ScopeSpec
  linker: CrossSourceLinker
  isLeaseLost: () => boolean
}

async function storePage(run: ScopeRun, page: PulledPage, cursor: SyncCursor) {
  const { store, source } = run.options
  const records = page.items.map((item) => run.linker.withLinks(item.record))
  const result = await store.importRecords(records, { sourceKind: source.kind })
  const raw = page.items.map((item) => ({ key: item.record.key, payload: item.raw }))
  await store.putRawPayloads(source.name, run.scope.name, raw)
  const pull = cursor.pull ?? { startedMs: run.options.clock() }
  const next: SyncCursor = { ...cursor, pull: { ...pull, checkpoint: page.checkpoint } }
  await store.setCursor(source.name, run.scope.name, formatSyncCursor(next))
  return { result, cursor: next }
}

function censusDue(options: SyncSourceOptions, scope: ScopeSpec & { reconciledAt?: string }) {
  if (options.full || scope.reconciledAt === undefined) return true
  const every = options.censusEveryMs ?? 24 * 60 * MINUTE
  return options.clock() - Date.parse(scope.reconciledAt) >= every
}

/** Pulls one scope into the store page by page, then runs its census when due. */
async function syncScope(
  run: ScopeRun,
  scope: ScopeSpec & { reconciledAt?: string },
): Promise<ScopeSyncReport> {
  const { options } = run
  const { store, source, clock, signal } = options
  const startedMs = clock()
  const stored = parseSyncCursor(await store.findCursor(source.name, scope.name))
  const resumed =
    stored.pull !== undefined && (options.full ? stored.pull.sinceMs === undefined : true)
  let cursor: SyncCursor = resumed
    ? stored
    : {
        ...stored,
        pull: {
          startedMs,
          ...(options.full || stored.sinceMs === undefined ? {} : { sinceMs: stored.sinceMs }),
        },
      }
  const pull = cursor.pull ?? { startedMs }
  const mode = resumed ? 'resumed' : pull.sinceMs === undefined ? 'full' : 'incremental'
  const report: ScopeSyncReport = {
    scope: scope.name,
    mode,
    pulled: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    sourceCount: null,
    storedCount: 0,
    durationMs: 0,
  }
  const pages = options.connector.pull(scope, {
    ...(pull.sinceMs === undefined ? {} : { sinceMs: pull.sinceMs }),
    ...(pull.checkpoint === undefined ? {} : { checkpoint: pull.checkpoint }),
    ...(signal ? { signal } : {}),
  })
  for await (const page of pages) {
    const stepped = await storePage(run, page, cursor)
    cursor = stepped.cursor
    report.pulled += page.items.length
    report.inserted += stepped.result.inserted
    report.updated += stepped.result.updated
    report.unchanged += stepped.result.unchanged
    options.onProgress?.({
      source: source.name,
      scope: scope.name,
      done: report.pulled,
      total: page.total,
    })
    if (signal?.aborted || run.isLeaseLost()) throw new Stopped()
  }
  if (censusDue(options, scope)) {
    const census = await reconcileScope({
      store,
      connector: options.connector,
      source: source.name,
      scope,
      signal,
    })
    report.deleted = census.deleted
    report.sourceCount = census.sourceCount
    await store.markReconciled(source.name, scope.name, clock())
  }
  const watermark = (cursor.pull?.startedMs ?? startedMs) - (options.overlapMs ?? 10 * MINUTE)
  await store.setCursor(source.name, scope.name, formatSyncCursor({ sinceMs: watermark }))
  report.storedCount = (await store.listScopeKeys(source.name, scope.name)).length
  report.durationMs = clock() - startedMs
  return report
}

/**
 * Syncs one source: takes its lease (one sync per source at a time, across processes), then per
 * scope pulls the items updated since the last successful run (all of them the first time or with
 * `full`), storing each page with its raw payloads and the pull's checkpoint, so a run killed at
 * any point resumes where it stopped; runs the key census when due (items gone from the scope are
 * removed, keeping a tombstone); moves the scope's watermark; records the run with a report per
 * scope. An authentication failure stops the run; another scope's failure is reported and the
 * other scopes continue. With `signal` aborted, the run stops after the page being stored and is
 * recorded as `canceled`.
 */
export async function syncSource(options: SyncSourceOptions): Promise<SyncReport> {
  const { store, source, clock } = options
  const startedMs = clock()
  const lease = await holdLease(options)
  const runId = await store.startSyncRun(source.name)
  const scopes: ScopeSyncReport[] = []
  let outcome: SyncReport['outcome'] = 'succeeded'
  try {
    const linker = await createLinker(store)
    // when each scope's census last ran, as the store knows it (not as the caller's copy says)
    const stored = await store.findSource(source.name)
    for (const scope of source.scopes) {
      const run = { options, scope, linker, isLeaseLost: lease.lost }
      const reconciledAt = stored?.scopes.find((s) => s.name === scope.name)?.reconciledAt
      try {
        scopes.push(await syncScope(run, { ...scope, reconciledAt }))
      } catch (error) {
        if (error instanceof Stopped || options.signal?.aborted) {
          outcome = 'canceled'
          break
        }
        outcome = 'failed'
        scopes.push({ ...emptyReport(scope.name), error: describeError(error) })
        if (isVmoError(error, 'CONNECTOR_AUTH_FAILED') || !isVmoError(error)) break
      }
    }
  } finally {
    const report = {
      scopes,
      rateLimit: options.connector.rateLimit(),
      durationMs: clock() - startedMs,
    }
    await store.finishSyncRun(runId, outcome, report as unknown as Record<string, unknown>)
    await lease.release()
  }
  return {
    source: source.name,
    runId,
    outcome,
    scopes,
    rateLimit: options.connector.rateLimit(),
    durationMs: clock() - startedMs,
  }
}

function emptyReport(scope: string): ScopeSyncReport {
  return {
    scope,
    mode: 'incremental',
    pulled: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    sourceCount: null,
    storedCount: 0,
    durationMs: 0,
  }
}
