import { DateTime } from 'luxon'
import type { ScopeSpec } from '../connector'

/**
 * The order of every pull: by creation, then key. An issue's `created` never changes, so an
 * issue edited during a pull keeps its place and the pages after it do not shift (ordering by
 * `updated` would move it to the end and make offset paging skip the issue behind it).
 */
export const PULL_ORDER = 'ORDER BY created ASC, key ASC'

const MINUTE_MS = 60_000
// The widest UTC offset (Kiribati, +14:00): a JQL time in UTC shifted by it is early enough in any zone.
const WIDEST_OFFSET_MS = 14 * 3_600_000

/** A JQL string literal: `"…"` with `"` and `\` escaped. */
export function quoteJql(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/**
 * A user's JQL without its trailing `ORDER BY …` (outside quotes), so it can be combined with
 * other clauses and the pull's own order.
 */
export function withoutOrderBy(jql: string): string {
  let quote: string | undefined
  for (let i = 0; i < jql.length; i++) {
    const c = jql[i]
    if (quote !== undefined) {
      if (c === '\\') i++
      else if (c === quote) quote = undefined
    } else if (c === '"' || c === "'") {
      quote = c
    } else if (/^order\s+by\b/i.test(jql.slice(i, i + 16)) && /(^|[\s)])$/.test(jql.slice(0, i))) {
      return jql.slice(0, i).trim()
    }
  }
  return jql.trim()
}

/**
 * The JQL condition of a scope: `project = "PAY"`, or the scope's query in parentheses; empty for
 * a query that only orders (`ORDER BY rank`: every issue the account can browse).
 */
export function scopeCondition(scope: ScopeSpec): string {
  if (scope.kind === 'project') return `project = ${quoteJql(scope.value)}`
  const query = withoutOrderBy(scope.value)
  return query === '' ? '' : `(${query})`
}

/** `conditions` joined with AND (empty ones left out), then `order`. */
export function jqlOf(conditions: readonly string[], order: string): string {
  const where = conditions.filter((c) => c !== '').join(' AND ')
  return where === '' ? order : `${where} ${order}`
}

/**
 * A JQL date-time (`"2024/03/01 10:05"`) for `ms` in the Jira user's time zone, rounded down to
 * the minute (JQL has no seconds), so the condition `>=` it includes `ms`. Without a known zone
 * the time is written in UTC minus 14 hours, early enough whatever zone Jira reads it in.
 */
export function jqlDateTime(ms: number, timeZone: string | undefined): string {
  const floor = Math.floor(ms / MINUTE_MS) * MINUTE_MS
  if (timeZone === undefined) return formatIn(floor - WIDEST_OFFSET_MS, 'UTC')
  const text = formatIn(floor, timeZone)
  // In the hour a clock is set back, a local time names two instants. Should it be read as the
  // later one (luxon does; java.time, Jira's, takes the earlier), the query would start too late:
  // step back an hour, so nothing is missed whichever way Jira reads it.
  const read = DateTime.fromFormat(text, 'yyyy/MM/dd HH:mm', { zone: timeZone }).toMillis()
  return read > floor ? formatIn(floor - 3_600_000, timeZone) : text
}

function formatIn(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy/MM/dd HH:mm')
}

/** Options of {@link pullJql}. */
export interface PullJqlOptions {
  /** Only issues updated at or after this instant (epoch ms). */
  sinceMs?: number
  /** Only issues created at or after this instant (resuming after a checkpoint). */
  createdFromMs?: number
  /** The Jira user's IANA time zone (from `/myself`), in which JQL reads date-times. */
  timeZone?: string
}

/**
 * The JQL of a pull: the scope's condition, `updated >= <since>` for an incremental pull and
 * `created >= <checkpoint>` when resuming, ordered by {@link PULL_ORDER}.
 */
export function pullJql(scope: ScopeSpec, options: PullJqlOptions = {}): string {
  const conditions = [scopeCondition(scope)]
  if (options.sinceMs !== undefined) {
    conditions.push(`updated >= ${quoteJql(jqlDateTime(options.sinceMs, options.timeZone))}`)
  }
  if (options.createdFromMs !== undefined) {
    conditions.push(`created >= ${quoteJql(jqlDateTime(options.createdFromMs, options.timeZone))}`)
  }
  return jqlOf(conditions, PULL_ORDER)
}

/** The JQL that finds the named issues: `key in ("PAY-1", "PAY-2")`. */
export function keysJql(keys: readonly string[]): string {
  return `key in (${keys.map(quoteJql).join(', ')}) ORDER BY key ASC`
}

/** The project keys a scope names, when it names them plainly (`project` scopes only). */
export function projectsOfScope(scope: ScopeSpec): string[] {
  return scope.kind === 'project' ? [scope.value] : []
}
