import { isVmoError } from '@openvmo/core'
import type { ConnectionCheck, ConnectionReport, ScopeSpec } from '../connector'
import type { GitLabClient } from './gitlab-client'
import type { GitLabConnectorConfig } from './gitlab-connector-config'
import type { GitLabCurrentUser, GitLabTokenSelf } from './gitlab-payloads'
import { scopePath } from './gitlab-scopes'

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The scopes that let a token read issues, merge requests and their events. */
const READING_SCOPES = ['read_api', 'api']

async function identify(client: GitLabClient, signal?: AbortSignal): Promise<ConnectionCheck[]> {
  try {
    const user = (await client.get<GitLabCurrentUser>('/user', signal)).body
    const who = user.bot
      ? `the bot user ${String(user.username)} (a group or project token)`
      : String(user.username)
    return [
      { name: 'reachable', ok: true, detail: 'GitLab answered' },
      { name: 'authenticated', ok: true, detail: `authenticated as ${who}` },
    ]
  } catch (error) {
    const failed = { name: 'authenticated', ok: false, detail: messageOf(error) } as const
    if (isVmoError(error, 'CONNECTOR_AUTH_FAILED')) {
      return [{ name: 'reachable', ok: true, detail: 'GitLab answered' }, failed]
    }
    return [
      { name: 'reachable', ok: false, detail: messageOf(error) },
      { ...failed, detail: 'not checked' },
    ]
  }
}

async function permissions(client: GitLabClient, signal?: AbortSignal): Promise<ConnectionCheck> {
  try {
    const token = (await client.get<GitLabTokenSelf>('/personal_access_tokens/self', signal)).body
    const scopes = Array.isArray(token.scopes) ? token.scopes : []
    const ok = scopes.some((s) => READING_SCOPES.includes(s))
    const detail = ok
      ? `the token has the scopes ${scopes.join(', ')}`
      : `the token's scopes (${scopes.join(', ') || 'none'}) include neither read_api nor api: give it read_api`
    return { name: 'permissions', ok, detail }
  } catch (error) {
    // an OAuth token or an older instance cannot describe itself: the scope counts below tell
    return { name: 'permissions', ok: true, detail: `not checked (${messageOf(error)})` }
  }
}

async function countScope(
  at: { client: GitLabClient; config: GitLabConnectorConfig; signal?: AbortSignal },
  scope: ScopeSpec,
) {
  const { client, config, signal } = at
  const lists = config.includeMergeRequests ? ['issues', 'merge_requests'] : ['issues']
  let items = 0
  for (const list of lists) {
    const page = await client.get<unknown[]>(
      `${scopePath(scope)}/${list}?scope=all&state=all&per_page=1`,
      signal,
    )
    // GitLab leaves x-total out above 10,000 records
    if (page.total === undefined) return null
    items += page.total
  }
  return items
}

/**
 * `Connector.test` for GitLab: reachable and authenticated (`GET /user`), permissions (the
 * token's scopes from `GET /personal_access_tokens/self`: `read_api` or `api`), and per scope
 * its issues plus merge requests (`x-total`; null above 10,000). Never throws.
 */
export async function testGitLabConnection(at: {
  client: GitLabClient
  config: GitLabConnectorConfig
  scopes: readonly ScopeSpec[]
  signal?: AbortSignal
}): Promise<ConnectionReport> {
  const checks = await identify(at.client, at.signal)
  if (!checks.every((c) => c.ok)) {
    const scopes = at.scopes.map((s) => ({ scope: s.name, items: null, error: 'not checked' }))
    return { ok: false, checks, scopes }
  }
  checks.push(await permissions(at.client, at.signal))
  const scopes: ConnectionReport['scopes'] = []
  for (const scope of at.scopes) {
    try {
      scopes.push({
        scope: scope.name,
        items: await countScope(at, scope),
      })
    } catch (error) {
      scopes.push({ scope: scope.name, items: null, error: messageOf(error) })
    }
  }
  const scopeCheck: ConnectionCheck = {
    name: 'scope',
    ok: scopes.every((s) => s.error === undefined),
    detail: scopes
      .map((s) => `${s.scope}: ${s.error ?? `${s.items ?? 'over 10,000'} items`}`)
      .join('; '),
  }
  checks.push(scopeCheck)
  return { ok: checks.every((c) => c.ok), checks, scopes }
}
