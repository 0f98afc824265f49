import { VmoError, parseInstant } from '@openvmo/core'
import type { JiraIssue } from './jira-json-payloads'

/**
 * Where a pull stands: the latest `created` instant among the issues returned so far and the
 * keys created at exactly that instant. A pull ordered by `created` resumes with
 * `created >= <that minute>` and leaves out what it already returned; this needs no page token
 * (Jira's `nextPageToken` expires) and no offset (offsets shift when issues are deleted).
 */
export interface JiraCheckpoint {
  createdMs: number
  keys: string[]
}

/** The checkpoint as the opaque text the sync engine stores. */
export function encodeCheckpoint(checkpoint: JiraCheckpoint): string {
  return JSON.stringify({ v: 1, created: checkpoint.createdMs, keys: checkpoint.keys })
}

/** Reads a checkpoint; throws `VmoError('INVALID_INPUT')` naming the source when it is not one. */
export function decodeCheckpoint(text: string, sourceName: string): JiraCheckpoint {
  try {
    const parsed = JSON.parse(text) as { v?: unknown; created?: unknown; keys?: unknown }
    const keys = parsed.keys
    if (
      parsed.v === 1 &&
      typeof parsed.created === 'number' &&
      Array.isArray(keys) &&
      keys.every((k) => typeof k === 'string')
    ) {
      return { createdMs: parsed.created, keys: keys as string[] }
    }
  } catch {
    // reported below
  }
  throw new VmoError(
    'INVALID_INPUT',
    `jira source "${sourceName}": checkpoint ${JSON.stringify(text.slice(0, 80))} is not a jira pull checkpoint`,
    { details: { source: sourceName } },
  )
}

/** The `created` instant of an issue (epoch ms), NaN when missing or unreadable. */
export function createdMsOf(issue: JiraIssue): number {
  const created = issue.fields?.created
  return typeof created === 'string' ? parseInstant(created) : NaN
}

/** Whether a pull resumed at `checkpoint` already returned `issue` (created before, or at it). */
export function isBehind(checkpoint: JiraCheckpoint, issue: JiraIssue): boolean {
  const created = createdMsOf(issue)
  if (created !== checkpoint.createdMs) return created < checkpoint.createdMs
  return checkpoint.keys.includes(String(issue.key))
}

/** The checkpoint after `issues` (in `created` order) were returned; `checkpoint` is not changed. */
export function advanceCheckpoint(
  checkpoint: JiraCheckpoint | undefined,
  issues: readonly JiraIssue[],
): JiraCheckpoint | undefined {
  let createdMs = checkpoint?.createdMs ?? -Infinity
  let keys = new Set(checkpoint?.keys)
  for (const issue of issues) {
    const created = createdMsOf(issue)
    if (!(created >= createdMs)) continue
    if (created > createdMs) [createdMs, keys] = [created, new Set()]
    keys.add(String(issue.key))
  }
  return Number.isFinite(createdMs) ? { createdMs, keys: [...keys] } : undefined
}
