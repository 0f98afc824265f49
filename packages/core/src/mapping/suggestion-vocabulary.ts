import type { FlowItemMapping, FlowState } from '../model/flow-vocabulary'

/**
 * Normalises a tool's name for vocabulary lookup: lowercase, apostrophes dropped, `-`, `_` and
 * runs of spaces as one space (`Won't-Do` → `wont do`, `Sub-task` → `sub task`).
 */
function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[-_\s]+/g, ' ')
    .trim()
}

/** Status names per flow state, in the order they are tried when a name only contains a phrase. */
const STATE_WORDS: readonly [FlowState, readonly string[]][] = [
  [
    'canceled',
    ["won't do", "won't fix", 'wont do', 'wont fix', 'duplicate', 'rejected', 'canceled'],
  ],
  ['canceled', ['cancelled', 'invalid', 'obsolete', 'declined', 'abandoned']],
  // ServiceNow's closing states that deliver nothing (requested items, requests)
  ['canceled', ['closed incomplete', 'closed skipped', 'closed rejected']],
  ['waiting', ['to do', 'todo', 'ready', 'selected', 'selected for development', 'blocked']],
  ['waiting', ['on hold', 'waiting', 'queue', 'queued', 'pending', 'paused']],
  ['waiting', ['authorize', 'scheduled']], // ServiceNow change states waiting on a CAB or window
  ['done', ['done', 'closed', 'resolved', 'released', 'complete', 'completed', 'fixed']],
  ['done', ['deployed', 'shipped', 'merged', 'accepted']],
  ['active', ['in progress', 'in review', 'review', 'in qa', 'qa', 'testing', 'in testing']],
  ['active', ['doing', 'active', 'development', 'in development', 'code review', 'wip']],
  ['active', ['implement', 'assess', 'root cause analysis', 'in process']], // ServiceNow
  ['new', ['backlog', 'open', 'new', 'to triage', 'triage', 'funnel', 'proposed', 'requested']],
]

/** Prefixes that say a status is a queue (`Awaiting Deployment`, `Ready for QA`). */
const WAITING_PREFIXES = ['awaiting ', 'ready for ', 'waiting for ', 'waiting on ', 'pending ']

/** Artifact type names per mapping, in the order they are tried when a name only contains a phrase. */
const TYPE_WORDS: readonly [FlowItemMapping, readonly string[]][] = [
  ['defect', ['bug', 'defect', 'incident']],
  // an ITIL problem is the unknown cause of incidents: work that lowers a risk to the service
  ['risk', ['vulnerability', 'security', 'risk', 'compliance', 'problem']],
  ['debt', ['tech debt', 'technical debt', 'refactoring', 'refactor', 'chore', 'maintenance']],
  ['supporting', ['sub task', 'subtask', 'task', 'technical task']],
  // a change request ships work tracked elsewhere (counting it again would double it)
  ['supporting', ['change', 'change request']],
  ['feature', ['story', 'feature', 'epic', 'new feature', 'improvement', 'enhancement']],
  ['feature', ['user story', 'requirement']],
  ['feature', ['request', 'requested item', 'service request']], // ServiceNow requests, RITMs
]

function findExact<T>(words: readonly [T, readonly string[]][], normal: string): T | undefined {
  return words.find(([, list]) => list.some((word) => normaliseName(word) === normal))?.[0]
}

function findContained<T>(words: readonly [T, readonly string[]][], normal: string): T | undefined {
  const padded = ` ${normal} `
  return words.find(([, list]) =>
    list.some((word) => padded.includes(` ${normaliseName(word)} `)),
  )?.[0]
}

/**
 * The flow state a status name says, or undefined when it says nothing known: an exact vocabulary
 * name first (`In Review` → active), then a queue prefix (`Ready for QA` → waiting), then a
 * vocabulary phrase inside the name as whole words, trying canceled, waiting, done, active, new.
 */
export function suggestStateByName(name: string): FlowState | undefined {
  const normal = normaliseName(name)
  const exact = findExact(STATE_WORDS, normal)
  if (exact) return exact
  if (WAITING_PREFIXES.some((prefix) => `${normal} `.startsWith(prefix))) return 'waiting'
  return findContained(STATE_WORDS, normal)
}

/**
 * The Flow Item mapping an artifact type name says (`Bug` → defect, `Sub-task` → supporting), or
 * undefined: an exact vocabulary name first, then a vocabulary phrase inside the name as whole
 * words, trying defect, risk, debt, supporting, feature.
 */
export function suggestTypeByName(name: string): FlowItemMapping | undefined {
  const normal = normaliseName(name)
  return findExact(TYPE_WORDS, normal) ?? findContained(TYPE_WORDS, normal)
}
