import { parseInstant } from '@openvmo/core'
import type { WorkItemChange } from '@openvmo/core'
import type { GitLabItemPayload } from './gitlab-payloads'

/** What the status and type are read from: the scoped-label keys of workflow states and types. */
export interface GitLabHistoryOptions {
  /** `workflow`: an open item labelled `workflow::in review` is `in review`. */
  workflowScope: string
  /** `type`: `type::bug` makes an issue a `bug`. */
  typeScope: string
}

/** An item's status, type and milestone history, and whether it was corrected. */
export interface GitLabHistory {
  status: string
  type: string
  changes: WorkItemChange[]
  /** The events did not end in the item's state now: one change to it was added. */
  corrected: boolean
  warnings: string[]
}

interface Happening {
  at: string
  ms: number
  state?: string
  label?: { name: string; add: boolean }
  milestone?: string | null
}

interface ItemState {
  state: string
  labels: string[]
}

/** The value of the scoped label `scope::value` among `labels` (the last one listed wins). */
export function scopedValue(labels: readonly string[], scope: string): string | undefined {
  const prefix = `${scope.toLowerCase()}::`
  const found = labels.filter((l) => l.toLowerCase().startsWith(prefix)).at(-1)
  return found?.slice(prefix.length)
}

/** `opened` and `reopened` events open the item; others (`closed`, `merged`, `locked`) are kept. */
function stateAfter(event: string): string {
  return event === 'reopened' ? 'opened' : event
}

function statusOf(s: ItemState, options: GitLabHistoryOptions): string {
  if (s.state !== 'opened') return s.state
  return scopedValue(s.labels, options.workflowScope) ?? 'opened'
}

function typeOf(payload: GitLabItemPayload, labels: readonly string[], scope: string): string {
  if (payload.kind === 'merge_requests') return 'merge_request'
  const scoped = scopedValue(labels, scope)
  if (scoped !== undefined) return scoped
  const own = payload.item.issue_type ?? payload.item.type
  return typeof own === 'string' && own !== '' ? own.toLowerCase() : 'issue'
}

function happeningsOf(payload: GitLabItemPayload, warnings: string[]): Happening[] {
  const list: Happening[] = []
  const add = (at: unknown, what: string, happening: Omit<Happening, 'at' | 'ms'>) => {
    if (typeof at !== 'string') return
    const ms = parseInstant(at)
    if (Number.isFinite(ms)) list.push({ at, ms, ...happening })
    else warnings.push(`${what} at ${JSON.stringify(at)} was ignored`)
  }
  for (const e of payload.stateEvents) {
    if (typeof e?.state === 'string') add(e.created_at, 'state event', { state: e.state })
  }
  for (const e of payload.labelEvents) {
    const name = e?.label?.name
    if (typeof name === 'string' && (e.action === 'add' || e.action === 'remove')) {
      add(e.created_at, 'label event', { label: { name, add: e.action === 'add' } })
    }
  }
  for (const e of payload.milestoneEvents) {
    const title = e?.milestone?.title ?? null
    if (e?.action === 'add' || e?.action === 'remove') {
      add(e.created_at, 'milestone event', { milestone: e.action === 'add' ? title : null })
    }
  }
  // stable: a scoped label's replacement (add and remove of one instant) keeps GitLab's order
  return list.sort((a, b) => a.ms - b.ms)
}

function labelNames(payload: GitLabItemPayload): string[] {
  return (payload.item.labels ?? []).flatMap((l) => {
    const name = typeof l === 'string' ? l : l?.name
    return typeof name === 'string' ? [name] : []
  })
}

/** The labels before the first event: the labels now with every label event undone. */
function initialLabels(now: readonly string[], happenings: readonly Happening[]): string[] {
  const labels = new Set(now)
  for (const h of [...happenings].reverse()) {
    if (!h.label) continue
    if (h.label.add) labels.delete(h.label.name)
    else labels.add(h.label.name)
  }
  return [...labels]
}

function apply(s: ItemState, h: Happening): ItemState {
  if (h.state !== undefined) return { ...s, state: stateAfter(h.state) }
  if (!h.label) return s
  const others = s.labels.filter((l) => l !== h.label?.name)
  return { ...s, labels: h.label.add ? [...others, h.label.name] : others }
}

/**
 * Replays an item's resource events into status, type and milestone changes. The item starts
 * `opened` (GitLab does not record the initial state) with the labels it had before its first
 * label event; the events of one instant apply together, so a scoped label's replacement (an
 * `add` of `workflow::b` and a `remove` of `workflow::a` with the same `created_at`) is one
 * transition; events within a second of creation are part of the initial state. Status: the
 * state when not `opened` (`closed`, `merged`, `locked`), else the workflow label's value, else
 * `opened`. Type: `merge_request`, else the type label's value, else `issue_type`. A history
 * that does not end in the item's state now gets one correcting change. Pure.
 */
export function replayGitLabHistory(
  payload: GitLabItemPayload,
  options: GitLabHistoryOptions,
): GitLabHistory {
  const warnings: string[] = []
  const happenings = happeningsOf(payload, warnings)
  const createdMs = parseInstant(payload.item.created_at ?? '')
  let current: ItemState = {
    state: 'opened',
    labels: initialLabels(labelNames(payload), happenings),
  }
  let milestone: string | null = null
  const changes: WorkItemChange[] = []
  for (let k = 0; k < happenings.length;) {
    const { at, ms } = happenings[k] as Happening
    let next = current
    for (; k < happenings.length && (happenings[k] as Happening).ms === ms; k++) {
      const h = happenings[k] as Happening
      next = apply(next, h)
      if (h.milestone !== undefined && h.milestone !== milestone) {
        if (ms > createdMs + 1000)
          changes.push({ at, field: 'milestone', from: milestone, to: h.milestone })
        milestone = h.milestone
      }
    }
    if (ms > createdMs + 1000)
      changes.push(...transitions(payload, { from: current, to: next, at }, options))
    current = next
  }
  return finish(payload, { current, changes, warnings }, options)
}

function transitions(
  payload: GitLabItemPayload,
  step: { from: ItemState; to: ItemState; at: string },
  options: GitLabHistoryOptions,
): WorkItemChange[] {
  const { from, to, at } = step
  const out: WorkItemChange[] = []
  const [s0, s1] = [statusOf(from, options), statusOf(to, options)]
  if (s0 !== s1) out.push({ at, field: 'status', from: s0, to: s1 })
  const [t0, t1] = [
    typeOf(payload, from.labels, options.typeScope),
    typeOf(payload, to.labels, options.typeScope),
  ]
  if (t0 !== t1) out.push({ at, field: 'type', from: t0, to: t1 })
  return out
}

function finish(
  payload: GitLabItemPayload,
  replay: { current: ItemState; changes: WorkItemChange[]; warnings: string[] },
  options: GitLabHistoryOptions,
): GitLabHistory {
  const { item } = payload
  const labels = labelNames(payload)
  const now: ItemState = { state: item.state ?? 'opened', labels }
  const status = statusOf(now, options)
  const replayed = statusOf(replay.current, options)
  const corrected = replayed !== status
  const changes = [...replay.changes]
  if (corrected) {
    const at = item.merged_at ?? item.closed_at ?? item.updated_at ?? item.created_at ?? ''
    changes.push({ at, field: 'status', from: replayed, to: status })
    replay.warnings.push(
      `the events end in ${JSON.stringify(replayed)}, not ${JSON.stringify(status)}: one change was added`,
    )
  }
  const type = typeOf(payload, labels, options.typeScope)
  return { status, type, changes, corrected, warnings: replay.warnings }
}
