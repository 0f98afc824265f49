import type { WorkItemRecord } from '../model/work-item-record'

/** A record that walks through `path` (statuses), one day per step from 2024-01-01. For tests. */
export function record(
  key: string,
  options: Partial<WorkItemRecord> & { path?: readonly string[] } = {},
): WorkItemRecord {
  const { path = ['Backlog', 'In Progress', 'Done'], ...rest } = options
  const changes = path.slice(1).map((to, index) => ({
    at: `2024-01-0${index + 2}T00:00:00Z`,
    field: 'status',
    from: path[index]!,
    to,
  }))
  const base = { source: 'jira', key, type: 'Story', created: '2024-01-01T00:00:00Z' }
  return { ...base, status: path[path.length - 1]!, changes, ...rest }
}
