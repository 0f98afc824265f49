import type { Command } from 'commander'
import { VmoError } from '@openvmo/core'
import { createGitLabConnector } from '../../sources/gitlab/gitlab-connector'
import {
  findGitLabScopeProblem,
  parseGitLabConnectorConfig,
} from '../../sources/gitlab/gitlab-connector-config'
import { verifyGitLabWebhook } from '../../sources/gitlab/gitlab-webhook'
import type { ScopeDefinition } from '../../store/store-types'
import { connectorConfigOf, strings, webhookSetting } from './connector-settings'
import type { SourceKind } from './source-kinds'
import { collect } from './source-kinds'

function gitLabScopes(settings: Record<string, unknown>): ScopeDefinition[] {
  const scopes = [
    ...strings(settings.project).map((value) => ({ name: value, kind: 'project', value })),
    ...strings(settings.group).map((value) => ({ name: value, kind: 'group', value })),
  ]
  if (scopes.length === 0) {
    throw new VmoError(
      'INVALID_INPUT',
      'a gitlab source needs at least one --project GROUP/PROJECT or --group GROUP',
    )
  }
  for (const scope of scopes) {
    const problem = findGitLabScopeProblem(scope.kind, scope.value)
    if (problem) throw new VmoError('INVALID_INPUT', problem)
  }
  return scopes
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined)

/**
 * GitLab's own states as flow states, for `vmo map suggest`: an item without a workflow label is
 * `opened` (new), a closed or merged one done. Workflow labels have no category in GitLab: their
 * names and order decide, as for any source.
 */
const GITLAB_STATE_HINTS = [
  { name: 'opened', state: 'new' },
  { name: 'closed', state: 'done' },
  { name: 'merged', state: 'done' },
  { name: 'locked', state: 'done' },
] as const

/** `vmo source add gitlab`: gitlab.com or a self-managed GitLab, projects or groups. */
export const GITLAB_SOURCE_KIND: SourceKind = {
  kind: 'gitlab',
  description:
    'GitLab (gitlab.com or self-managed): --url, --token-env, --project GROUP/PROJECT or --group GROUP',
  addOptions: (command: Command) =>
    command
      .option(
        '--url <url>',
        'a self-managed GitLab, e.g. https://gitlab.acme.com (default gitlab.com)',
      )
      .option(
        '--project <path>',
        'a project to sync, e.g. acme/pay or its id (repeat for more)',
        collect,
      )
      .option(
        '--group <path>',
        'every project of a group and its subgroups (repeat for more)',
        collect,
      )
      .option(
        '--workflow-scope <key>',
        'scoped labels KEY::state are workflow states (default workflow)',
      )
      .option('--type-scope <key>', 'scoped labels KEY::type are item types (default type)')
      .option('--no-merge-requests', 'sync issues only')
      .option('--no-links', 'skip issue links and the issues merge requests close (fewer requests)')
      .option(
        '--webhook-secret-env <NAME>',
        'environment variable holding the webhook secret token (or a whsec_ signing token)',
      ),
  setup(settings) {
    const input: Record<string, unknown> = {
      includeMergeRequests: settings.mergeRequests !== false,
      links: settings.links !== false,
    }
    if (text(settings.url)) input.url = settings.url
    if (text(settings.workflowScope)) input.workflowScope = settings.workflowScope
    if (text(settings.typeScope)) input.typeScope = settings.typeScope
    const config = parseGitLabConnectorConfig(input)
    return { config: { ...config, ...webhookSetting(settings) }, scopes: gitLabScopes(settings) }
  },
  connect: ({ source, token }) =>
    createGitLabConnector({
      sourceName: source.name,
      config: parseGitLabConnectorConfig(connectorConfigOf(source.config)),
      token,
    }),
  readWebhook: ({ headers, body, secret }) => verifyGitLabWebhook(headers, body, secret),
  statusHints: ({ source }) =>
    Promise.resolve(GITLAB_STATE_HINTS.map((hint) => ({ source: source.name, ...hint }))),
}
