/** The four Flow Item types of the Flow Framework, in report order. */
export const FLOW_ITEM_TYPES = ['feature', 'defect', 'risk', 'debt'] as const
export type FlowItemType = (typeof FLOW_ITEM_TYPES)[number]

/**
 * What an artifact type may map to: a Flow Item type, `supporting` (counted nowhere but shown
 * in journeys) or `ignored`. Indexes 0..3 are the Flow Item types, in {@link FLOW_ITEM_TYPES} order.
 */
export const FLOW_ITEM_MAPPINGS = [...FLOW_ITEM_TYPES, 'supporting', 'ignored'] as const
export type FlowItemMapping = (typeof FLOW_ITEM_MAPPINGS)[number]

/** Index of `supporting` in {@link FLOW_ITEM_MAPPINGS}. */
export const SUPPORTING = 4
/** Index of `ignored` in {@link FLOW_ITEM_MAPPINGS}. */
export const IGNORED = 5

/** The five flow states, in workflow order. */
export const FLOW_STATES = ['new', 'waiting', 'active', 'done', 'canceled'] as const
export type FlowState = (typeof FLOW_STATES)[number]

/** Flow-state indexes, used in typed arrays by the engine. */
export const STATE_NEW = 0
export const STATE_WAITING = 1
export const STATE_ACTIVE = 2
export const STATE_DONE = 3
export const STATE_CANCELED = 4

/** Whether `value` is one of the Flow Item types. */
export function isFlowItemType(value: string): value is FlowItemType {
  return (FLOW_ITEM_TYPES as readonly string[]).includes(value)
}

/** Whether `value` is a flow state. */
export function isFlowState(value: string): value is FlowState {
  return (FLOW_STATES as readonly string[]).includes(value)
}

/** Whether the flow state (by index) is terminal: `done` or `canceled`. */
export function isTerminalState(state: number): boolean {
  return state === STATE_DONE || state === STATE_CANCELED
}
