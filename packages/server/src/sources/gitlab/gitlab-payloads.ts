/**
 * GitLab REST v4 payloads as the connector reads them (only the members it uses; GitLab sends
 * more). Shapes follow GitLab's API documentation (`doc/api/issues.md`, `merge_requests.md`,
 * `resource_state_events.md`, `resource_label_events.md`, `resource_milestone_events.md`,
 * `issue_links.md`). Every member is optional: a payload is data to check, not a promise.
 */

/** A user as GitLab embeds it (`author`, `assignees`, event `user`). */
export interface GitLabUser {
  id?: number
  username?: string
  name?: string
}

/** A milestone as embedded in issues, merge requests and milestone events. */
export interface GitLabMilestone {
  id?: number
  iid?: number
  title?: string
}

/** `references` of an issue (`group/project#12`) or merge request (`group/project!7`). */
export interface GitLabReferences {
  short?: string
  relative?: string
  full?: string
}

/** An issue (`GET /projects/:id/issues`) or merge request (`GET /projects/:id/merge_requests`). */
export interface GitLabIssuable {
  id?: number
  iid?: number
  project_id?: number
  title?: string
  description?: string | null
  /** Issues: `opened` or `closed`; merge requests also `merged` and `locked`. */
  state?: string
  created_at?: string
  updated_at?: string
  closed_at?: string | null
  merged_at?: string | null
  labels?: (string | { name?: string })[]
  milestone?: GitLabMilestone | null
  author?: GitLabUser | null
  assignees?: GitLabUser[] | null
  web_url?: string
  references?: GitLabReferences
  /** Issues: `issue`, `incident`, `test_case`, `task` (GitLab 13.x+). */
  issue_type?: string
  /** Issues: `ISSUE`, `INCIDENT` … (the same as `issue_type`, upper case). */
  type?: string
  /** Issues moved to another project keep their page here, closed, with the new issue's id. */
  moved_to_id?: number | null
  /** Merge requests only. */
  source_branch?: string
  target_branch?: string
  draft?: boolean
}

/** `resource_state_events`: `state` is `opened`, `closed`, `reopened` or `merged`. */
export interface GitLabStateEvent {
  id?: number
  created_at?: string
  resource_type?: string
  resource_id?: number
  state?: string
  user?: GitLabUser | null
}

/** `resource_label_events`: a label added or removed. */
export interface GitLabLabelEvent {
  id?: number
  created_at?: string
  resource_type?: string
  resource_id?: number
  label?: { id?: number; name?: string } | null
  action?: 'add' | 'remove' | string
  user?: GitLabUser | null
}

/** `resource_milestone_events`: a milestone set (`add`) or taken away (`remove`). */
export interface GitLabMilestoneEvent {
  id?: number
  created_at?: string
  resource_type?: string
  resource_id?: number
  milestone?: GitLabMilestone | null
  action?: 'add' | 'remove' | string
}

/** `GET /projects/:id/issues/:iid/links`: the linked issue with the link's type. */
export interface GitLabIssueLink extends GitLabIssuable {
  /** `relates_to`, `blocks` or `is_blocked_by`. */
  link_type?: string
  link_created_at?: string
}

/** Which kind of issuable a payload is: the path segment GitLab uses for it. */
export const GITLAB_ITEM_KINDS = ['issues', 'merge_requests'] as const
export type GitLabItemKind = (typeof GITLAB_ITEM_KINDS)[number]

/**
 * Everything the mapper needs for one item: the issue or merge request and its event lists.
 * `links`: issue links of an issue; `closes`: the issues a merge request closes when merged
 * (`GET /projects/:id/merge_requests/:iid/closes_issues`).
 */
export interface GitLabItemPayload {
  kind: GitLabItemKind
  item: GitLabIssuable
  stateEvents: GitLabStateEvent[]
  labelEvents: GitLabLabelEvent[]
  milestoneEvents: GitLabMilestoneEvent[]
  links?: GitLabIssueLink[]
  closes?: GitLabIssuable[]
}

/** `GET /user`. */
export interface GitLabCurrentUser {
  id?: number
  username?: string
  bot?: boolean
}

/** `GET /personal_access_tokens/self` (personal, group and project access tokens alike). */
export interface GitLabTokenSelf {
  name?: string
  scopes?: string[]
  active?: boolean
  revoked?: boolean
  expires_at?: string | null
}

/** `GET /projects/:id` and `GET /groups/:id` (the members the connector reads). */
export interface GitLabNamespaceEntity {
  id?: number
  path_with_namespace?: string
  full_path?: string
  web_url?: string
}
