import type { GitHubIssue, GitHubItemPayload, GitHubTimelineEvent } from '../github-payloads'
import { GITHUB_SHAPES } from './fake-github-json'

const API = 'https://api.github.com'

/**
 * A real recorded issue (`GET /repos/{o}/{r}/issues`) of `acme/pay` numbered `number`, with
 * `overrides`; a pull request when `pull_request` is among them.
 */
export function recordedIssue(number: number, overrides: Partial<GitHubIssue> = {}): GitHubIssue {
  const repo = overrides.repository_url ?? `${API}/repos/acme/pay`
  return {
    ...(GITHUB_SHAPES.issue as GitHubIssue),
    url: `${repo}/issues/${number}`,
    repository_url: repo,
    html_url: `https://github.com/${repo.slice(`${API}/repos/`.length)}/issues/${number}`,
    number,
    labels: [],
    ...overrides,
  }
}

/** The `pull_request` member of a pull request listed as an issue. */
export function pullRequestMember(mergedAt: string | null = null) {
  return {
    url: `${API}/repos/acme/pay/pulls/1`,
    html_url: 'https://github.com/acme/pay/pull/1',
    diff_url: 'https://github.com/acme/pay/pull/1.diff',
    patch_url: 'https://github.com/acme/pay/pull/1.patch',
    merged_at: mergedAt,
  }
}

let nextEventId = 1

/** A timeline event in GitHub's recorded shape: `kind` at `at`, with `members`. */
export function timelineEvent(
  kind: string,
  at: string,
  members: Partial<GitHubTimelineEvent> = {},
): GitHubTimelineEvent {
  const template = { ...(GITHUB_SHAPES.timelineEvent as GitHubTimelineEvent) }
  delete template.label
  const id = nextEventId++
  return { ...template, id, event: kind, created_at: at, ...members }
}

/** `labeled`/`unlabeled` of `name` at `at`. */
export function labelEvent(kind: 'labeled' | 'unlabeled', at: string, name: string) {
  return timelineEvent(kind, at, { label: { name } })
}

/** `milestoned`/`demilestoned` of `title` at `at`. */
export function milestoneEvent(kind: 'milestoned' | 'demilestoned', at: string, title: string) {
  return timelineEvent(kind, at, { milestone: { title } })
}

/** A payload of `issue` and `timeline`. */
export function payloadOf(
  issue: GitHubIssue,
  timeline: GitHubTimelineEvent[],
  extra: Partial<GitHubItemPayload> = {},
): GitHubItemPayload {
  return { issue, timeline, ...extra }
}
