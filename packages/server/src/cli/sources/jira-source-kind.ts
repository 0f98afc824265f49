import { Option } from 'commander'
import type { Command } from 'commander'
import { VmoError } from '@openvmo/core'
import { createJiraConnector } from '../../sources/jira/jira-connector'
import {
  assertJiraScope,
  parseJiraConnectorConfig,
  parseJiraFieldOption,
} from '../../sources/jira/jira-connector-config'
import { verifyJiraWebhook } from '../../sources/jira/jira-webhook'
import { flowStateOfCategory } from '../../sources/jira/jira-statuses'
import type { ScopeDefinition } from '../../store/store-types'
import type { SourceKind } from './source-kinds'
import { collect } from './source-kinds'
import { connectorConfigOf, strings, webhookSetting } from './connector-settings'

/** The scopes of `--project` and `--jql` (named by the key, and `jql`, `jql-2`, …). */
function jiraScopes(settings: Record<string, unknown>): ScopeDefinition[] {
  const projects = strings(settings.project).map((key) => ({
    name: key.toUpperCase(),
    kind: 'project',
    value: key.toUpperCase(),
  }))
  const queries = strings(settings.jql).map((query, i) => ({
    name: i === 0 ? 'jql' : `jql-${i + 1}`,
    kind: 'jql',
    value: query,
  }))
  const scopes = [...projects, ...queries]
  if (scopes.length === 0) {
    throw new VmoError(
      'INVALID_INPUT',
      'a jira source needs at least one --project KEY or --jql QUERY',
    )
  }
  for (const scope of scopes) assertJiraScope(scope)
  return scopes
}

/** `vmo source add jira`: Jira Cloud (email + API token) or Data Center (personal access token). */
export const JIRA_SOURCE_KIND: SourceKind = {
  kind: 'jira',
  description:
    'Jira Cloud or Data Center: --url, --email (Cloud), --token-env, --project KEY or --jql QUERY',
  addOptions: (command: Command) =>
    command
      .requiredOption('--url <url>', 'the site, e.g. https://acme.atlassian.net')
      .addOption(
        new Option('--deployment <kind>', 'cloud or data_center')
          .choices(['cloud', 'data_center'])
          .default('cloud'),
      )
      .option('--email <email>', 'Cloud: the email of the account the API token belongs to')
      .option('--project <key>', 'a project to sync (repeat for more)', collect)
      .option('--jql <query>', 'a JQL query to sync (repeat for more)', collect)
      .option('--field <name=id>', 'a custom field to read, e.g. "Team=customfield_10001"', collect)
      .option('--webhook-secret-env <NAME>', 'environment variable holding the webhook secret'),
  setup(settings) {
    const name = typeof settings.name === 'string' ? settings.name : 'jira'
    const fields = Object.fromEntries(strings(settings.field).map(parseJiraFieldOption))
    const config = parseJiraConnectorConfig(name, {
      url: settings.url,
      deployment: settings.deployment ?? 'cloud',
      email: settings.email,
      fields,
    })
    return { config: { ...config, ...webhookSetting(settings) }, scopes: jiraScopes(settings) }
  },
  connect: ({ source, token }) =>
    createJiraConnector({
      sourceName: source.name,
      config: parseJiraConnectorConfig(source.name, connectorConfigOf(source.config)),
      token,
    }),
  readWebhook: ({ headers, body, secret }) => verifyJiraWebhook(headers, body, secret),
  async statusHints({ source, token }) {
    const connector = createJiraConnector({
      sourceName: source.name,
      config: parseJiraConnectorConfig(source.name, connectorConfigOf(source.config)),
      token,
    })
    const statuses = await connector.listStatuses()
    return statuses.flatMap((status) => {
      const state = flowStateOfCategory(status.category)
      return state ? [{ source: source.name, name: status.name, state }] : []
    })
  },
}
