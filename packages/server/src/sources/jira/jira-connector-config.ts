import { z } from 'zod'
import { VmoError } from '@openvmo/core'
import type { ScopeSpec } from '../connector'

/** Where a Jira site runs: Atlassian's Cloud, or a company's own Data Center (or Server). */
export const JIRA_DEPLOYMENTS = ['cloud', 'data_center'] as const
export type JiraDeployment = (typeof JIRA_DEPLOYMENTS)[number]

/** What a Jira scope names: a project (value `PAY`) or a JQL query (value `project = PAY AND …`). */
export const JIRA_SCOPE_KINDS = ['project', 'jql'] as const
export type JiraScopeKind = (typeof JIRA_SCOPE_KINDS)[number]

const CUSTOM_FIELD_ID = /^customfield_\d+$/
const PROJECT_KEY = /^[A-Za-z][A-Za-z0-9_]*$/

/**
 * A Jira source's stored config (the token is not part of it: it comes from the environment or
 * the encrypted secret store).
 * - `url`: the site's base URL (`https://acme.atlassian.net`, `https://jira.acme.com/jira`);
 *   trailing slashes are dropped.
 * - `deployment`: `cloud` (REST v3, basic auth with `email` + API token) or `data_center`
 *   (REST v2, bearer personal access token).
 * - `fields`: the custom-field allow-list, record name → Jira field id
 *   (`{ "Team": "customfield_10001", "Story Points": "customfield_10016" }`): read on every issue
 *   into the record's `fields` under that name; `Team` (any case) becomes the record's `team`.
 * - `pageSize`: issues per search page (Jira caps it, at 100 on Cloud with many fields);
 *   `keyPageSize`: keys per page of the key census; `changelogPageSize`: histories per changelog
 *   page (bulk fetch on Cloud, up to 10,000; per issue on Data Center, up to 100).
 * - `requestTimeoutMs`: per request, until the whole body arrived; `concurrency`: requests in
 *   flight at once for this source.
 */
export const JiraConnectorConfigSchema = z
  .object({
    url: z
      .string()
      .regex(/^https?:\/\/[^\s/]+/, 'must be an http(s) url such as https://acme.atlassian.net')
      .transform((url) => url.replace(/\/+$/, '')),
    deployment: z.enum(JIRA_DEPLOYMENTS).default('cloud'),
    email: z.string().trim().min(3).optional(),
    fields: z
      .record(
        z.string().trim().min(1),
        z.string().regex(CUSTOM_FIELD_ID, 'must be a custom field id such as customfield_10001'),
      )
      .default({}),
    pageSize: z.number().int().min(1).max(5000).default(100),
    keyPageSize: z.number().int().min(1).max(5000).default(1000),
    changelogPageSize: z.number().int().min(1).max(10_000).default(1000),
    requestTimeoutMs: z.number().int().min(100).max(600_000).default(30_000),
    concurrency: z.number().int().min(1).max(32).default(4),
  })
  .refine((config) => config.deployment !== 'cloud' || config.email !== undefined, {
    message: 'jira cloud needs the email of the account the api key belongs to',
    path: ['email'],
  })

/** A Jira source's config, defaults applied. */
export type JiraConnectorConfig = z.output<typeof JiraConnectorConfigSchema>

/** A Jira source's config as stored or typed by a user (defaults not yet applied). */
export type JiraConnectorConfigInput = z.input<typeof JiraConnectorConfigSchema>

/**
 * Validates a Jira source's config; throws `VmoError('INVALID_CONFIG')` naming the source, the
 * field and the problem (`jira source "acme": fields.Team: must be a custom field id …`).
 */
export function parseJiraConnectorConfig(sourceName: string, input: unknown): JiraConnectorConfig {
  const parsed = JiraConnectorConfigSchema.safeParse(input)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`)
  throw new VmoError('INVALID_CONFIG', `jira source "${sourceName}": ${problems.join('; ')}`, {
    details: { source: sourceName },
  })
}

/**
 * Parses one `--field "Team=customfield_10001"` option into `[name, fieldId]`; throws
 * `VmoError('INVALID_INPUT')` quoting the option when it has no `=`, an empty name or an id
 * that is not `customfield_<digits>`.
 */
export function parseJiraFieldOption(text: string): [string, string] {
  const at = text.indexOf('=')
  const name = text.slice(0, at).trim()
  const id = text.slice(at + 1).trim()
  if (at < 0 || name === '' || !CUSTOM_FIELD_ID.test(id)) {
    throw new VmoError(
      'INVALID_INPUT',
      `--field ${JSON.stringify(text)}: expected NAME=customfield_ID, such as "Team=customfield_10001"`,
    )
  }
  return [name, id]
}

/**
 * Checks a scope of a Jira source: kind `project` with a project key, or `jql` with a query.
 * Throws `VmoError('INVALID_CONFIG')` naming the scope.
 */
export function assertJiraScope(scope: ScopeSpec): asserts scope is ScopeSpec & {
  kind: JiraScopeKind
} {
  const problem =
    scope.kind === 'project'
      ? PROJECT_KEY.test(scope.value)
        ? undefined
        : `project key ${JSON.stringify(scope.value)} is not a jira project key (letters, digits, _)`
      : scope.kind === 'jql'
        ? scope.value.trim() === ''
          ? 'the jql query is empty'
          : undefined
        : `kind ${JSON.stringify(scope.kind)} is not a jira scope kind (project, jql)`
  if (problem !== undefined) {
    throw new VmoError('INVALID_CONFIG', `jira scope "${scope.name}": ${problem}`, {
      details: { scope: scope.name },
    })
  }
}
