import type {
  RunSummaryResponse,
  SourceStateListResponse,
  SourceStateResponse,
} from '../../api/types'
import { MISSING, formatCount, formatNumber } from '../../format/numbers'

type RateLimit = NonNullable<SourceStateResponse['rateLimit']>
type Progress = NonNullable<SourceStateResponse['running']>

/** A scope as the Sources page shows it: what it is and the counts of its last census. */
export interface ScopeRow {
  name: string
  /** `project PAY`, `repo acme/pay`. */
  what: string
  inTool: string
  stored: string
  /** Items the tool holds that the store does not (negative: stored but gone); null if unknown. */
  difference: number | null
  censusAt: string
}

/** An instant in the reader's zone: `2 Mar 2026, 09:00`; `—` for none. */
export function formatInstant(value: string | null | undefined): string {
  if (!value) return MISSING
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })
}

/** The scopes of a source with the source-vs-stored counts of their last census. */
export function scopeRows(source: SourceStateResponse): ScopeRow[] {
  return source.scopes.map((scope) => ({
    name: scope.name,
    what: `${scope.kind} ${scope.value}`,
    inTool: formatCount(scope.sourceCount),
    stored: formatCount(scope.storedCount),
    difference:
      scope.sourceCount === null || scope.storedCount === null
        ? null
        : scope.sourceCount - scope.storedCount,
    censusAt: formatInstant(scope.reconciledAt),
  }))
}

const OUTCOMES: Record<RunSummaryResponse['outcome'], string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  canceled: 'Stopped',
}

/** The last run in words: outcome, when, how long, and what it changed. */
export function describeRun(run: RunSummaryResponse) {
  const seconds =
    run.finishedAt === null ? null : (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000
  return {
    outcome: OUTCOMES[run.outcome],
    color: run.outcome === 'succeeded' ? 'teal' : run.outcome === 'failed' ? 'red' : 'gray',
    when: formatInstant(run.startedAt),
    took:
      seconds === null
        ? 'still running'
        : seconds < 0.1
          ? 'took under 0.1 s'
          : `took ${formatNumber(seconds)} s`,
    changes: `${formatCount(run.inserted)} new, ${formatCount(run.updated)} changed, ${formatCount(run.deleted)} deleted`,
  }
}

/** The tool's rate limit in words, or null before the tool answered. */
export function describeRateLimit(rateLimit: RateLimit | null): string | null {
  if (!rateLimit) return null
  if (rateLimit.retryAfterSeconds !== undefined) {
    return `the tool asked to wait ${formatCount(rateLimit.retryAfterSeconds)} s`
  }
  if (rateLimit.remaining === undefined) return null
  const of = rateLimit.limit === undefined ? '' : ` of ${formatCount(rateLimit.limit)}`
  const reset = rateLimit.resetAt ? `, resets ${formatInstant(rateLimit.resetAt)}` : ''
  return `${formatCount(rateLimit.remaining)}${of} requests left${reset}`
}

/** A running sync's progress: the words and the share done (null when the total is unknown). */
export function describeProgress(progress: Progress): { text: string; share: number | null } {
  const scope = progress.scope ? ` ${progress.scope}` : ''
  if (progress.total === undefined || progress.total === 0) {
    return { text: `Syncing${scope}: ${formatCount(progress.done)} items so far`, share: null }
  }
  return {
    text: `Syncing${scope}: ${formatCount(progress.done)} of ${formatCount(progress.total)} items`,
    share: Math.min(1, progress.done / progress.total),
  }
}

/** The names of the sources syncing now. */
export function runningNames(list: SourceStateListResponse | undefined): string[] {
  return (list?.sources ?? []).filter((s) => s.running).map((s) => s.name)
}

/**
 * The settings of the add form: a JSON object (the options of `vmo source add <kind>`), or
 * the reason it is not one.
 */
export function parseSettings(
  text: string,
): { settings: Record<string, unknown> } | { error: string } {
  if (text.trim() === '') return { settings: {} }
  try {
    const value = JSON.parse(text) as unknown
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return { settings: value as Record<string, unknown> }
    }
    return { error: 'the settings must be a JSON object, like {"url": "https://…"}' }
  } catch (error) {
    return { error: `the settings are not valid JSON: ${(error as Error).message}` }
  }
}
