import { Cron } from 'croner'
import { VmoError } from '@openvmo/core'
import type { ConnectionReport, RateLimitState } from '../sources/connector'
import type { Store } from '../store/store'
import type { SourceDefinition, SyncRun } from '../store/store-types'
import type { ConnectorKind } from './connector-kinds'
import { syncItems } from './item-sync'
import { syncSource } from './sync-engine'
import { refreshStoredFindings } from '../store/stored-findings'
import type { ScopeSyncReport, SyncProgress } from './sync-types'

/** How a source's token and webhook secret are had (the CLI reads the environment). */
export interface SourceSecrets {
  /** The source's token; throws INVALID_CONFIG saying why it cannot be had. */
  tokenOf(source: SourceDefinition): string
  /** Where the token comes from and whether it can be had, in words (never the token). */
  describeToken(source: SourceDefinition): { ok: boolean; text: string }
  /** The source's webhook secret, or undefined when it has none. */
  webhookSecretOf(source: SourceDefinition): string | undefined
}

/** Options of {@link createSyncService}. */
export interface SyncServiceOptions {
  store: Store
  kinds: readonly ConnectorKind[]
  secrets: SourceSecrets
  /** Who syncs (host and process), for the leases. */
  owner: string
  /** Whether a lease holder is known to be gone (see `SyncSourceOptions.isOwnerGone`). */
  isOwnerGone?: (owner: string) => boolean
  clock: () => number
  /** Sync every configured source this often (ms); none when absent. */
  everyMs?: number
  /** Called when a run or a webhook fails, for the server's log. */
  onError?: (message: string) => void
}

/** A scope on the Sources page: what it is and the counts of its last census and run. */
export interface ScopeState {
  name: string
  kind: string
  value: string
  sourceCount: number | null
  storedCount: number | null
  reconciledAt: string | null
}

/** The last run of a source, summed over its scopes. */
export interface RunSummary {
  id: number
  outcome: SyncRun['outcome']
  startedAt: string
  finishedAt: string | null
  inserted: number
  updated: number
  deleted: number
  /** The first scope error, in plain words. */
  error: string | null
}

/** A source as the Sources page shows it. */
export interface SourceState {
  name: string
  /** Null for a source only imported from files. */
  kind: string | null
  itemCount: number
  scopes: ScopeState[]
  token: { ok: boolean; text: string } | null
  webhook: boolean
  lastRun: RunSummary | null
  rateLimit: RateLimitState | null
  /** Progress of a run this server is doing now. */
  running: SyncProgress | null
}

/**
 * What the server does with sources: their states for the Sources page, connection tests, syncs
 * started now or on a schedule (one at a time per source; the store's lease holds across
 * processes), and webhook deliveries (the items they name are fetched within seconds).
 */
export interface SyncService {
  readonly kinds: readonly ConnectorKind[]
  states(): Promise<SourceState[]>
  /** Names of the sources this server is syncing now (no store read: cheap to poll). */
  syncing(): string[]
  test(name: string): Promise<ConnectionReport>
  /** Starts a sync in the background; CONFLICT when this server runs one of it already. */
  start(name: string, options?: { full?: boolean }): Promise<void>
  /**
   * A webhook delivery of `kind` (for `source`, or any source of that kind whose secret
   * verifies it): null when no source's secret verifies it; else the source and the keys whose
   * re-sync was started.
   */
  webhook(at: {
    kind: string
    source?: string
    headers: Readonly<Record<string, string>>
    body: string
  }): Promise<{ source: string; keys: string[] } | null>
  /** Stops the schedule and asks running syncs to stop after their page. */
  close(): Promise<void>
}

function sumOf(scopes: readonly ScopeSyncReport[], pick: (s: ScopeSyncReport) => number) {
  return scopes.reduce((total, scope) => total + pick(scope), 0)
}

function reportsOf(run: SyncRun | undefined): ScopeSyncReport[] {
  const scopes = run?.details?.scopes
  return Array.isArray(scopes) ? (scopes as ScopeSyncReport[]) : []
}

function summarise(run: SyncRun | undefined): RunSummary | null {
  if (!run) return null
  const scopes = reportsOf(run)
  return {
    id: run.id,
    outcome: run.outcome,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt ?? null,
    inserted: sumOf(scopes, (s) => s.inserted),
    updated: sumOf(scopes, (s) => s.updated),
    deleted: sumOf(scopes, (s) => s.deleted),
    error: scopes.find((s) => s.error)?.error ?? null,
  }
}

/** The last census counts of each scope: from the newest run that has them. */
function scopeStates(source: SourceDefinition, runs: readonly SyncRun[]): ScopeState[] {
  return source.scopes.map((scope) => {
    const report = runs
      .map((run) => reportsOf(run).find((s) => s.scope === scope.name && !s.error))
      .find((found) => found !== undefined)
    return {
      name: scope.name,
      kind: scope.kind,
      value: scope.value,
      sourceCount: report?.sourceCount ?? null,
      storedCount: report?.storedCount ?? null,
      reconciledAt: scope.reconciledAt ?? null,
    }
  })
}

/** Creates the {@link SyncService} of a server. */
export function createSyncService(options: SyncServiceOptions): SyncService {
  const { store, kinds, secrets } = options
  const running = new Map<string, { stop: AbortController; progress: SyncProgress | null }>()
  const report = (message: string) => options.onError?.(message)

  const kindOf = (source: SourceDefinition) => {
    const kind = kinds.find((k) => k.kind === source.kind)
    if (!kind)
      throw new VmoError(
        'INVALID_CONFIG',
        `source "${source.name}" has an unknown kind "${source.kind}"`,
      )
    return kind
  }
  const getSource = async (name: string) => {
    const source = await store.findSource(name)
    if (!source) throw new VmoError('NOT_FOUND', `no synced source "${name}"`)
    return source
  }
  const connect = (source: SourceDefinition) =>
    kindOf(source).connect({ source, token: secrets.tokenOf(source) })

  const run = async (source: SourceDefinition, full: boolean) => {
    const stop = new AbortController()
    const entry = { stop, progress: null as SyncProgress | null }
    running.set(source.name, entry)
    try {
      const result = await syncSource({
        store,
        source,
        connector: connect(source),
        owner: options.owner,
        isOwnerGone: options.isOwnerGone,
        clock: options.clock,
        full,
        signal: stop.signal,
        onProgress: (progress) => (entry.progress = progress),
      })
      const failed = result.scopes.find((s) => s.error)
      if (failed) report(`sync of ${source.name}: ${failed.scope}: ${failed.error}`)
      await refreshStoredFindings(store, options.clock(), 'sync').catch((error: unknown) =>
        report(
          `data-quality findings after the sync of ${source.name}: ${(error as Error).message}`,
        ),
      )
    } catch (error) {
      report(`sync of ${source.name}: ${(error as Error).message}`)
    } finally {
      running.delete(source.name)
    }
  }

  const schedule =
    options.everyMs === undefined
      ? undefined
      : new Cron('* * * * * *', { interval: options.everyMs / 1000, protect: true }, async () => {
          for (const info of await store.listSources()) {
            const source = await store.findSource(info.name)
            if (source && !running.has(source.name)) await run(source, false)
          }
        })

  return {
    kinds,
    async states() {
      const out: SourceState[] = []
      for (const info of await store.listSources()) {
        const source = await store.findSource(info.name)
        const runs = source ? await store.listSyncRuns(info.name) : []
        const last = runs[0]
        out.push({
          name: info.name,
          kind: source?.kind ?? null,
          itemCount: info.itemCount,
          scopes: source ? scopeStates(source, runs) : [],
          token: source ? secrets.describeToken(source) : null,
          webhook: source ? secrets.webhookSecretOf(source) !== undefined : false,
          lastRun: summarise(last),
          rateLimit: (last?.details?.rateLimit as RateLimitState | null | undefined) ?? null,
          running:
            running.get(info.name)?.progress ??
            (running.has(info.name) ? { source: info.name, scope: '', done: 0 } : null),
        })
      }
      return out
    },
    syncing: () => [...running.keys()],
    async test(name) {
      const source = await getSource(name)
      return connect(source).test(source.scopes)
    },
    async start(name, startOptions = {}) {
      const source = await getSource(name)
      if (running.has(name)) {
        throw new VmoError('CONFLICT', `source "${name}" is being synced already`)
      }
      secrets.tokenOf(source)
      void run(source, startOptions.full ?? false)
    },
    async webhook(at) {
      const candidates = []
      for (const info of await store.listSources()) {
        if (at.source !== undefined && info.name !== at.source) continue
        const source = await store.findSource(info.name)
        if (source?.kind === at.kind) candidates.push(source)
      }
      for (const source of candidates) {
        const secret = secrets.webhookSecretOf(source)
        if (secret === undefined) continue
        const delivery = kindOf(source).readWebhook({ headers: at.headers, body: at.body, secret })
        if (!delivery) continue
        if (delivery.keys.length === 0) {
          // a delivery about the scope (a label or milestone renamed): an incremental sync
          if (!running.has(source.name)) void run(source, false)
          return { source: source.name, keys: [] }
        }
        void syncItems({ store, source, connector: connect(source), keys: delivery.keys }).catch(
          (error: unknown) => report(`webhook of ${source.name}: ${(error as Error).message}`),
        )
        return { source: source.name, keys: delivery.keys }
      }
      return null
    },
    async close() {
      schedule?.stop()
      for (const entry of running.values()) entry.stop.abort()
    },
  }
}
