import type { Command } from 'commander'
import { refreshStoredFindings } from '../../store/stored-findings'
import { Cron } from 'croner'
import ms from 'ms'
import { VmoError } from '@openvmo/core'
import { readEnvironment } from '../../config/environment'
import { resolveSourceToken } from '../../config/source-token'
import type { Store } from '../../store/store'
import type { SourceDefinition } from '../../store/store-types'
import { syncSource } from '../../sync/sync-engine'
import type { SyncReport } from '../../sync/sync-types'
import type { CliIo } from '../cli-io'
import { auditCliWrite } from '../cli-audit'
import { openCliStore } from '../open-cli-store'
import { createProgress } from '../progress'
import type { SourceKind } from '../sources/source-kinds'
import { describeRun, describeSyncState } from '../sources/source-status'
import { getSource } from './source-command'
import { isSyncOwnerGone, syncOwner } from '../sync-owner'

interface SyncOptions {
  source?: string
  full?: boolean
  watch?: boolean
  every: string
  db?: string
}

/** `--every 15m` as milliseconds; INVALID_INPUT for anything `ms` does not read or under 1 min. */
export function parseInterval(text: string): number {
  const value = ms(text as ms.StringValue) as number | undefined
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 60_000) {
    throw new VmoError(
      'INVALID_INPUT',
      `--every "${text}" is not an interval of at least a minute (e.g. 15m, 1h)`,
    )
  }
  return value
}

function summary(report: SyncReport): string {
  const lines = report.scopes.map((s) => {
    const counts = `${s.pulled} pulled: ${s.inserted} new, ${s.updated} changed, ${s.unchanged} unchanged, ${s.deleted} deleted`
    const census =
      s.sourceCount === null ? '' : `; source ${s.sourceCount} vs stored ${s.storedCount}`
    return `  ${s.scope} (${s.mode}): ${s.error ? `failed: ${s.error}` : counts + census}`
  })
  return `${report.source}: ${report.outcome} in ${(report.durationMs / 1000).toFixed(1)} s\n${lines.join('\n')}\n`
}

async function syncOne(at: {
  store: Store
  source: SourceDefinition
  kinds: readonly SourceKind[]
  io: CliIo
  options: SyncOptions
  signal: AbortSignal
}): Promise<SyncReport> {
  const { io, source } = at
  const kind = at.kinds.find((k) => k.kind === source.kind)
  if (!kind)
    throw new VmoError(
      'INVALID_CONFIG',
      `source "${source.name}" has an unknown kind "${source.kind}"`,
    )
  const token = resolveSourceToken(source, { env: readEnvironment(io.env), variables: io.env })
  const progress = createProgress(io, `syncing ${source.name}`, 'items')
  try {
    return await syncSource({
      store: at.store,
      source,
      connector: kind.connect({ source, token }),
      owner: syncOwner(),
      isOwnerGone: isSyncOwnerGone,
      clock: io.now,
      full: at.options.full,
      signal: at.signal,
      onProgress: (p) => progress.update(p.done, p.total ?? p.done),
    })
  } finally {
    progress.stop()
  }
}

/** Syncs the chosen sources once; returns whether every run succeeded. */
async function syncOnce(at: {
  store: Store
  kinds: readonly SourceKind[]
  io: CliIo
  options: SyncOptions
  signal: AbortSignal
}): Promise<boolean> {
  const { store, options, io } = at
  const names = options.source ? [options.source] : (await store.listSources()).map((s) => s.name)
  let ok = true
  let synced = 0
  for (const name of names) {
    const source = options.source ? await getSource(store, name) : await store.findSource(name)
    if (!source) continue
    synced++
    const report = await syncOne({ ...at, source })
    await auditCliWrite(store, io, {
      action: 'source.sync',
      target: name,
      detail: {
        outcome: report.outcome,
        full: options.full === true,
        pulled: report.scopes.reduce((sum, s) => sum + s.pulled, 0),
      },
    })
    io.stdout(summary(report))
    ok &&= report.outcome === 'succeeded'
    if (at.signal.aborted) break
  }
  if (synced === 0) {
    throw new VmoError('NOT_FOUND', 'no source to sync: add one with vmo source add jira|github …')
  }
  const quality = await refreshStoredFindings(store, io.now(), 'sync')
  if (quality)
    io.stdout(
      `data quality: ${quality.itemsWithFindings} of ${quality.itemsChecked} items have findings (vmo validate --db lists them)\n`,
    )
  return ok
}

/**
 * Aborts on the first Ctrl-C or SIGTERM (the run stops after the page being stored); a second
 * one exits at once. `dispose` removes the handlers.
 */
function stopOnSignal(io: CliIo) {
  const controller = new AbortController()
  const stop = () => {
    if (controller.signal.aborted) process.exit(130)
    io.stderr('stopping after the current page … (Ctrl-C again to quit at once)\n')
    controller.abort()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  const dispose = () => {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
  }
  return { signal: controller.signal, dispose }
}

async function watch(at: Parameters<typeof syncOnce>[0]): Promise<void> {
  const everyMs = parseInterval(at.options.every)
  at.io.stdout(`syncing every ${ms(everyMs, { long: true })} until Ctrl-C\n`)
  await syncOnce(at).catch((error: unknown) => at.io.stderr(`vmo: ${(error as Error).message}\n`))
  const job = new Cron('* * * * * *', { interval: everyMs / 1000, protect: true }, async () => {
    await syncOnce(at).catch((error: unknown) => at.io.stderr(`vmo: ${(error as Error).message}\n`))
  })
  await new Promise<void>((resolve) =>
    at.signal.addEventListener('abort', () => resolve(), { once: true }),
  )
  job.stop()
}

async function status(options: { db?: string }, io: CliIo): Promise<void> {
  const store = await openCliStore(options, io)
  try {
    const env = readEnvironment(io.env)
    for (const info of await store.listSources()) {
      const definition = await store.findSource(info.name)
      if (!definition) continue
      const runs = await store.listSyncRuns(info.name)
      io.stdout(describeSyncState({ info, definition, runs, env, variables: io.env }))
      for (const run of runs.slice(1, 4)) io.stdout(`  earlier: ${describeRun(run)}\n`)
    }
  } finally {
    await store.close()
  }
}

/**
 * `vmo sync [--source NAME] [--full] [--watch --every 15m]` and `vmo sync status`: pulls what
 * changed in the sources into the store (everything the first time), resumable after Ctrl-C or
 * a crash, one sync per source at a time across processes.
 */
export function registerSyncCommand(
  program: Command,
  io: CliIo,
  setup: { kinds: readonly SourceKind[]; setExit: (code: number) => void },
): void {
  program
    .command('sync')
    .description('sync the sources into the store (vmo sync status: where each source stands)')
    .argument('[status]', '"status" shows the sources and their last runs instead of syncing')
    .option('--source <name>', 'only this source')
    .option('--full', "pull every item's whole history again (the census runs too)")
    .option('--watch', 'keep syncing on a schedule until Ctrl-C')
    .option('--every <interval>', 'the schedule of --watch (e.g. 5m, 1h)', '15m')
    .option(
      '--db <path>',
      'SQLite store file (default ./openvmo.db; $DATABASE_URL selects PostgreSQL)',
    )
    .action(async (what: string | undefined, options: SyncOptions) => {
      if (what === 'status') return status(options, io)
      if (what !== undefined) {
        throw new VmoError(
          'INVALID_INPUT',
          `unknown argument "${what}" (did you mean vmo sync status?)`,
        )
      }
      const stopping = stopOnSignal(io)
      const store = await openCliStore({ db: options.db, mode: 'create' }, io)
      try {
        const at = { store, kinds: setup.kinds, io, options, signal: stopping.signal }
        if (options.watch) return await watch(at)
        if (!(await syncOnce(at))) setup.setExit(1)
      } finally {
        stopping.dispose()
        await store.close()
      }
    })
}
