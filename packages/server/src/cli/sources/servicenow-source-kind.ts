import type { Command } from 'commander'
import { VmoError } from '@openvmo/core'
import { createServiceNowConnector } from '../../sources/servicenow/servicenow-connector'
import {
  findServiceNowScopeProblem,
  parseServiceNowConnectorConfig,
} from '../../sources/servicenow/servicenow-connector-config'
import { serviceNowStateCategory } from '../../sources/servicenow/servicenow-state-categories'
import { verifyServiceNowWebhook } from '../../sources/servicenow/servicenow-webhook'
import type { ScopeDefinition, SourceDefinition } from '../../store/store-types'
import { connectorConfigOf, strings, webhookSetting } from './connector-settings'
import type { SourceKind } from './source-kinds'
import { collect } from './source-kinds'

function serviceNowScopes(settings: Record<string, unknown>): ScopeDefinition[] {
  const scopes = [
    ...strings(settings.table).map((value) => ({ name: value, kind: 'table', value })),
    ...strings(settings.query).map((value) => ({ name: value, kind: 'query', value })),
  ]
  if (scopes.length === 0) scopes.push({ name: 'all', kind: 'instance', value: 'all' })
  for (const scope of scopes) {
    const problem = findServiceNowScopeProblem(scope.kind, scope.value)
    if (problem) throw new VmoError('INVALID_INPUT', problem)
  }
  return scopes
}

const list = (value: unknown) =>
  strings(value).flatMap((v) =>
    v
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  )

function connect(source: SourceDefinition, token: string) {
  return createServiceNowConnector({
    sourceName: source.name,
    config: parseServiceNowConnectorConfig(connectorConfigOf(source.config)),
    secret: token,
  })
}

/** `vmo source add servicenow`: a ServiceNow instance's Table API, basic auth or OAuth. */
export const SERVICENOW_SOURCE_KIND: SourceKind = {
  kind: 'servicenow',
  description:
    'ServiceNow (Table API): --url, --username or --client-id, --token-env (password or client secret), --table or --query',
  addOptions: (command: Command) =>
    command
      .option('--url <url>', 'the instance, e.g. https://acme.service-now.com')
      .option('--username <name>', 'basic auth: the integration user (the password in --token-env)')
      .option(
        '--client-id <id>',
        'OAuth client credentials: the client id (the secret in --token-env)',
      )
      .option(
        '--table <name>',
        'sync one table, e.g. incident (repeat for more; default: every table of --tables)',
        collect,
      )
      .option(
        '--query <table:query>',
        'a table narrowed by an encoded query, e.g. incident:assignment_group.name=Pay (repeat)',
        collect,
      )
      .option(
        '--tables <list>',
        'the tables of the whole-instance scope (default incident,sc_request,sc_req_item,change_request,problem)',
        collect,
      )
      .option('--extra-table <name>', 'one more table besides the defaults (repeat)', collect)
      .option('--history-sets', 'read state history from sys_history_line only (at most ~21 days)')
      .option('--no-links', 'do not turn reference fields into links')
      .option(
        '--webhook-secret-env <NAME>',
        'environment variable holding the webhook signing secret',
      ),
  setup(settings) {
    const input: Record<string, unknown> = {
      url: settings.url,
      auth: typeof settings.clientId === 'string' ? 'oauth' : 'basic',
      links: settings.links !== false,
      history: settings.historySets === true ? 'history_set' : 'audit',
    }
    if (typeof settings.username === 'string') input.username = settings.username
    if (typeof settings.clientId === 'string') input.clientId = settings.clientId
    if (list(settings.tables).length > 0) input.tables = list(settings.tables)
    if (list(settings.extraTable).length > 0) input.extraTables = list(settings.extraTable)
    let config
    try {
      config = parseServiceNowConnectorConfig(input)
    } catch (error) {
      throw new VmoError('INVALID_INPUT', (error as Error).message)
    }
    return {
      config: { ...config, ...webhookSetting(settings) },
      scopes: serviceNowScopes(settings),
    }
  },
  connect: ({ source, token }) => connect(source, token),
  readWebhook: ({ headers, body, secret }) => verifyServiceNowWebhook(headers, body, secret),
  async statusHints({ source, token }) {
    const states = await connect(source, token).listStates()
    return states.flatMap(({ table, value, label }) => {
      const state = serviceNowStateCategory(table, value)
      return state ? [{ source: source.name, name: label, state }] : []
    })
  },
}
