import { isVmoError } from '@openvmo/core'
import type { ConnectionCheck, ConnectionReport, ScopeSpec } from '../connector'
import type { AzureDevOpsConnector } from './azure-devops-connector'
import type { AzureList, AzureWorkItemType } from './azure-devops-payloads'
import { scopeCondition } from './azure-devops-wiql'

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The most ids one WIQL answer holds: a count at it means "at least". */
const WIQL_LIMIT = 20_000

async function identify(
  connector: AzureDevOpsConnector,
  signal?: AbortSignal,
): Promise<ConnectionCheck[]> {
  try {
    await connector.client.get<AzureList<unknown>>('/_apis/projects?$top=1', signal)
    return [
      { name: 'reachable', ok: true, detail: 'Azure DevOps answered' },
      { name: 'authenticated', ok: true, detail: 'the personal access key was accepted' },
    ]
  } catch (error) {
    const failed = { name: 'authenticated', ok: false, detail: messageOf(error) } as const
    if (isVmoError(error, 'CONNECTOR_AUTH_FAILED')) {
      return [{ name: 'reachable', ok: true, detail: 'Azure DevOps answered' }, failed]
    }
    return [
      { name: 'reachable', ok: false, detail: messageOf(error) },
      { ...failed, detail: 'not checked' },
    ]
  }
}

/**
 * The work item types of a project with their states and state categories
 * (`GET {project}/_apis/wit/workitemtypes`), disabled types left out.
 */
export async function listAzureWorkItemTypes(
  connector: AzureDevOpsConnector,
  project: string,
  signal?: AbortSignal,
): Promise<{ name: string; states: { name: string; category: string }[] }[]> {
  const path = `/${encodeURIComponent(project)}/_apis/wit/workitemtypes`
  const list = await connector.client.get<AzureList<AzureWorkItemType>>(path, signal)
  return (list.value ?? []).flatMap((type) =>
    typeof type?.name === 'string' && type.isDisabled !== true
      ? [
          {
            name: type.name,
            states: (type.states ?? []).flatMap((s) =>
              typeof s?.name === 'string' ? [{ name: s.name, category: s.category ?? '' }] : [],
            ),
          },
        ]
      : [],
  )
}

async function describeTypes(at: Tested, scope: ScopeSpec): Promise<string> {
  if (scope.kind !== 'project') return ''
  const types = await listAzureWorkItemTypes(at.connector, scope.value, at.signal)
  const states = new Map<string, string>()
  for (const type of types) for (const s of type.states) states.set(s.name, s.category)
  const named = [...states].map(([name, category]) => `${name} (${category || 'no category'})`)
  return ` (types ${types.map((t) => t.name).join(', ') || 'none'}; states ${named.join(', ') || 'none'})`
}

type Tested = { connector: AzureDevOpsConnector; signal?: AbortSignal }

/**
 * `Connector.test` for Azure DevOps: reachable and authenticated (`GET _apis/projects`), then per
 * scope its work items (a WIQL count; null at 20,000 or more) and, for a project, the work item
 * types and states (with their categories) it found. Never throws.
 */
export async function testAzureDevOpsConnection(at: {
  connector: AzureDevOpsConnector
  scopes: readonly ScopeSpec[]
  signal?: AbortSignal
}): Promise<ConnectionReport> {
  const checks: ConnectionCheck[] = await identify(at.connector, at.signal)
  if (!checks.every((c) => c.ok)) {
    const scopes = at.scopes.map((s) => ({ scope: s.name, items: null, error: 'not checked' }))
    return { ok: false, checks, scopes }
  }
  const scopes: ConnectionReport['scopes'] = []
  const details: string[] = []
  for (const scope of at.scopes) {
    try {
      const { ids } = await at.connector.wiql(
        `SELECT [System.Id] FROM WorkItems WHERE ${scopeCondition(scope)}`,
        WIQL_LIMIT,
        at.signal,
      )
      const items = ids.length >= WIQL_LIMIT ? null : ids.length
      scopes.push({ scope: scope.name, items })
      details.push(
        `${scope.name}: ${items ?? 'over 20,000'} items${await describeTypes(at, scope)}`,
      )
    } catch (error) {
      scopes.push({ scope: scope.name, items: null, error: messageOf(error) })
      details.push(`${scope.name}: ${messageOf(error)}`)
    }
  }
  const ok = scopes.every((s) => s.error === undefined)
  checks.push({ name: 'scope', ok, detail: details.join('; ') })
  return { ok: checks.every((c) => c.ok), checks, scopes }
}
