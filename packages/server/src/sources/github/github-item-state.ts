import type { GitHubConnectorConfig, GitHubWorkflow } from './github-connector-config'
import type { GitHubIssueLabel, GitHubItemPayload, GitHubTimelineEvent } from './github-payloads'

/** The labels that are artifact types: listed names and/or a prefix. */
export type GitHubTypeLabels = GitHubConnectorConfig['types']

/** The names of an issue's labels (objects or plain names), in the order listed. */
export function labelNamesOf(labels: readonly GitHubIssueLabel[] | undefined): string[] {
  const names: string[] = []
  for (const label of labels ?? []) {
    const name = typeof label === 'string' ? label : label?.name
    if (typeof name === 'string' && name !== '') names.push(name)
  }
  return names
}

/**
 * The value a label stands for when it matches: the part after `prefix` (matched
 * case-insensitively, trimmed; an empty rest matches nothing), or the listed name it equals
 * case-insensitively.
 */
export function matchLabel(
  label: string,
  rule: { prefix?: string; names?: readonly string[] },
): string | undefined {
  const lower = label.toLowerCase()
  if (rule.prefix !== undefined && lower.startsWith(rule.prefix.toLowerCase())) {
    const rest = label.slice(rule.prefix.length).trim()
    if (rest !== '') return rest
  }
  return rule.names?.find((name) => name.toLowerCase() === lower)
}

function sameLabel(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/**
 * An issue's or pull request's state at one moment of its replay: open or closed (and why),
 * merged, draft, its labels in the order they were added, milestone, issue type and project
 * value. Its status and type follow the configured workflow and type labels.
 */
export class ItemState {
  closed = false
  closedStatus = 'closed'
  merged = false
  draft = false
  labels: string[] = []
  milestone: string | null = null
  project: string | null = null
  issueType: string | null = null

  constructor(
    readonly isPull: boolean,
    readonly types: GitHubTypeLabels,
  ) {}

  /**
   * The state at creation: open (a pull request a draft when its first draft event is
   * `ready_for_review`, or when it has none and is a draft now), with the labels, milestone and
   * issue type it has now taken back through `events` (chronological), so a label no event
   * mentions was there from the start.
   */
  static initial(
    payload: GitHubItemPayload,
    events: readonly GitHubTimelineEvent[],
    types: GitHubTypeLabels,
  ): ItemState {
    const { issue } = payload
    const state = new ItemState(issue.pull_request != null, types)
    state.draft = state.isPull && initialDraft(issue.draft === true, events)
    const labels = labelNamesOf(issue.labels)
    let milestone = issue.milestone?.title ?? null
    let issueType = issue.type?.name ?? null
    for (let k = events.length - 1; k >= 0; k--) {
      const event = events[k] as GitHubTimelineEvent
      const name = event.label?.name
      if (event.event === 'labeled' && name) removeName(labels, name)
      if (event.event === 'unlabeled' && name && !labels.some((l) => sameLabel(l, name))) {
        labels.push(name)
      }
      if (event.event === 'milestoned') milestone = null
      if (event.event === 'demilestoned') milestone = event.milestone?.title ?? milestone
      if (event.event === 'issue_type_added') issueType = null
      if (event.event === 'issue_type_changed') issueType = event.prev_issue_type?.name ?? null
      if (event.event === 'issue_type_removed') issueType = event.issue_type?.name ?? null
    }
    Object.assign(state, { labels, milestone, issueType })
    return state
  }

  close(status: string): void {
    this.closed = true
    this.closedStatus = status
  }

  reopen(): void {
    this.closed = false
    this.merged = false
  }

  addLabel(name: string | null | undefined): void {
    if (!name) return
    removeName(this.labels, name)
    this.labels.push(name)
  }

  removeLabel(name: string | null | undefined): void {
    if (name) removeName(this.labels, name)
  }

  isClosed(): boolean {
    return this.closed || this.merged
  }

  /** `merged`, `closed` (or the close reason of an issue), `draft` or `open`. */
  gitHubState(): string {
    if (this.merged) return 'merged'
    if (this.closed) return this.isPull ? 'closed' : this.closedStatus
    return this.draft ? 'draft' : 'open'
  }

  /** The workflow's value now (label, milestone or project status), if the item has one. */
  workflowValue(workflow: GitHubWorkflow): string | undefined {
    switch (workflow.kind) {
      case 'labels':
        return this.lastMatchingLabel(workflow)
      case 'milestones':
        return this.milestone ?? undefined
      case 'project':
        return this.project ?? undefined
      case 'state':
        return undefined
    }
  }

  status(workflow: GitHubWorkflow): string {
    const value = this.workflowValue(workflow)
    if (value === undefined) return this.gitHubState()
    const closedRule = workflow.kind === 'state' ? 'state' : workflow.closedStatus
    return this.isClosed() && closedRule === 'state' ? this.gitHubState() : value
  }

  /** `Pull Request`; else the GitHub issue type, the latest type label, or `Issue`. */
  type(): string {
    if (this.isPull) return 'Pull Request'
    return this.issueType ?? this.lastMatchingLabel(this.types) ?? 'Issue'
  }

  /**
   * This state with the item's values now (from the issue and project payloads) in place of the
   * replayed ones; labels the replay knows keep their order, others count as the oldest.
   */
  alignedWith(payload: GitHubItemPayload, withProject: boolean): ItemState {
    const { issue } = payload
    const now = Object.assign(new ItemState(this.isPull, this.types), this)
    now.closed = issue.state === 'closed'
    now.merged = this.isPull && issue.pull_request?.merged_at != null
    now.draft = this.isPull && issue.draft === true
    if (now.closed && !this.closed) now.closedStatus = closedStatusOf(issue.state_reason)
    const current = labelNamesOf(issue.labels)
    const kept = this.labels.filter((l) => current.some((c) => sameLabel(c, l)))
    now.labels = [...current.filter((c) => !kept.some((l) => sameLabel(c, l))), ...kept]
    now.milestone = issue.milestone?.title ?? null
    if (issue.type !== undefined) now.issueType = issue.type?.name ?? null
    if (withProject) now.project = payload.project?.current?.value ?? null
    return now
  }

  private lastMatchingLabel(rule: {
    prefix?: string
    names?: readonly string[]
    labels?: readonly string[]
  }): string | undefined {
    const names = rule.names ?? rule.labels
    for (let k = this.labels.length - 1; k >= 0; k--) {
      const value = matchLabel(this.labels[k] as string, { prefix: rule.prefix, names })
      if (value !== undefined) return value
    }
    return undefined
  }
}

function removeName(labels: string[], name: string): void {
  const at = labels.findIndex((l) => sameLabel(l, name))
  if (at >= 0) labels.splice(at, 1)
}

function initialDraft(draftNow: boolean, events: readonly GitHubTimelineEvent[]): boolean {
  const first = events.find(
    (e) => e.event === 'ready_for_review' || e.event === 'converted_to_draft',
  )
  return first === undefined ? draftNow : first.event === 'ready_for_review'
}

/** The status of an issue closed for `reason` (its `state_reason`). */
export function closedStatusOf(reason: string | null | undefined): string {
  if (reason === 'not_planned') return 'not planned'
  return reason === 'duplicate' ? 'duplicate' : 'closed'
}
