import { Option } from 'commander'
import type { Command } from 'commander'
import { VmoError } from '@openvmo/core'
import { createGitHubConnector } from '../../sources/github/github-connector'
import {
  GITHUB_WORKFLOW_KINDS,
  findGitHubScopeProblem,
  parseGitHubConnectorConfig,
} from '../../sources/github/github-connector-config'
import { verifyGitHubWebhook } from '../../sources/github/github-webhook'
import type { ScopeDefinition } from '../../store/store-types'
import { connectorConfigOf, strings, webhookSetting } from './connector-settings'
import type { SourceKind } from './source-kinds'
import { collect } from './source-kinds'

function githubScopes(settings: Record<string, unknown>): ScopeDefinition[] {
  const scopes = [
    ...strings(settings.repo).map((value) => ({ name: value, kind: 'repo', value })),
    ...strings(settings.org).map((value) => ({ name: value, kind: 'org', value })),
  ]
  if (scopes.length === 0) {
    throw new VmoError(
      'INVALID_INPUT',
      'a github source needs at least one --repo OWNER/NAME or --org OWNER',
    )
  }
  for (const scope of scopes) {
    const problem = findGitHubScopeProblem(scope.kind, scope.value)
    if (problem) throw new VmoError('INVALID_INPUT', problem)
  }
  return scopes
}

/** `--project owner/number` → the Projects v2 workflow's owner and number. */
function projectOf(text: string) {
  const match = /^([^/\s]+)\/(\d+)$/.exec(text)
  if (!match) {
    throw new VmoError('INVALID_INPUT', `--project "${text}" is not OWNER/NUMBER, e.g. acme/3`)
  }
  return { owner: match[1] ?? '', number: Number(match[2]) }
}

function workflowOf(settings: Record<string, unknown>): Record<string, unknown> {
  const kind = typeof settings.workflow === 'string' ? settings.workflow : 'state'
  const closedStatus =
    typeof settings.closedStatus === 'string' ? { closedStatus: settings.closedStatus } : {}
  if (kind === 'labels') {
    const names = strings(settings.label)
    return {
      kind,
      ...(typeof settings.labelPrefix === 'string' ? { prefix: settings.labelPrefix } : {}),
      ...(names.length > 0 ? { names } : {}),
      ...closedStatus,
    }
  }
  if (kind === 'milestones') return { kind, ...closedStatus }
  if (kind === 'project') {
    if (typeof settings.project !== 'string') {
      throw new VmoError('INVALID_INPUT', '--workflow project needs --project OWNER/NUMBER')
    }
    return {
      kind,
      ...projectOf(settings.project),
      ownerType: settings.projectUser ? 'user' : 'organization',
      ...(typeof settings.projectField === 'string' ? { field: settings.projectField } : {}),
      ...closedStatus,
    }
  }
  return { kind: 'state' }
}

/** `vmo source add github`: GitHub or GitHub Enterprise Server, repositories or organisations. */
export const GITHUB_SOURCE_KIND: SourceKind = {
  kind: 'github',
  description:
    'GitHub or GitHub Enterprise: --token-env, --repo OWNER/NAME or --org OWNER, --workflow',
  addOptions: (command: Command) =>
    command
      .option(
        '--api-url <url>',
        'GitHub Enterprise Server API, e.g. https://github.acme.com/api/v3',
      )
      .option('--repo <owner/name>', 'a repository to sync (repeat for more)', collect)
      .option('--org <owner>', 'every repository of an organisation (repeat for more)', collect)
      .addOption(
        new Option('--workflow <kind>', 'where statuses come from')
          .choices([...GITHUB_WORKFLOW_KINDS])
          .default('state'),
      )
      .option(
        '--label-prefix <prefix>',
        'labels workflow: status labels start with this, e.g. "status:"',
      )
      .option(
        '--label <name>',
        'labels workflow: a status label (repeat; instead of a prefix)',
        collect,
      )
      .option('--project <owner/number>', 'project workflow: the Projects v2 project, e.g. acme/3')
      .option(
        '--project-user',
        'project workflow: the project belongs to a user, not an organisation',
      )
      .option(
        '--project-field <name>',
        'project workflow: the single-select field (default Status)',
      )
      .addOption(
        new Option(
          '--closed-status <rule>',
          'a closed item is "closed" (state) or keeps its workflow status',
        ).choices(['state', 'workflow']),
      )
      .option('--no-pull-requests', 'sync issues only')
      .option(
        '--jira-mentions <source>',
        'link Jira keys in titles and branches to this Jira source',
      )
      .option('--webhook-secret-env <NAME>', 'environment variable holding the webhook secret'),
  setup(settings) {
    const config = parseGitHubConnectorConfig({
      ...(typeof settings.apiUrl === 'string' ? { apiUrl: settings.apiUrl } : {}),
      workflow: workflowOf(settings),
      includePullRequests: settings.pullRequests !== false,
      ...(typeof settings.jiraMentions === 'string'
        ? { jiraMentions: { source: settings.jiraMentions } }
        : {}),
    })
    return { config: { ...config, ...webhookSetting(settings) }, scopes: githubScopes(settings) }
  },
  connect: ({ source, token }) =>
    createGitHubConnector({
      sourceName: source.name,
      config: parseGitHubConnectorConfig(connectorConfigOf(source.config)),
      token,
    }),
  readWebhook: ({ headers, body, secret }) => verifyGitHubWebhook(headers, body, secret),
}
