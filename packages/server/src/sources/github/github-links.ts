import type { WorkItemLink } from '@openvmo/core'
import { MENTIONS } from '../links/detect-links'
import type { GitHubConnectorConfig } from './github-connector-config'
import type { GitHubIssue, GitHubItemPayload } from './github-payloads'

/** Link types the GitHub mapper writes (targets are bare keys of the same source). */
export const GITHUB_LINK_TYPES = {
  /** A pull request closes the issue (`Fixes #12` in its description). */
  closes: 'closes',
  /** The item was mentioned by another issue or pull request (a `cross-referenced` event). */
  referencedBy: 'referenced_by',
  /** A Jira key in the title or branch (only with `jiraMentions`). */
  mentions: MENTIONS,
} as const

const API_ITEM_URL = /\/repos\/([^/]+\/[^/]+)\/(?:issues|pulls)\/(\d+)$/
const HTML_ITEM_URL = /^https?:\/\/[^/]+\/([^/]+\/[^/]+)\/(?:issues|pull)\/(\d+)(?:[/?#].*)?$/
const API_REPO_URL = /\/repos\/([^/]+\/[^/]+)$/

/** `owner/repo#12` for an item of `repo`. */
export function gitHubKey(repo: string, number: number): string {
  return `${repo}#${number}`
}

/** The key (`owner/repo#12`) of an API (`…/repos/o/r/issues/12`) or web item URL, if it is one. */
export function keyOfItemUrl(url: string | null | undefined): string | undefined {
  if (typeof url !== 'string') return undefined
  const match = API_ITEM_URL.exec(url) ?? HTML_ITEM_URL.exec(url)
  return match ? gitHubKey(match[1] as string, Number(match[2])) : undefined
}

/** The repository (`owner/repo`) of an issue payload, from `repository_url`, `url` or `html_url`. */
export function repoOfIssue(issue: GitHubIssue): string | undefined {
  const fromRepoUrl = API_REPO_URL.exec(issue.repository_url ?? '')?.[1]
  if (fromRepoUrl !== undefined) return fromRepoUrl
  const key = keyOfItemUrl(issue.url) ?? keyOfItemUrl(issue.html_url)
  return key?.slice(0, key.lastIndexOf('#'))
}

/** The key of an issue payload, if it has a repository and a number. */
export function keyOfIssue(issue: GitHubIssue): string | undefined {
  const repo = repoOfIssue(issue)
  return repo !== undefined && Number.isInteger(issue.number)
    ? gitHubKey(repo, issue.number as number)
    : undefined
}

// GitHub's closing keywords (close, closes, closed, fix, fixes, fixed, resolve, resolves,
// resolved), an optional colon, then `#12`, `owner/repo#12` or an issue or pull request URL.
const CLOSING_REFERENCE =
  /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+(?:([\w.-]+\/[\w.-]+)?#(\d+)\b|(https?:\/\/\S+\/(?:issues|pull)\/\d+))/gi

/**
 * The items a pull request description closes, as GitHub reads it (`Fixes #12`, `closes
 * acme/web#3`, `Resolves https://github.com/acme/pay/issues/7`): keys, in order, without repeats.
 */
export function findClosingReferences(body: string | null | undefined, ownRepo: string): string[] {
  const keys = new Set<string>()
  for (const match of (body ?? '').matchAll(CLOSING_REFERENCE)) {
    const key = match[3] ? keyOfItemUrl(match[3]) : gitHubKey(match[1] ?? ownRepo, Number(match[2]))
    if (key !== undefined) keys.add(key)
  }
  return [...keys]
}

// Jira-style keys, as the import's link detection reads them (`sources/links/detect-links.ts`).
const JIRA_KEY = /\b[A-Z][A-Z0-9]+-\d+\b/g

/** Jira keys in `texts` (of the listed projects only, when given), without repeats. */
export function findJiraKeys(texts: readonly string[], projects?: readonly string[]): string[] {
  const keys = new Set<string>()
  for (const text of texts) {
    for (const [key] of text.matchAll(JIRA_KEY)) {
      const project = key.slice(0, key.lastIndexOf('-'))
      if (projects === undefined || projects.includes(project)) keys.add(key)
    }
  }
  return [...keys]
}

/**
 * An item's links: `closes` for each closing reference of a pull request's description,
 * `referenced_by` for each issue or pull request whose `cross-referenced` event is in its
 * timeline, and, with `jiraMentions`, `mentions` of `<source>:<KEY>` for the Jira keys in its
 * title and branch. GitHub's `connected` events name no target over REST, so manual links made
 * in the sidebar are not read. Never a link to the item itself; each target once per type.
 */
export function gitHubLinksOf(
  payload: GitHubItemPayload,
  key: string,
  options: Pick<GitHubConnectorConfig, 'jiraMentions'>,
): WorkItemLink[] {
  const { issue } = payload
  const repo = key.slice(0, key.lastIndexOf('#'))
  const links: WorkItemLink[] = []
  if (issue.pull_request != null) {
    for (const target of findClosingReferences(issue.body, repo)) {
      links.push({ type: GITHUB_LINK_TYPES.closes, target })
    }
  }
  for (const event of payload.timeline) {
    if (event?.event !== 'cross-referenced' || !event.source?.issue) continue
    const target = keyOfIssue(event.source.issue)
    if (target !== undefined) links.push({ type: GITHUB_LINK_TYPES.referencedBy, target })
  }
  const mentions = options.jiraMentions
  if (mentions) {
    const texts = [issue.title, payload.pull?.head?.ref].filter((t) => typeof t === 'string')
    for (const jiraKey of findJiraKeys(texts, mentions.projects)) {
      links.push({ type: GITHUB_LINK_TYPES.mentions, target: `${mentions.source}:${jiraKey}` })
    }
  }
  return uniqueLinks(links.filter((l) => l.target !== key))
}

function uniqueLinks(links: readonly WorkItemLink[]): WorkItemLink[] {
  const seen = new Set<string>()
  return links.filter((l) => {
    const id = `${l.type}>${l.target}`
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
}
