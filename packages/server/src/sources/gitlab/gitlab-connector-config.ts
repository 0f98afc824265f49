import { z } from 'zod'
import { VmoError } from '@openvmo/core'

/** gitlab.com's REST API; a self-managed instance answers at `https://HOST/api/v4`. */
export const GITLAB_API_URL = 'https://gitlab.com/api/v4'

const scopePrefix = z
  .string()
  .trim()
  .min(1)
  .regex(/^[^:]+$/, 'a scoped-label key has no "::" (write "workflow", not "workflow::")')

/**
 * The stored configuration of a GitLab source (everything but the token):
 * - `url`: the REST API root, `https://gitlab.com/api/v4` (default) or a self-managed
 *   instance's `https://HOST/api/v4` (a bare `https://HOST` gets `/api/v4` added);
 * - `workflowScope`: the key of the scoped labels that are workflow states (default `workflow`:
 *   an open item labelled `workflow::in review` has status `in review`);
 * - `typeScope`: the key of scoped labels that are types (default `type`: `type::bug` → `bug`);
 * - `includeMergeRequests` (default true) and `links` (default true: one more request per item
 *   for its issue links or the issues a merge request closes);
 * - `pageSize` (items per list page, default 100, GitLab's maximum), `requestTimeoutMs`
 *   (default 30 s), `concurrency` (requests at once, default 4, at most 10).
 */
export const gitLabConnectorConfigSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .default(GITLAB_API_URL)
    .transform((url) => {
      const bare = url.replace(/\/+$/, '')
      return /\/api\/v4$/.test(bare) ? bare : `${bare}/api/v4`
    }),
  workflowScope: scopePrefix.default('workflow'),
  typeScope: scopePrefix.default('type'),
  includeMergeRequests: z.boolean().default(true),
  links: z.boolean().default(true),
  pageSize: z.number().int().min(1).max(100).default(100),
  requestTimeoutMs: z.number().int().min(100).default(30_000),
  concurrency: z.number().int().min(1).max(10).default(4),
})

/** A GitLab source's configuration with every default applied. */
export type GitLabConnectorConfig = z.infer<typeof gitLabConnectorConfigSchema>
/** What a user may write: every member optional. */
export type GitLabConnectorConfigInput = z.input<typeof gitLabConnectorConfigSchema>

/**
 * The configuration in `input` with defaults applied; throws `VmoError('INVALID_CONFIG')` naming
 * each offending member (`workflowScope: …`).
 */
export function parseGitLabConnectorConfig(input: unknown = {}): GitLabConnectorConfig {
  const result = gitLabConnectorConfigSchema.safeParse(input)
  if (result.success) return result.data
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`,
  )
  throw new VmoError('INVALID_CONFIG', `gitlab source config: ${problems.join('; ')}`, {
    details: { problems },
  })
}

/** GitLab scopes: one project (`group/project` or its id) or every project of a group. */
export const GITLAB_SCOPE_KINDS = ['project', 'group'] as const
export type GitLabScopeKind = (typeof GITLAB_SCOPE_KINDS)[number]

const PATH = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*$/
const ID = /^\d+$/

/**
 * Why `kind`/`value` is not a GitLab scope, or undefined: `project` takes a full path
 * (`group/sub/project`) or a numeric id, `group` a full path (`group/sub`) or a numeric id.
 */
export function findGitLabScopeProblem(kind: string, value: string): string | undefined {
  if (kind === 'project') {
    return ID.test(value) || (PATH.test(value) && value.includes('/'))
      ? undefined
      : `project scope ${JSON.stringify(value)} is not a project path (group/project) or id`
  }
  if (kind === 'group') {
    return ID.test(value) || PATH.test(value)
      ? undefined
      : `group scope ${JSON.stringify(value)} is not a group path (group or group/sub) or id`
  }
  return `scope kind ${JSON.stringify(kind)} is not one of ${GITLAB_SCOPE_KINDS.join(', ')}`
}
