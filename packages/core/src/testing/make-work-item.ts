import type { WorkItemChange, WorkItemRecord } from '../model/work-item-record'
import type { MappingConfig } from '../mapping/mapping-config'

let sequence = 0

/** A status path step: `[instant, status]`, or `[instant, status, type]` to also change the type. */
export type PathStep =
  readonly [at: string, status: string] | readonly [at: string, status: string, type: string]

/** Overrides of {@link makeWorkItem}: any record field plus a status `path`. */
export interface MakeWorkItemOptions extends Partial<WorkItemRecord> {
  /** Status at creation (default `Backlog`). */
  initialStatus?: string
  /** Status changes in order; each step's `from` is the previous status. */
  path?: readonly PathStep[]
}

function pathToChanges(
  initialStatus: string,
  initialType: string,
  path: readonly PathStep[],
): WorkItemChange[] {
  const changes: WorkItemChange[] = []
  let status = initialStatus
  let type = initialType
  for (const [at, to, toType] of path) {
    if (toType !== undefined && toType !== type) {
      changes.push({ at, field: 'type', from: type, to: toType })
      type = toType
    }
    if (to !== status) changes.push({ at, field: 'status', from: status, to })
    status = to
  }
  return changes
}

/**
 * Builds a valid work-item record for tests with defaults plus overrides: source `jira`, key
 * `T-<n>`, type `Story`, created 2024-01-01T00:00:00Z, status following `path`.
 */
export function makeWorkItem(options: MakeWorkItemOptions = {}): WorkItemRecord {
  sequence += 1
  const { initialStatus = 'Backlog', path = [], ...overrides } = options
  const initialType = overrides.type ?? 'Story'
  const changes = overrides.changes ?? pathToChanges(initialStatus, initialType, path)
  const lastStatus = [...changes].reverse().find((c) => c.field === 'status')?.to ?? initialStatus
  const lastType = [...changes].reverse().find((c) => c.field === 'type')?.to ?? initialType
  return {
    source: 'jira',
    key: `T-${sequence}`,
    created: '2024-01-01T00:00:00Z',
    ...overrides,
    type: lastType,
    status: overrides.status ?? lastStatus,
    changes,
  }
}

/** The mapping used by the engine's hand-computed tests. */
export const TEST_MAPPING: MappingConfig = {
  timezone: 'UTC',
  flowItems: {
    feature: ['Story', 'Epic'],
    defect: ['Bug'],
    risk: ['Vulnerability'],
    debt: ['Tech Debt'],
    supporting: ['Sub-task'],
    ignored: ['Test Execution'],
  },
  states: {
    new: ['Backlog'],
    waiting: ['Ready', 'Blocked', 'Awaiting QA'],
    active: ['In Progress', 'In QA'],
    done: ['Done', 'Closed'],
    canceled: ["Won't Do"],
  },
  rules: [],
  valueStreams: [],
}
