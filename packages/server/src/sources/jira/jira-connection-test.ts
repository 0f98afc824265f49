import { isVmoError } from '@openvmo/core'
import type { ConnectionCheck, ConnectionReport, ScopeSpec } from '../connector'
import type { JiraClient } from './jira-client'

/** `User` of `GET /rest/api/2|3/myself`: the parts read. */
export interface JiraMyself {
  accountId?: string
  name?: string
  displayName?: string
  emailAddress?: string
  timeZone?: string
}

/** `Permissions` of `GET /rest/api/2|3/mypermissions`. */
interface JiraMyPermissions {
  permissions?: Record<string, { havePermission?: boolean }>
}

/** What {@link testJiraConnection} needs besides the client. */
export interface ConnectionTestParts {
  client: JiraClient
  /** The number of issues a scope holds now. */
  countItems(scope: ScopeSpec, signal?: AbortSignal): Promise<number>
  signal?: AbortSignal
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Checks a Jira source: `reachable` (the site answered at all), `authenticated` (`/myself`
 * accepted the credentials), `timezone` (the user's zone, which JQL date-times are read in),
 * `permissions` ("Browse projects" on every project scope, through `/mypermissions`) and `scope`
 * (every scope counted). Never throws: a failure is a check with `ok: false` in words.
 */
export async function testJiraConnection(
  parts: ConnectionTestParts,
  scopes: readonly ScopeSpec[],
): Promise<ConnectionReport> {
  const { client, signal } = parts
  const checks: ConnectionCheck[] = []
  let myself: JiraMyself
  try {
    myself = await client.request<JiraMyself>({ path: `${client.api}/myself`, signal })
  } catch (error) {
    const reached = !isVmoError(error, 'CONNECTOR_UNAVAILABLE')
    checks.push({
      name: 'reachable',
      ok: reached,
      detail: reached ? client.baseUrl : messageOf(error),
    })
    if (reached) checks.push({ name: 'authenticated', ok: false, detail: messageOf(error) })
    const scopeReports = scopes.map((s) => ({ scope: s.name, items: null, error: 'not checked' }))
    return { ok: false, checks, scopes: scopeReports }
  }
  checks.push({ name: 'reachable', ok: true, detail: client.baseUrl })
  checks.push({ name: 'authenticated', ok: true, detail: `as ${whoIs(myself)}` })
  const timezone = typeof myself.timeZone === 'string' ? myself.timeZone : undefined
  checks.push({
    name: 'timezone',
    ok: timezone !== undefined,
    detail:
      timezone ?? 'jira did not say the user time zone; incremental queries start 14 hours early',
  })
  checks.push(await permissionCheck(client, scopes, signal))
  const scopeReports = await Promise.all(scopes.map((scope) => countScope(parts, scope)))
  const failed = scopeReports.filter((s) => s.error !== undefined)
  checks.push({
    name: 'scope',
    ok: failed.length === 0,
    detail:
      failed.length === 0
        ? `${scopes.length} scope(s) counted`
        : failed.map((s) => s.error).join('; '),
  })
  return { ok: checks.every((c) => c.ok), checks, timezone, scopes: scopeReports }
}

function whoIs(myself: JiraMyself): string {
  const name = myself.displayName ?? myself.name ?? myself.accountId ?? 'an unnamed user'
  return myself.emailAddress ? `${name} <${myself.emailAddress}>` : name
}

async function permissionCheck(
  client: JiraClient,
  scopes: readonly ScopeSpec[],
  signal?: AbortSignal,
): Promise<ConnectionCheck> {
  const projects = [...new Set(scopes.filter((s) => s.kind === 'project').map((s) => s.value))]
  const missing: string[] = []
  for (const project of projects) {
    const problem = await browseProblem(client, project, signal)
    if (problem !== undefined) missing.push(problem)
  }
  if (missing.length > 0) return { name: 'permissions', ok: false, detail: missing.join('; ') }
  const detail =
    projects.length === 0
      ? 'no project scopes (jql scopes see what the account may browse)'
      : `"Browse projects" on ${projects.join(', ')}`
  return { name: 'permissions', ok: true, detail }
}

async function browseProblem(
  client: JiraClient,
  project: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  try {
    const answer = await client.request<JiraMyPermissions>({
      path: `${client.api}/mypermissions`,
      query: { projectKey: project, permissions: 'BROWSE_PROJECTS' },
      signal,
    })
    if (answer.permissions?.BROWSE_PROJECTS?.havePermission === true) return undefined
    return `the account lacks the "Browse projects" permission on project ${project}`
  } catch (error) {
    if (isVmoError(error, 'NOT_FOUND') || isVmoError(error, 'INVALID_INPUT')) {
      return `project ${project} does not exist or the account cannot see it`
    }
    return messageOf(error)
  }
}

async function countScope(parts: ConnectionTestParts, scope: ScopeSpec) {
  try {
    return { scope: scope.name, items: await parts.countItems(scope, parts.signal) }
  } catch (error) {
    return { scope: scope.name, items: null, error: `scope "${scope.name}": ${messageOf(error)}` }
  }
}
