import type { Environment, EnvironmentVariables } from '../../config/environment'
import { resolveSourceToken } from '../../config/source-token'
import type { SourceDefinition, SourceInfo, SyncRun } from '../../store/store-types'
import type { ScopeSyncReport } from '../../sync/sync-types'

const count = (n: number) => n.toLocaleString('en')

/** Where a source's token comes from and whether it can be had now, in words (never the token). */
export function describeToken(
  source: SourceDefinition,
  at: { env: Environment; variables: EnvironmentVariables },
): { ok: boolean; text: string } {
  const origin =
    source.secret !== undefined
      ? 'stored encrypted'
      : typeof source.config.tokenEnv === 'string'
        ? `$${source.config.tokenEnv}`
        : 'none'
  try {
    resolveSourceToken(source, at)
    return { ok: true, text: `${origin} (ok)` }
  } catch (error) {
    return { ok: false, text: `${origin}: ${(error as Error).message}` }
  }
}

function scopesOf(run: SyncRun | undefined): ScopeSyncReport[] {
  const scopes = run?.details?.scopes
  return Array.isArray(scopes) ? (scopes as ScopeSyncReport[]) : []
}

/** One run in a line: outcome, when, how long, what changed. */
export function describeRun(run: SyncRun): string {
  const scopes = scopesOf(run)
  const sum = (pick: (s: ScopeSyncReport) => number) => scopes.reduce((t, s) => t + pick(s), 0)
  const took =
    run.finishedAt === undefined
      ? 'still running'
      : `${((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1)} s`
  const errors = scopes.filter((s) => s.error).map((s) => `${s.scope}: ${s.error}`)
  return `${run.outcome} at ${run.startedAt} (${took}): ${count(sum((s) => s.inserted))} new, ${count(sum((s) => s.updated))} changed, ${count(sum((s) => s.deleted))} deleted${errors.length ? `; ${errors.join('; ')}` : ''}`
}

/**
 * A source in a few lines for `vmo source list` and `vmo sync status`: kind, items, token,
 * scopes with the source's and the store's counts from the last census, and the last run.
 */
export function describeSyncState(at: {
  info: SourceInfo
  definition: SourceDefinition | undefined
  runs: readonly SyncRun[]
  env: Environment
  variables: EnvironmentVariables
}): string {
  const { info, definition } = at
  if (!definition) return `${info.name} (imported from files): ${count(info.itemCount)} items\n`
  const token = describeToken(definition, at)
  const last = at.runs[0]
  const lastScopes = scopesOf(last)
  const lines = [
    `${info.name} (${definition.kind}): ${count(info.itemCount)} items; token ${token.text}`,
    ...definition.scopes.map((scope) => {
      const report = lastScopes.find((s) => s.scope === scope.name)
      const counts = report
        ? `source ${report.sourceCount === null ? '?' : count(report.sourceCount)}, stored ${count(report.storedCount)}`
        : 'not synced yet'
      return `  scope ${scope.name} (${scope.kind} ${scope.value}): ${counts}`
    }),
    `  last sync: ${last ? describeRun(last) : 'never'}`,
  ]
  return `${lines.join('\n')}\n`
}
