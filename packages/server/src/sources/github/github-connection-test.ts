import { isVmoError } from '@openvmo/core'
import type { ConnectionCheck, ConnectionReport, ScopeSpec } from '../connector'
import type { GitHubClient } from './github-client'
import { findLink } from './github-client'
import type { GitHubConnectorConfig } from './github-connector-config'
import type { GitHubProjectReader } from './github-projects'
import { listScopeRepos } from './github-scopes'

/** What {@link testGitHubConnection} checks with. */
export interface GitHubConnectionTestInput {
  client: GitHubClient
  config: GitHubConnectorConfig
  projects?: GitHubProjectReader
  scopes: readonly ScopeSpec[]
  signal?: AbortSignal
}

interface Identity {
  reachable: ConnectionCheck
  authenticated: ConnectionCheck
  /** The classic token's scopes (`x-oauth-scopes`); undefined for fine-grained and app tokens. */
  tokenScopes?: string[]
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

async function identify(client: GitHubClient, signal?: AbortSignal): Promise<Identity> {
  const reachable = { name: 'reachable', ok: true, detail: 'GitHub answered' } as const
  try {
    const page = await client.getJson('/user', {
      signal,
      derive: (body) => (body as { login?: unknown }).login,
    })
    const header = page.headers['x-oauth-scopes']
    const tokenScopes =
      header === undefined
        ? undefined
        : String(header)
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
    const kind = tokenScopes === undefined ? 'a fine-grained or app token' : 'a classic token'
    const detail = `authenticated as ${String(page.value)} (${kind})`
    return { reachable, authenticated: { name: 'authenticated', ok: true, detail }, tokenScopes }
  } catch (error) {
    const status = isVmoError(error) ? error.details?.status : undefined
    if (status === 403) {
      // an app installation token cannot read /user, and needs not to
      const detail = 'authenticated (the token cannot read /user: an app installation token?)'
      return { reachable, authenticated: { name: 'authenticated', ok: true, detail } }
    }
    const failed = { name: 'authenticated', ok: false, detail: messageOf(error) } as const
    if (isVmoError(error, 'CONNECTOR_AUTH_FAILED')) return { reachable, authenticated: failed }
    const unreachable = { name: 'reachable', ok: false, detail: messageOf(error) } as const
    return { reachable: unreachable, authenticated: { ...failed, detail: 'not checked' } }
  }
}

/** Issues (and pull requests) of one repository: the `last` page of a one-item list. */
async function countRepo(input: GitHubConnectionTestInput, repo: string): Promise<number> {
  const { client, config, signal } = input
  if (!config.includePullRequests) {
    // encoded: Octokit would read `:name` in a URL as a parameter to fill in
    const q = encodeURIComponent(`repo:${repo} is:issue`)
    const page = await client.getJson(`/search/issues?q=${q}&per_page=1`, {
      signal,
      derive: (body) => Number((body as { total_count?: unknown }).total_count),
    })
    return page.value
  }
  const page = await client.getJson(`/repos/${repo}/issues?state=all&per_page=1`, {
    signal,
    derive: (body) => (Array.isArray(body) ? body.length : 0),
  })
  const last = findLink(page.headers.link, 'last')
  const lastPage =
    last === undefined ? undefined : Number(new URL(last, 'http://x').searchParams.get('page'))
  return lastPage !== undefined && Number.isInteger(lastPage) ? lastPage : page.value
}

async function countScope(input: GitHubConnectionTestInput, scope: ScopeSpec) {
  try {
    let items = 0
    for (const repo of await listScopeRepos(input.client, scope, input.signal)) {
      items += await countRepo(input, repo)
    }
    return { scope: scope.name, items }
  } catch (error) {
    return { scope: scope.name, items: null, error: messageOf(error) }
  }
}

function scopeCheck(tokenScopes: string[] | undefined, input: GitHubConnectionTestInput) {
  if (tokenScopes === undefined) {
    return 'fine-grained or app token: permissions are checked by reading each scope'
  }
  const missing: string[] = []
  if (!tokenScopes.some((s) => s === 'repo' || s === 'public_repo')) missing.push('repo')
  const project = ['project', 'read:project']
  if (input.projects && !tokenScopes.some((s) => project.includes(s))) missing.push('read:project')
  return missing.length === 0
    ? `classic token with scopes ${tokenScopes.join(', ')}`
    : { missing: `the classic token lacks the scope ${missing.join(' and ')}` }
}

async function permissionsCheck(
  input: GitHubConnectionTestInput,
  identity: Identity,
  scopes: ConnectionReport['scopes'],
): Promise<ConnectionCheck> {
  const tokenCheck = scopeCheck(identity.tokenScopes, input)
  const problems = typeof tokenCheck === 'string' ? [] : [tokenCheck.missing]
  const details = typeof tokenCheck === 'string' ? [tokenCheck] : []
  for (const s of scopes) if (s.error !== undefined) problems.push(`${s.scope}: ${s.error}`)
  if (input.projects) {
    try {
      const info = await input.projects.describe(input.signal)
      details.push(
        `project "${info.title}" and its field "${input.projects.workflow.field}" are readable`,
      )
    } catch (error) {
      problems.push(messageOf(error))
    }
  }
  const ok = problems.length === 0
  return { name: 'permissions', ok, detail: (ok ? details : problems).join('; ') }
}

/**
 * `Connector.test` for GitHub: reachable and authenticated (`GET /user`, which also tells a
 * classic token's scopes), the items of each scope (the last page of a one-item issue list;
 * the search count when pull requests are left out), and permissions: a classic token's scopes,
 * each scope readable, the project and its field for a project workflow. Never throws.
 */
export async function testGitHubConnection(
  input: GitHubConnectionTestInput,
): Promise<ConnectionReport> {
  const identity = await identify(input.client, input.signal)
  const checks: ConnectionCheck[] = [identity.reachable, identity.authenticated]
  if (!identity.authenticated.ok) {
    const error = identity.authenticated.detail
    return {
      ok: false,
      checks,
      scopes: input.scopes.map((s) => ({ scope: s.name, items: null, error })),
    }
  }
  const scopes: ConnectionReport['scopes'] = []
  for (const scope of input.scopes) scopes.push(await countScope(input, scope))
  checks.push(await permissionsCheck(input, identity, scopes))
  const ok = checks.every((c) => c.ok)
  return { ok, checks, scopes }
}
