import { parseInstant } from '@openvmo/core'
import type { WorkItemChange } from '@openvmo/core'
import type { GitHubConnectorConfig } from './github-connector-config'
import type { GitHubItemPayload, GitHubTimelineEvent } from './github-payloads'
import { ItemState, closedStatusOf } from './github-item-state'

/** What the status and type history is built from: the workflow and the type labels. */
export type GitHubHistoryOptions = Pick<GitHubConnectorConfig, 'workflow' | 'types'>

/** An item's status and type history, its status and type now, and whether it was corrected. */
export interface GitHubHistory {
  status: string
  type: string
  changes: WorkItemChange[]
  /**
   * The events did not end in the item's state now (events GitHub lost, or older than its
   * timeline): one change to the state now was added at the time it most likely happened.
   */
  corrected: boolean
  warnings: string[]
}

/**
 * One thing that happened to the item at `ms`: a timeline event, or a change of its project
 * value (`event` absent).
 */
interface Happening {
  at: string
  ms: number
  event?: GitHubTimelineEvent
  projectValue?: string | null
}

function happeningsOf(payload: GitHubItemPayload, warnings: string[]): Happening[] {
  const happenings: Happening[] = []
  const add = (at: unknown, what: string, happening: Omit<Happening, 'at' | 'ms'>) => {
    if (typeof at !== 'string') return
    const ms = parseInstant(at)
    if (Number.isFinite(ms)) happenings.push({ at, ms, ...happening })
    else warnings.push(`${what} at ${JSON.stringify(at)} was ignored`)
  }
  for (const event of payload.timeline) {
    if (typeof event?.event === 'string') add(event.created_at, `${event.event} event`, { event })
  }
  for (const change of payload.project?.changes ?? []) {
    add(change.at, 'project change', { projectValue: change.to })
  }
  // stable: events of one instant keep the order GitHub listed them in
  return happenings.sort((a, b) => a.ms - b.ms)
}

/**
 * Replays an item's timeline into status and type changes (see `gitHubWorkflowSchema`): the
 * item starts `open` (a pull request `draft` when its first draft event is `ready_for_review`)
 * with the labels, milestone and issue type it had before its first event; each instant's events
 * are applied together, so a same-second burst (demilestone + milestone + close, merge + close)
 * is one transition from the status before it to the status after it, and events in the second
 * of creation are part of the initial state. Pure; the payload is not modified.
 */
export function replayGitHubHistory(
  payload: GitHubItemPayload,
  options: GitHubHistoryOptions,
): GitHubHistory {
  const { issue } = payload
  const warnings: string[] = []
  const happenings = happeningsOf(payload, warnings)
  const events = happenings.flatMap((h) => (h.event ? [h.event] : []))
  const state = ItemState.initial(payload, events, options.types)
  const createdMs = parseInstant(issue.created_at ?? '')
  const changes: WorkItemChange[] = []
  let status = state.status(options.workflow)
  let type = state.type()
  for (let k = 0; k < happenings.length;) {
    const first = happenings[k] as Happening
    for (; k < happenings.length && happenings[k]?.ms === first.ms; k++) {
      apply(state, happenings[k] as Happening)
    }
    const nextStatus = state.status(options.workflow)
    const nextType = state.type()
    if (first.ms > createdMs) {
      if (nextStatus !== status) changes.push(change(first.at, 'status', [status, nextStatus]))
      if (nextType !== type) changes.push(change(first.at, 'type', [type, nextType]))
    }
    status = nextStatus
    type = nextType
  }
  return alignWithNow({ payload, state, options, changes, status, type, warnings })
}

function change(at: string, field: string, [from, to]: [string, string]): WorkItemChange {
  return { at, field, from, to }
}

function apply(state: ItemState, happening: Happening): void {
  if (happening.event) applyEvent(state, happening.event)
  else state.project = happening.projectValue ?? null
}

function applyEvent(state: ItemState, event: GitHubTimelineEvent): void {
  switch (event.event) {
    case 'closed':
      state.close(closedStatusOf(event.state_reason))
      break
    case 'reopened':
      state.reopen()
      break
    case 'merged':
      state.merged = true
      break
    case 'converted_to_draft':
      state.draft = true
      break
    case 'ready_for_review':
      state.draft = false
      break
    default:
      applyValueEvent(state, event)
  }
}

function applyValueEvent(state: ItemState, event: GitHubTimelineEvent): void {
  switch (event.event) {
    case 'labeled':
      state.addLabel(event.label?.name)
      break
    case 'unlabeled':
      state.removeLabel(event.label?.name)
      break
    case 'milestoned':
      state.milestone = event.milestone?.title ?? null
      break
    case 'demilestoned':
      if (event.milestone?.title === undefined || state.milestone === event.milestone.title) {
        state.milestone = null
      }
      break
    case 'issue_type_added':
    case 'issue_type_changed':
      state.issueType = event.issue_type?.name ?? null
      break
    case 'issue_type_removed':
      state.issueType = null
  }
}

interface Replayed {
  payload: GitHubItemPayload
  state: ItemState
  options: GitHubHistoryOptions
  changes: WorkItemChange[]
  status: string
  type: string
  warnings: string[]
}

/**
 * The replay's end compared with the item now (its state, labels, milestone, type and project
 * value win): a difference becomes one more change, at `closed_at` when the item closed without
 * a `closed` event, else at `updated_at` (never before the last change).
 */
function alignWithNow(r: Replayed): GitHubHistory {
  const { issue } = r.payload
  const now = r.state.alignedWith(r.payload, r.options.workflow.kind === 'project')
  const status = now.status(r.options.workflow)
  const type = now.type()
  const changes = [...r.changes]
  const closing = now.isClosed() && !r.state.isClosed() ? issue.closed_at : undefined
  const at = correctionTime([closing, issue.updated_at, issue.created_at], changes)
  if (type !== r.type && at) changes.push(change(at, 'type', [r.type, type]))
  if (status !== r.status && at) changes.push(change(at, 'status', [r.status, status]))
  const corrected = changes.length > r.changes.length
  return { status, type, changes, corrected, warnings: r.warnings }
}

function correctionTime(
  candidates: (string | null | undefined)[],
  changes: readonly WorkItemChange[],
): string | undefined {
  const at = candidates.find((c): c is string => typeof c === 'string' && isInstant(c))
  const last = changes.at(-1)?.at
  if (at === undefined || last === undefined) return at ?? last
  return parseInstant(at) >= parseInstant(last) ? at : last
}

function isInstant(text: string): boolean {
  return Number.isFinite(parseInstant(text))
}
