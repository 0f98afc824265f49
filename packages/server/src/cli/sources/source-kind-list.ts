import { AZURE_DEVOPS_SOURCE_KIND } from './azure-devops-source-kind'
import { GITHUB_SOURCE_KIND } from './github-source-kind'
import { GITLAB_SOURCE_KIND } from './gitlab-source-kind'
import { JIRA_SOURCE_KIND } from './jira-source-kind'
import { SERVICENOW_SOURCE_KIND } from './servicenow-source-kind'
import type { SourceKind } from './source-kinds'

/** Every kind of source `vmo source add` knows. */
export const SOURCE_KINDS: readonly SourceKind[] = [
  JIRA_SOURCE_KIND,
  GITHUB_SOURCE_KIND,
  GITLAB_SOURCE_KIND,
  AZURE_DEVOPS_SOURCE_KIND,
  SERVICENOW_SOURCE_KIND,
]
