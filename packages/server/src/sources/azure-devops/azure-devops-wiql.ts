import { VmoError } from '@openvmo/core'
import type { ScopeSpec } from '../connector'

/**
 * Where a pull resumes: after the work item `id` changed at `changed`, from the start (`start`:
 * no item read yet), or nowhere (`done`).
 */
export type AzureCheckpoint = { changed: string; id: number } | 'start' | 'done'

/** A WIQL string literal: single quotes, a quote inside doubled. */
export function wiqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}

/** The WIQL condition of a scope: its project, or the user's own condition in parentheses. */
export function scopeCondition(scope: ScopeSpec): string {
  return scope.kind === 'project'
    ? `[System.TeamProject] = ${wiqlLiteral(scope.value.trim())}`
    : `(${scope.value})`
}

/**
 * The WIQL of one page of a pull: the scope's work items changed at or after `sinceIso` and
 * after `after` (keyset on changed date, then id), oldest change first. Sent with
 * `timePrecision=true`, so dates compare to the millisecond rather than by day.
 */
export function pullWiql(
  scope: ScopeSpec,
  at: { sinceIso?: string; after?: { changed: string; id: number } },
): string {
  const where = [scopeCondition(scope)]
  if (at.sinceIso !== undefined) where.push(`[System.ChangedDate] >= ${wiqlLiteral(at.sinceIso)}`)
  if (at.after !== undefined) {
    const c = wiqlLiteral(at.after.changed)
    where.push(
      `([System.ChangedDate] > ${c} OR ([System.ChangedDate] = ${c} AND [System.Id] > ${at.after.id}))`,
    )
  }
  return `SELECT [System.Id] FROM WorkItems WHERE ${where.join(' AND ')} ORDER BY [System.ChangedDate] ASC, [System.Id] ASC`
}

/** The WIQL of one page of the key census: the scope's work items after id `afterId`. */
export function keysWiql(scope: ScopeSpec, afterId: number): string {
  return `SELECT [System.Id] FROM WorkItems WHERE ${scopeCondition(scope)} AND [System.Id] > ${afterId} ORDER BY [System.Id] ASC`
}

/** The opaque text of a checkpoint. */
export function encodeAzureCheckpoint(checkpoint: AzureCheckpoint): string {
  if (checkpoint === 'done') return JSON.stringify({ done: true })
  return JSON.stringify(checkpoint === 'start' ? { start: true } : checkpoint)
}

/** A checkpoint from its text; INVALID_INPUT when it is not one this connector wrote. */
export function decodeAzureCheckpoint(text: string): AzureCheckpoint {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  const value = parsed as
    { done?: unknown; start?: unknown; changed?: unknown; id?: unknown } | undefined
  if (value?.done === true) return 'done'
  if (value?.start === true) return 'start'
  if (typeof value?.changed === 'string' && Number.isInteger(value.id)) {
    return { changed: value.changed, id: value.id as number }
  }
  throw new VmoError(
    'INVALID_INPUT',
    `${JSON.stringify(text.slice(0, 80))} is not an azure_devops checkpoint`,
  )
}
