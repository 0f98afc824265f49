import { readFileSync } from 'node:fs'
import type { FakeEvent, FakeItem } from './fake-github-model'

type Json = Record<string, unknown>

interface Shapes {
  issue: Json & { user: Json & { login: string } }
  repository: Json & { full_name: string; owner: { login: string } }
  timelineEvent: Json
  label: Json
  milestone: Json
  pull: Json & { head: Json; base: Json }
  webhookIssuesLabeled: Json
}

/** Real GitHub payloads the fake fills with its own items (see `_provenance` in the file). */
export const GITHUB_SHAPES = JSON.parse(
  readFileSync(new URL('./github-shapes.json', import.meta.url), 'utf8'),
) as Shapes

/** GitHub's time format: `2024-03-01T09:00:00Z`. */
export function gitHubInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

const users = new Map<string, Json>()
const API_ROOT = 'https://api.github.com'

/** A `simple-user` for `login`. */
export function userJson(base: string, login: string): Json {
  const id = `${base} ${login}`
  let user = users.get(id)
  if (user === undefined) {
    const template = GITHUB_SHAPES.issue.user
    const text = JSON.stringify(template)
      .replaceAll(template.login, login)
      .replaceAll(API_ROOT, base)
    user = JSON.parse(text) as Json
    users.set(id, user)
  }
  return user
}

const repositories = new Map<string, Json>()

/** A repository (`full-repository`, as `/orgs/{org}/repos` lists them) named `fullName`. */
export function repositoryJson(base: string, fullName: string, id: number): Json {
  const cacheKey = `${base} ${fullName}`
  let repo = repositories.get(cacheKey)
  if (repo === undefined) {
    const template = GITHUB_SHAPES.repository
    const [owner = '', name = ''] = fullName.split('/')
    const text = JSON.stringify(template)
      .replaceAll(template.full_name, fullName)
      .replaceAll(template.full_name.split('/')[1] as string, name)
      .replaceAll(template.owner.login, owner)
      .replaceAll(API_ROOT, base)
    repo = { ...(JSON.parse(text) as Json), id, node_id: `R_kgDOFake${id}` }
    repositories.set(cacheKey, repo)
  }
  return repo
}

function numberOf(text: string): number {
  let hash = 7
  for (let k = 0; k < text.length; k++) hash = (hash * 31 + text.charCodeAt(k)) % 100_000
  return hash + 1
}

function labelJson(base: string, repo: string, name: string): Json {
  const id = numberOf(`${repo} ${name}`)
  return {
    ...GITHUB_SHAPES.label,
    id,
    node_id: `LA_kwDOFake${id}`,
    url: `${base}/repos/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: 'ededed',
    default: false,
  }
}

function milestoneJson(base: string, repo: string, title: string): Json {
  const number = numberOf(title)
  return {
    ...GITHUB_SHAPES.milestone,
    url: `${base}/repos/${repo}/milestones/${number}`,
    html_url: `https://github.com/${repo}/milestone/${number}`,
    labels_url: `${base}/repos/${repo}/milestones/${number}/labels`,
    id: numberOf(`${repo} ${title}`),
    number,
    title,
    creator: userJson(base, 'octocat'),
  }
}

/** The item as `GET /repos/{owner}/{repo}/issues` lists it. */
export function issueJson(base: string, item: FakeItem): Json {
  const api = `${base}/repos/${item.repo}/issues/${item.number}`
  const web = `https://github.com/${item.repo}/${item.isPull ? 'pull' : 'issues'}/${item.number}`
  const issue: Json = {
    ...GITHUB_SHAPES.issue,
    url: api,
    repository_url: `${base}/repos/${item.repo}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: web,
    id: item.id,
    node_id: item.nodeId,
    number: item.number,
    title: item.title,
    user: userJson(base, 'octokit-fixture-user-a'),
    labels: item.labels.map((name) => labelJson(base, item.repo, name)),
    state: item.state,
    assignee: item.assignees[0] === undefined ? null : userJson(base, item.assignees[0]),
    assignees: item.assignees.map((login) => userJson(base, login)),
    milestone: item.milestone === null ? null : milestoneJson(base, item.repo, item.milestone),
    created_at: gitHubInstant(item.createdMs),
    updated_at: gitHubInstant(item.updatedMs),
    closed_at: item.closedMs === null ? null : gitHubInstant(item.closedMs),
    body: item.body,
    reactions: { ...(GITHUB_SHAPES.issue.reactions as Json), url: `${api}/reactions` },
    timeline_url: `${api}/timeline`,
    state_reason: item.stateReason,
  }
  if (item.issueType !== undefined) issue.type = { name: item.issueType }
  if (item.isPull) {
    issue.draft = item.draft
    issue.pull_request = {
      url: `${base}/repos/${item.repo}/pulls/${item.number}`,
      html_url: web,
      diff_url: `${web}.diff`,
      patch_url: `${web}.patch`,
      merged_at: item.mergedMs === null ? null : gitHubInstant(item.mergedMs),
    }
  }
  return issue
}

/** Where timeline events are made: the API root and the items a `cross-referenced` names. */
export interface TimelineContext {
  base: string
  lookup: (key: string) => FakeItem | undefined
}

/** One REST timeline event of `item`; `sequence` numbers it. */
export function timelineEventJson(
  ctx: TimelineContext,
  item: FakeItem,
  event: FakeEvent & { sequence: number },
): Json {
  const { base, lookup } = ctx
  const actor = userJson(base, 'octocat')
  const createdAt = gitHubInstant(event.atMs)
  if (event.kind === 'cross-referenced') {
    const source = event.source === undefined ? undefined : lookup(event.source)
    const issue = source === undefined ? undefined : issueJson(base, source)
    return {
      event: event.kind,
      actor,
      created_at: createdAt,
      updated_at: createdAt,
      source: { type: 'issue', issue },
    }
  }
  const id = item.id * 1000 + event.sequence
  const common: Json = {
    ...GITHUB_SHAPES.timelineEvent,
    id,
    node_id: `IE_kwDOFake${id}`,
    url: `${base}/repos/${item.repo}/issues/events/${id}`,
    actor,
    event: event.kind,
    created_at: createdAt,
  }
  delete common.label
  switch (event.kind) {
    case 'labeled':
    case 'unlabeled':
      return { ...common, label: { name: event.label, color: 'ededed' } }
    case 'milestoned':
    case 'demilestoned':
      return { ...common, milestone: { title: event.milestone } }
    case 'closed':
    case 'reopened':
      return { ...common, state_reason: event.reason ?? null }
    case 'issue_type_added':
      return { ...common, issue_type: { name: event.issueType } }
    case 'assigned':
      return { ...common, assignee: userJson(base, event.assignee ?? 'octocat') }
    default:
      return common
  }
}

/** The item (a pull request) as `GET /repos/{owner}/{repo}/pulls/{n}` returns it. */
export function pullJson(base: string, item: FakeItem): Json {
  const template = GITHUB_SHAPES.pull
  const issue = issueJson(base, item)
  const ref = item.branch ?? `topic-${item.number}`
  return {
    ...template,
    url: `${base}/repos/${item.repo}/pulls/${item.number}`,
    id: item.id,
    node_id: item.nodeId,
    html_url: issue.html_url,
    issue_url: issue.url,
    number: item.number,
    state: item.state,
    title: item.title,
    user: issue.user,
    body: item.body,
    labels: issue.labels,
    milestone: issue.milestone,
    assignee: issue.assignee,
    assignees: issue.assignees,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    merged_at: item.mergedMs === null ? null : gitHubInstant(item.mergedMs),
    head: { ...template.head, ref, label: `octocat:${ref}` },
    // the description's example predates the `type` its teams now require: no reviewers here
    requested_reviewers: [],
    requested_teams: [],
    draft: item.draft,
    merged: item.mergedMs !== null,
  }
}
