/**
 * The parts of GitHub's REST and GraphQL payloads the connector reads (the OpenAPI `issue`,
 * `timeline-issue-events` and `pull-request` schemas). Payloads are not trusted: every member is
 * optional here and the mapper checks what it needs.
 */

/** A user (`simple-user`); only the login is read. */
export interface GitHubUser {
  login?: string
}

/** A label of an issue: the REST API sends objects, some archives plain names. */
export type GitHubIssueLabel = string | { name?: string | null }

/** An issue or pull request as `GET /repos/{owner}/{repo}/issues` lists it. */
export interface GitHubIssue {
  id?: number
  node_id?: string
  number?: number
  title?: string
  body?: string | null
  state?: string
  state_reason?: string | null
  url?: string
  html_url?: string
  repository_url?: string
  user?: GitHubUser | null
  labels?: GitHubIssueLabel[]
  assignees?: GitHubUser[] | null
  milestone?: { title?: string } | null
  created_at?: string
  updated_at?: string
  closed_at?: string | null
  /** Present on pull requests only. */
  pull_request?: { merged_at?: string | null; url?: string | null }
  draft?: boolean
  /** The GitHub issue type (`Bug`, `Feature`, `Task`) where the organisation has them. */
  type?: { name?: string } | null
  parent_issue_url?: string | null
}

/**
 * One event of `GET /repos/{owner}/{repo}/issues/{n}/timeline` (or of `/events`): `event` says
 * which (`labeled`, `closed`, `cross-referenced`, `merged` …) and decides the other members.
 */
export interface GitHubTimelineEvent {
  id?: number
  event?: string
  created_at?: string
  label?: { name?: string | null }
  milestone?: { title?: string }
  state_reason?: string | null
  issue_type?: { name?: string } | null
  prev_issue_type?: { name?: string } | null
  /** `cross-referenced`: the issue or pull request that mentioned this one. */
  source?: { type?: string; issue?: GitHubIssue }
}

/** `GET /repos/{owner}/{repo}/pulls/{n}`: only the branch is read from it. */
export interface GitHubPull {
  head?: { ref?: string }
}

/** A change of an item's value of the configured Projects v2 field, as GitHub recorded it. */
export interface GitHubProjectChange {
  at: string
  /** The new value; null when the item left the project or the value was cleared. */
  to: string | null
}

/**
 * An item's value of the configured Projects v2 single-select field (GraphQL): the value now
 * (with when it was last set) and the recorded changes (for the `Status` field only: GitHub
 * keeps no history of other fields).
 */
export interface GitHubProjectHistory {
  current: { value: string; updatedAt?: string } | null
  changes: GitHubProjectChange[]
}

/**
 * Everything read for one item: what the connector keeps as its raw payload, and one line of a
 * `github_json` import file in the connector's own form.
 */
export interface GitHubItemPayload {
  issue: GitHubIssue
  timeline: GitHubTimelineEvent[]
  pull?: GitHubPull
  project?: GitHubProjectHistory
}
