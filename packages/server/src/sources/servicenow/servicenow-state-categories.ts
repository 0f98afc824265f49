import type { FlowState } from '@openvmo/core'

/**
 * The flow state of each out-of-box state value, by table (`task` for the tables inheriting its
 * states: sc_request, sc_req_item and custom task tables), from ServiceNow's state models:
 * incident 1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled; change -5 New,
 * -4 Assess, -3 Authorize, -2 Scheduled (waiting on approval or a window), -1 Implement, 0 Review,
 * 3 Closed, 4 Canceled; problem 101 New, 102 Assess, 103 Root Cause Analysis, 104 Fix in
 * Progress, 106 Resolved, 107 Closed; task -5 Pending, 1 Open, 2 Work in Progress, 3 Closed
 * Complete, 4 Closed Incomplete and 7 Closed Skipped (nothing delivered: canceled).
 */
export const SERVICENOW_STATE_CATEGORIES: Readonly<
  Record<string, Readonly<Record<string, FlowState>>>
> = {
  incident: {
    '1': 'new',
    '2': 'active',
    '3': 'waiting',
    '6': 'done',
    '7': 'done',
    '8': 'canceled',
  },
  change_request: {
    '-5': 'new',
    '-4': 'waiting',
    '-3': 'waiting',
    '-2': 'waiting',
    '-1': 'active',
    '0': 'active',
    '3': 'done',
    '4': 'canceled',
  },
  problem: {
    '101': 'new',
    '102': 'active',
    '103': 'active',
    '104': 'active',
    '106': 'done',
    '107': 'done',
  },
  task: {
    '-5': 'waiting',
    '1': 'new',
    '2': 'active',
    '3': 'done',
    '4': 'canceled',
    '7': 'canceled',
  },
}

/** The flow state of a table's stored state value, or undefined for a value of the instance's own. */
export function serviceNowStateCategory(table: string, value: string): FlowState | undefined {
  const own = SERVICENOW_STATE_CATEGORIES[table]
  return (own ?? SERVICENOW_STATE_CATEGORIES.task)?.[value]
}
