import { z } from 'zod'
import { VmoError } from '@openvmo/core'

/**
 * The stored configuration of an Azure DevOps source (everything but the personal access token):
 * - `url`: the organisation (`https://dev.azure.com/ORG`) or, on Azure DevOps Server, the
 *   collection URL (`https://HOST/tfs/DefaultCollection`);
 * - `apiVersion` (default `7.1`; Azure DevOps Server 2020 takes `6.0`);
 * - `batchSize`: work items per batch read (default 200, Azure DevOps' maximum);
 * - `wiqlPageSize`: ids per WIQL query (default 5,000; Azure DevOps refuses more than 20,000);
 * - `updatesPageSize`: updates per page of an item's history (default 200);
 * - `requestTimeoutMs` (default 30 s), `concurrency` (requests at once, default 4, at most 10).
 */
export const azureDevOpsConnectorConfigSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
  apiVersion: z
    .string()
    .regex(/^\d+\.\d+$/, 'an api version is MAJOR.MINOR, e.g. 7.1')
    .default('7.1'),
  batchSize: z.number().int().min(1).max(200).default(200),
  wiqlPageSize: z.number().int().min(1).max(20_000).default(5_000),
  updatesPageSize: z.number().int().min(1).max(200).default(200),
  requestTimeoutMs: z.number().int().min(100).default(30_000),
  concurrency: z.number().int().min(1).max(10).default(4),
})

/** An Azure DevOps source's configuration with every default applied. */
export type AzureDevOpsConnectorConfig = z.infer<typeof azureDevOpsConnectorConfigSchema>
/** What a user may write: every member but `url` optional. */
export type AzureDevOpsConnectorConfigInput = z.input<typeof azureDevOpsConnectorConfigSchema>

/**
 * The configuration in `input` with defaults applied; throws `VmoError('INVALID_CONFIG')` naming
 * each offending member (`url: …`).
 */
export function parseAzureDevOpsConnectorConfig(input: unknown): AzureDevOpsConnectorConfig {
  const result = azureDevOpsConnectorConfigSchema.safeParse(input)
  if (result.success) return result.data
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`,
  )
  throw new VmoError('INVALID_CONFIG', `azure_devops source config: ${problems.join('; ')}`, {
    details: { problems },
  })
}

/** Azure DevOps scopes: every work item of a project, or a WIQL condition. */
export const AZURE_DEVOPS_SCOPE_KINDS = ['project', 'wiql'] as const
export type AzureDevOpsScopeKind = (typeof AZURE_DEVOPS_SCOPE_KINDS)[number]

// project names: no \ / : * ? " < > | ; # $ * { } , + = [ ] and no leading dot or underscore
const PROJECT = /^[^\\/:*?"<>|;#${},+=[\]._][^\\/:*?"<>|;#${},+=[\]]{0,63}$/

/**
 * Why `kind`/`value` is not an Azure DevOps scope, or undefined: `project` takes a project name
 * (`Fabrikam Fiber`), `wiql` a WIQL condition (what follows `WHERE`, e.g.
 * `[System.TeamProject] = 'Fabrikam' AND [System.AreaPath] UNDER 'Fabrikam\Web'`) without
 * `ORDER BY`, which the connector adds.
 */
export function findAzureDevOpsScopeProblem(kind: string, value: string): string | undefined {
  if (kind === 'project') {
    return PROJECT.test(value.trim())
      ? undefined
      : `project scope ${JSON.stringify(value)} is not an azure devops project name`
  }
  if (kind === 'wiql') {
    if (value.trim() === '')
      return "a wiql scope needs a condition, e.g. [System.TeamProject] = 'Fabrikam'"
    if (/\border\s+by\b/i.test(value) || /^\s*select\b/i.test(value)) {
      return `wiql scope ${JSON.stringify(value)}: give only the condition after WHERE (no SELECT, no ORDER BY)`
    }
    if ((value.match(/'/g) ?? []).length % 2 !== 0) {
      return `wiql scope ${JSON.stringify(value)}: a quoted value is not closed`
    }
    return undefined
  }
  return `scope kind ${JSON.stringify(kind)} is not one of ${AZURE_DEVOPS_SCOPE_KINDS.join(', ')}`
}
