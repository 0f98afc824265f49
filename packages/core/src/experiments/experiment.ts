import { VmoError } from '../errors'
import type { FlowItemType } from '../model/flow-vocabulary'
import { FLOW_ITEM_TYPES } from '../model/flow-vocabulary'
import { isCalendarDate } from '../model/business-results'

/** Closed list of the metrics an experiment may target (each compared after ÷ before). */
export const EXPERIMENT_METRICS = [
  'flow_time_p50',
  'flow_time_p85',
  'throughput',
  'flow_efficiency',
] as const
/** A metric an experiment targets. */
export type ExperimentMetric = (typeof EXPERIMENT_METRICS)[number]

/** Closed list of the directions a target metric is expected to move in. */
export const EXPERIMENT_DIRECTIONS = ['decrease', 'increase'] as const
/** Whether the change should lower or raise a metric. */
export type ExperimentDirection = (typeof EXPERIMENT_DIRECTIONS)[number]

/** Which items an experiment looks at: a value stream, optionally narrowed to teams and types. */
export interface ExperimentScope {
  stream: string
  /** Team names (empty: every team of the stream). */
  teams: string[]
  /** Flow Item types (empty: every type). */
  types: FlowItemType[]
}

/** A metric the change should move, the direction and, optionally, by how much. */
export interface ExperimentTarget {
  metric: ExperimentMetric
  direction: ExperimentDirection
  /** Expected size of the change in percent of the before value (33 = a third); null when unsaid. */
  expectedChangePercent: number | null
}

/** A process change recorded as an experiment (docs/experiments.md). */
export interface ExperimentDefinition {
  /** Lowercase slug, unique in the store: the report's stable URL. */
  id: string
  name: string
  hypothesis: string
  /** What changed, in words. */
  change: string
  /** `YYYY-MM-DD`: the before window ends here (in the mapping's time zone). */
  changeDate: string
  /** `YYYY-MM-DD` when the change was rolled out over a period: the after window starts here. */
  rolloutEndDate: string | null
  /** Length of the before window in days (ends at `changeDate`). */
  beforeDays: number
  /** Length of the after window in days (starts at `rolloutEndDate ?? changeDate`). */
  afterDays: number
  scope: ExperimentScope
  targets: ExperimentTarget[]
  /** A comparison scope that did not change (difference in differences); null when none. */
  control: ExperimentScope | null
}

/** What a definition is checked against: the day it is recorded and the known names. */
export interface ExperimentContext {
  /** `YYYY-MM-DD` of the as-of day: a change date after it is in the future. */
  today: string
  streams: readonly string[]
  teams: readonly string[]
  /** `YYYY-MM-DD` of the first recorded data, when known: a before window ending earlier is empty. */
  dataFrom?: string
}

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/
const MAX_WINDOW_DAYS = 730

/** Adds `days` to a `YYYY-MM-DD` calendar date (UTC arithmetic: calendar days, no zone). */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000
  return new Date(ms).toISOString().slice(0, 10)
}

/**
 * The two windows an experiment compares, as `[from, to)` calendar dates: before is
 * `[changeDate − beforeDays, changeDate)`, after `[start, start + afterDays)` with start the end of
 * the rollout (or the change date). Days of a rollout are in neither window.
 */
export function experimentWindows(definition: ExperimentDefinition) {
  const afterFrom = definition.rolloutEndDate ?? definition.changeDate
  return {
    before: {
      from: addDays(definition.changeDate, -definition.beforeDays),
      to: definition.changeDate,
    },
    after: { from: afterFrom, to: addDays(afterFrom, definition.afterDays) },
  }
}

function checkScope(where: string, scope: ExperimentScope, context: ExperimentContext): void {
  const known = (names: readonly string[], name: string) =>
    names.some((n) => n.toLowerCase() === name.toLowerCase())
  if (!known(context.streams, scope.stream)) {
    const list = context.streams.join(', ') || 'none'
    throw new VmoError(
      'NOT_FOUND',
      `${where}: unknown value stream "${scope.stream}" (streams: ${list})`,
    )
  }
  for (const team of scope.teams) {
    if (!known(context.teams, team))
      throw new VmoError('NOT_FOUND', `${where}: unknown team "${team}"`)
  }
  for (const type of scope.types) {
    if (!FLOW_ITEM_TYPES.includes(type))
      throw new VmoError(
        'INVALID_INPUT',
        `${where}: type "${type}" is not one of ${FLOW_ITEM_TYPES.join(', ')}`,
      )
  }
}

function checkTexts(definition: ExperimentDefinition, fail: (m: string) => never): void {
  if (!ID.test(definition.id))
    fail(`id "${definition.id}" must be 1 to 63 lowercase letters, digits or "-"`)
  const texts = { name: 200, hypothesis: 2000, change: 500 } as const
  for (const [field, max] of Object.entries(texts)) {
    const text = definition[field as keyof typeof texts].trim()
    if (text.length === 0 || text.length > max) fail(`${field} must have 1 to ${max} characters`)
  }
}

function checkDates(
  definition: ExperimentDefinition,
  context: ExperimentContext,
  fail: (m: string) => never,
): void {
  const { changeDate, rolloutEndDate } = definition
  if (!isCalendarDate(changeDate)) fail(`change date "${changeDate}" is not a YYYY-MM-DD date`)
  if (changeDate > context.today)
    fail(`change date ${changeDate} is in the future (today is ${context.today})`)
  if (rolloutEndDate !== null) {
    if (!isCalendarDate(rolloutEndDate))
      fail(`rollout end "${rolloutEndDate}" is not a YYYY-MM-DD date`)
    if (rolloutEndDate < changeDate)
      fail(`rollout end ${rolloutEndDate} is before the change date ${changeDate}`)
    if (rolloutEndDate > context.today)
      fail(`rollout end ${rolloutEndDate} is in the future (today is ${context.today})`)
  }
  for (const field of ['beforeDays', 'afterDays'] as const) {
    const days = definition[field]
    if (!Number.isInteger(days) || days < 1 || days > MAX_WINDOW_DAYS) {
      const window = field === 'beforeDays' ? 'before' : 'after'
      fail(`the ${window} window has ${days} days: it must have 1 to ${MAX_WINDOW_DAYS}`)
    }
  }
  if (context.dataFrom !== undefined && changeDate <= context.dataFrom)
    fail(`the before window (up to ${changeDate}) is empty: the data starts on ${context.dataFrom}`)
}

function checkTargets(targets: readonly ExperimentTarget[], fail: (m: string) => never): void {
  if (targets.length === 0 || targets.length > EXPERIMENT_METRICS.length)
    fail(`needs 1 to ${EXPERIMENT_METRICS.length} target metrics, got ${targets.length}`)
  const seen = new Set<string>()
  for (const t of targets) {
    if (!EXPERIMENT_METRICS.includes(t.metric))
      fail(`target metric "${t.metric}" is not one of ${EXPERIMENT_METRICS.join(', ')}`)
    if (!EXPERIMENT_DIRECTIONS.includes(t.direction))
      fail(`direction "${t.direction}" is not one of ${EXPERIMENT_DIRECTIONS.join(', ')}`)
    if (seen.has(t.metric)) fail(`target metric "${t.metric}" is given twice`)
    seen.add(t.metric)
    const size = t.expectedChangePercent
    if (size !== null && !(Number.isFinite(size) && size > 0 && size <= 1000))
      fail(`expected change ${size}% of "${t.metric}" must be a percentage above 0 (up to 1000)`)
    if (size !== null && t.direction === 'decrease' && size >= 100)
      fail(`expected decrease ${size}% of "${t.metric}" must be below 100%`)
  }
}

/**
 * Checks a definition before anything is written: slug id, texts of 1–N characters, calendar
 * dates not after `context.today`, windows of 1–730 days (an empty before window is refused, also
 * one that ends before the data starts), 1–4 distinct targets, known streams and teams for the
 * scope and the control, and a control other than the scope. Throws `INVALID_INPUT` (or
 * `NOT_FOUND` for an unknown stream or team) naming the experiment and the field.
 */
export function checkExperiment(
  definition: ExperimentDefinition,
  context: ExperimentContext,
): void {
  const where = `experiment "${definition.id}"`
  const fail = (message: string): never => {
    throw new VmoError('INVALID_INPUT', `${where}: ${message}`)
  }
  checkTexts(definition, fail)
  checkDates(definition, context, fail)
  checkTargets(definition.targets, fail)
  checkScope(where, definition.scope, context)
  if (definition.control !== null) {
    checkScope(`${where} (control)`, definition.control, context)
    if (JSON.stringify(definition.control) === JSON.stringify(definition.scope))
      fail('the control is the scope itself: it must be items the change did not touch')
  }
}
