import type { GitLabIssuable, GitLabItemKind } from './gitlab-payloads'

const KEY = /^(.+)([#!])(\d+)$/
// `https://host/group/sub/project/-/issues/12`, or without `/-` as older instances and the docs
// write it; `merge_requests` for merge requests
const WEB_URL = /^https?:\/\/[^/]+\/(.+?)(?:\/-)?\/(issues|merge_requests)\/(\d+)(?:[/?#].*)?$/

/** The sigil of a kind in GitLab's references: `#` for issues, `!` for merge requests. */
export function sigilOf(kind: GitLabItemKind): '#' | '!' {
  return kind === 'issues' ? '#' : '!'
}

/** `group/project#12` (an issue) or `group/project!7` (a merge request). */
export function gitLabKey(project: string, kind: GitLabItemKind, iid: number): string {
  return `${project}${sigilOf(kind)}${iid}`
}

/** The parts of a key (`group/sub/project#12`), or undefined when it is not one. */
export function parseGitLabKey(
  key: string,
): { project: string; kind: GitLabItemKind; iid: number } | undefined {
  const match = KEY.exec(key)
  if (!match || !(match[1] ?? '').includes('/')) return undefined
  const kind: GitLabItemKind = match[2] === '#' ? 'issues' : 'merge_requests'
  return { project: match[1] as string, kind, iid: Number(match[3]) }
}

/** The key of a web URL of an issue or merge request, if it is one. */
export function keyOfWebUrl(url: string | null | undefined): string | undefined {
  const match = WEB_URL.exec(url ?? '')
  if (!match) return undefined
  const kind: GitLabItemKind = match[2] === 'issues' ? 'issues' : 'merge_requests'
  return gitLabKey(match[1] as string, kind, Number(match[3]))
}

/**
 * The key of an issue or merge request: its `references.full` when GitLab sent one (the list and
 * single endpoints do), else read from its `web_url` (issue links and some older answers).
 */
export function keyOfIssuable(item: GitLabIssuable, kind: GitLabItemKind): string | undefined {
  const full = item.references?.full
  if (typeof full === 'string' && parseGitLabKey(full)?.kind === kind) return full
  const fromUrl = keyOfWebUrl(item.web_url)
  return fromUrl !== undefined && parseGitLabKey(fromUrl)?.kind === kind ? fromUrl : undefined
}

/** The project path of a key (`group/project#12` → `group/project`). */
export function projectOfKey(key: string): string | undefined {
  return parseGitLabKey(key)?.project
}
