import type { Command } from 'commander'
import { VmoError } from '@openvmo/core'
import type { StatusHint } from '@openvmo/core'
import { listAzureWorkItemTypes } from '../../sources/azure-devops/azure-devops-connection-test'
import { createAzureDevOpsConnector } from '../../sources/azure-devops/azure-devops-connector'
import {
  findAzureDevOpsScopeProblem,
  parseAzureDevOpsConnectorConfig,
} from '../../sources/azure-devops/azure-devops-connector-config'
import { flowStateOfAzureCategory } from '../../sources/azure-devops/azure-devops-mapper'
import { verifyAzureDevOpsWebhook } from '../../sources/azure-devops/azure-devops-webhook'
import type { ScopeDefinition, SourceDefinition } from '../../store/store-types'
import { connectorConfigOf, strings, webhookSetting } from './connector-settings'
import type { SourceKind } from './source-kinds'
import { collect } from './source-kinds'

function azureScopes(settings: Record<string, unknown>): ScopeDefinition[] {
  const wiql = strings(settings.wiql)
  const scopes = [
    ...strings(settings.project).map((value) => ({ name: value, kind: 'project', value })),
    ...wiql.map((value, k) => ({ name: k === 0 ? 'wiql' : `wiql-${k + 1}`, kind: 'wiql', value })),
  ]
  if (scopes.length === 0) {
    throw new VmoError(
      'INVALID_INPUT',
      'an azure-devops source needs at least one --project NAME or --wiql CONDITION',
    )
  }
  for (const scope of scopes) {
    const problem = findAzureDevOpsScopeProblem(scope.kind, scope.value)
    if (problem) throw new VmoError('INVALID_INPUT', problem)
  }
  return scopes
}

function connectorOf(source: SourceDefinition, token: string) {
  return createAzureDevOpsConnector({
    sourceName: source.name,
    config: parseAzureDevOpsConnectorConfig(connectorConfigOf(source.config)),
    token,
  })
}

/**
 * The state categories of the projects' work item types as hints for `vmo map suggest`:
 * Proposed → new, InProgress → active, Resolved and Completed → done, Removed → canceled (a
 * state named alike in two types takes its first category).
 */
async function azureStatusHints(at: { source: SourceDefinition; token: string }) {
  const connector = connectorOf(at.source, at.token)
  const hints = new Map<string, StatusHint>()
  for (const scope of at.source.scopes.filter((s) => s.kind === 'project')) {
    for (const type of await listAzureWorkItemTypes(connector, scope.value)) {
      for (const state of type.states) {
        const flow = flowStateOfAzureCategory(state.category)
        if (flow && !hints.has(state.name)) {
          hints.set(state.name, { source: at.source.name, name: state.name, state: flow })
        }
      }
    }
  }
  return [...hints.values()]
}

/** `vmo source add azure-devops`: Azure DevOps Services or Server, projects or WIQL scopes. */
export const AZURE_DEVOPS_SOURCE_KIND: SourceKind = {
  kind: 'azure_devops',
  command: 'azure-devops',
  description:
    'Azure DevOps Services or Server: --url ORGANISATION_URL, --token-env (a PAT), --project NAME or --wiql CONDITION',
  addOptions: (command: Command) =>
    command
      .requiredOption(
        '--url <url>',
        'the organisation (https://dev.azure.com/ORG) or collection URL (https://HOST/tfs/DefaultCollection)',
      )
      .option('--project <name>', 'every work item of a project (repeat for more)', collect)
      .option(
        '--wiql <condition>',
        'the work items a WIQL condition selects, e.g. "[System.AreaPath] UNDER \'Pay\\Web\'" (repeat for more)',
        collect,
      )
      .option('--api-version <version>', 'REST API version (default 7.1; Server 2020: 6.0)')
      .option('--batch-size <n>', 'work items per batch read (default 200, the most allowed)')
      .option('--wiql-page-size <n>', 'work item ids per WIQL query (default 5000, at most 20000)')
      .option(
        '--webhook-secret-env <NAME>',
        "environment variable holding the service hook's basic auth, user:password",
      ),
  setup(settings) {
    const input: Record<string, unknown> = { url: settings.url }
    if (typeof settings.apiVersion === 'string') input.apiVersion = settings.apiVersion
    if (settings.batchSize !== undefined) input.batchSize = Number(settings.batchSize)
    if (settings.wiqlPageSize !== undefined) input.wiqlPageSize = Number(settings.wiqlPageSize)
    const config = parseAzureDevOpsConnectorConfig(input)
    return { config: { ...config, ...webhookSetting(settings) }, scopes: azureScopes(settings) }
  },
  connect: ({ source, token }) => connectorOf(source, token),
  readWebhook: ({ headers, body, secret }) => verifyAzureDevOpsWebhook(headers, body, secret),
  statusHints: azureStatusHints,
}
