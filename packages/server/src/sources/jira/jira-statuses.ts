import type { JiraClient } from './jira-client'

/** Jira's status categories: to do (`new`), in progress (`indeterminate`), `done`. */
export const JIRA_STATUS_CATEGORIES = ['new', 'indeterminate', 'done', 'undefined'] as const
export type JiraStatusCategory = (typeof JIRA_STATUS_CATEGORIES)[number]

/** A workflow status of the site with its category (what `vmo map suggest` can start from). */
export interface JiraStatusInfo {
  id: string
  name: string
  /** `undefined` (Jira's own word) when the status has no known category. */
  category: JiraStatusCategory
}

/** `StatusDetails` of `GET /rest/api/2|3/status`: the parts read. */
interface JiraStatusDetails {
  id?: string
  name?: string
  statusCategory?: { key?: string }
}

/**
 * The site's statuses with their category, from `GET /rest/api/3/status` (Cloud) or
 * `GET /rest/api/2/status` (Data Center), in Jira's order; statuses without a name are left out,
 * and names seen twice (team-managed projects repeat them) are listed once, with the first
 * category.
 */
export async function listJiraStatuses(
  client: JiraClient,
  signal?: AbortSignal,
): Promise<JiraStatusInfo[]> {
  const statuses = await client.request<JiraStatusDetails[]>({
    path: `${client.api}/status`,
    signal,
  })
  const byName = new Map<string, JiraStatusInfo>()
  for (const status of Array.isArray(statuses) ? statuses : []) {
    if (typeof status.name !== 'string' || status.name === '' || byName.has(status.name)) continue
    const key = status.statusCategory?.key
    const category = JIRA_STATUS_CATEGORIES.find((c) => c === key) ?? 'undefined'
    byName.set(status.name, { id: String(status.id ?? ''), name: status.name, category })
  }
  return [...byName.values()]
}

/**
 * The flow state a status category suggests: `new` → `new`, `done` → `done`, `indeterminate` →
 * `active` (it may be `waiting`: the status name decides, see the suggestion vocabulary), and
 * `undefined` for a status without a category.
 */
export function flowStateOfCategory(
  category: JiraStatusCategory,
): 'new' | 'active' | 'done' | undefined {
  if (category === 'new') return 'new'
  if (category === 'indeterminate') return 'active'
  if (category === 'done') return 'done'
  return undefined
}
