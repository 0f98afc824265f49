import { z } from 'zod'
import { VmoError } from '@openvmo/core'

/** The public GitHub API; GitHub Enterprise Server answers at `https://HOST/api/v3`. */
export const GITHUB_API_URL = 'https://api.github.com'

/** What an item's status is read from: see {@link GitHubWorkflow}. */
export const GITHUB_WORKFLOW_KINDS = ['state', 'labels', 'milestones', 'project'] as const
export type GitHubWorkflowKind = (typeof GITHUB_WORKFLOW_KINDS)[number]

/**
 * What a closed (or merged) item's status is: `state` (default) its GitHub state (`closed`,
 * `not planned`, `duplicate`, `merged`), whatever label, milestone or project status it kept;
 * `workflow` that label, milestone or project status when it has one (boards that close items
 * by moving them to a `fixed` or `duplicate` milestone), else its state.
 */
export const CLOSED_STATUS_RULES = ['state', 'workflow'] as const
export type ClosedStatusRule = (typeof CLOSED_STATUS_RULES)[number]

const closedStatus = z.enum(CLOSED_STATUS_RULES).default('state')
const name = z.string().trim().min(1)

const stateWorkflow = z.strictObject({ kind: z.literal('state') })

const labelsWorkflow = z
  .strictObject({
    kind: z.literal('labels'),
    /** Labels starting with this prefix (case-insensitive) are states, named without it. */
    prefix: name.optional(),
    /** Labels with these names (case-insensitive) are states, named as listed. */
    names: z.array(name).min(1).optional(),
    closedStatus,
  })
  .refine((w) => w.prefix !== undefined || w.names !== undefined, {
    message: 'a labels workflow needs a "prefix" (like "status:") or a list of "names"',
  })

const milestonesWorkflow = z.strictObject({ kind: z.literal('milestones'), closedStatus })

const projectWorkflow = z.strictObject({
  kind: z.literal('project'),
  /** The login of the organisation or user owning the project. */
  owner: name,
  ownerType: z.enum(['organization', 'user']).default('organization'),
  /** The project number (`https://github.com/orgs/acme/projects/7` → 7). */
  number: z.number().int().positive(),
  /** The single-select field holding the state; GitHub keeps history only for `Status`. */
  field: name.default('Status'),
  closedStatus,
})

/**
 * Where the status of an item comes from. Every kind starts from the item's GitHub state: issues
 * are `open`, `closed`, `not planned` or `duplicate` (the state reason), pull requests `draft`,
 * `open`, `merged` or `closed`. `labels` takes the most recently added matching label as the
 * status of an open item, `milestones` its milestone, `project` its value of a Projects v2
 * single-select field; an open item without one has its state as status.
 */
export const gitHubWorkflowSchema = z.discriminatedUnion('kind', [
  stateWorkflow,
  labelsWorkflow,
  milestonesWorkflow,
  projectWorkflow,
])
export type GitHubWorkflow = z.infer<typeof gitHubWorkflowSchema>

/** Labels that are artifact types (`bug` → type `bug`) when the issue has no GitHub issue type. */
export const DEFAULT_TYPE_LABELS = ['bug', 'enhancement', 'documentation'] as const

const typesSchema = z.strictObject({
  /** Labels with these names (case-insensitive) are types. */
  labels: z.array(name).default([...DEFAULT_TYPE_LABELS]),
  /** Labels starting with this prefix (`type:`, `kind/`) are types, named without it. */
  prefix: name.optional(),
})

const jiraMentionsSchema = z.strictObject({
  /** The source name of the Jira items mentioned (default `jira`). */
  source: name.default('jira'),
  /** Only keys of these Jira projects (`PAY`); all Jira-style keys when absent. */
  projects: z.array(z.string().regex(/^[A-Z][A-Z0-9]+$/)).optional(),
})

/**
 * The stored configuration of a GitHub source (everything but the token):
 * - `apiUrl`: the REST API root, `https://api.github.com` (default) or a GitHub Enterprise
 *   Server's `https://HOST/api/v3` (GraphQL is then read from `https://HOST/api/graphql`);
 * - `workflow`: where statuses come from (see {@link gitHubWorkflowSchema}), default `state`;
 * - `types`: which labels are artifact types; a GitHub issue type wins, pull requests are
 *   `Pull Request`, other issues `Issue`;
 * - `includePullRequests` (default true) and `pullRequestBranches` (default true: one more
 *   request per pull request, for its branch name, where Jira keys often are);
 * - `jiraMentions`: when set, Jira keys in titles and branch names become `mentions` links to
 *   `<source>:<KEY>` here; otherwise the import's link detection finds them among loaded items;
 * - `requestTimeoutMs` (default 30 s), `concurrency` (requests at once, default 4, at most 10:
 *   GitHub's secondary limits punish more), `maxRateLimitWaitSeconds` (the longest wait for a
 *   rate-limit reset before the pull stops with CONNECTOR_RATE_LIMITED, default one hour).
 */
export const gitHubConnectorConfigSchema = z.strictObject({
  apiUrl: z
    .url({ protocol: /^https?$/ })
    .default(GITHUB_API_URL)
    .transform((url) => url.replace(/\/+$/, '')),
  workflow: gitHubWorkflowSchema.default({ kind: 'state' }),
  types: typesSchema.default({ labels: [...DEFAULT_TYPE_LABELS] }),
  includePullRequests: z.boolean().default(true),
  pullRequestBranches: z.boolean().default(true),
  jiraMentions: jiraMentionsSchema.optional(),
  requestTimeoutMs: z.number().int().min(100).default(30_000),
  concurrency: z.number().int().min(1).max(10).default(4),
  maxRateLimitWaitSeconds: z.number().int().min(0).default(3600),
})

/** A GitHub source's configuration with every default applied. */
export type GitHubConnectorConfig = z.infer<typeof gitHubConnectorConfigSchema>
/** What a user may write: every member optional. */
export type GitHubConnectorConfigInput = z.input<typeof gitHubConnectorConfigSchema>

/**
 * The configuration in `input` with defaults applied; throws `VmoError('INVALID_CONFIG')` naming
 * each offending member (`workflow.number: expected number, received string`).
 */
export function parseGitHubConnectorConfig(input: unknown = {}): GitHubConnectorConfig {
  const result = gitHubConnectorConfigSchema.safeParse(input)
  if (result.success) return result.data
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`,
  )
  throw new VmoError('INVALID_CONFIG', `github source config: ${problems.join('; ')}`, {
    details: { problems },
  })
}

/** GitHub scopes: one repository (`acme/pay`) or every repository of an organisation (`acme`). */
export const GITHUB_SCOPE_KINDS = ['repo', 'org'] as const
export type GitHubScopeKind = (typeof GITHUB_SCOPE_KINDS)[number]

const REPO_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/
const OWNER_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/

/**
 * Why `kind`/`value` is not a GitHub scope, or undefined: `repo` takes `owner/name`, `org` an
 * organisation login.
 */
export function findGitHubScopeProblem(kind: string, value: string): string | undefined {
  if (kind === 'repo') {
    return REPO_NAME.test(value)
      ? undefined
      : `repo scope ${JSON.stringify(value)} is not "owner/name"`
  }
  if (kind === 'org') {
    return OWNER_NAME.test(value)
      ? undefined
      : `org scope ${JSON.stringify(value)} is not an organisation login`
  }
  return `scope kind ${JSON.stringify(kind)} is not one of ${GITHUB_SCOPE_KINDS.join(', ')}`
}
