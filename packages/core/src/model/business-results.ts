import { VmoError } from '../errors'

/** Closed list of the kinds of business result a stream may want. */
export const RESULT_CATEGORIES = ['value', 'cost', 'quality', 'happiness'] as const
/** Value (revenue, adoption), cost, quality (incidents, availability), happiness (NPS, CSAT). */
export type ResultCategory = (typeof RESULT_CATEGORIES)[number]

/** Closed list of the directions a result improves in. */
export const RESULT_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const
/** Whether a larger value of a result is better or worse. */
export type ResultDirection = (typeof RESULT_DIRECTIONS)[number]

/** Closed list of where a series stands against its target. */
export const RESULT_STATUSES = ['on_target', 'off_target', 'no_target'] as const
/** Where the latest point of a series stands against its target. */
export type ResultStatus = (typeof RESULT_STATUSES)[number]

/** What a stream wants of one business result: its unit, direction and target. */
export interface ResultDefinition {
  stream: string
  metric: string
  category: ResultCategory
  /** Free text, e.g. `EUR`, `%`, `count`, `score 1-5`; points must be in it. */
  unit: string
  direction: ResultDirection
  /** The value to reach (in `unit`); null when the stream set none. */
  target: number | null
  /** `YYYY-MM-DD` by which the target should be reached; null when open-ended or no target. */
  targetDate: string | null
  description: string | null
}

/** One dated value of a series. */
export interface ResultValue {
  /** `YYYY-MM-DD`. */
  date: string
  value: number
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (not 2024-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1
    ? date.getUTCDate() === day
    : false
}

/**
 * Where `latest` stands against the definition's target: `on_target` when it meets or beats
 * the target in the definition's direction (equal counts as met), `off_target` when not,
 * `no_target` without a definition, a target or any point.
 */
export function resultStatus(
  definition: Pick<ResultDefinition, 'direction' | 'target'> | undefined,
  latest: ResultValue | undefined,
): ResultStatus {
  if (definition?.target == null || latest === undefined) return 'no_target'
  const met =
    definition.direction === 'higher_is_better'
      ? latest.value >= definition.target
      : latest.value <= definition.target
  return met ? 'on_target' : 'off_target'
}

/**
 * Checks a batch of points of one series before anything is written: every date a calendar
 * date, every value finite, no date twice. Throws `INVALID_INPUT` naming the first offender
 * (its position as `details.index`, counted from 0).
 */
export function checkResultValues(label: string, values: readonly ResultValue[]): void {
  const seen = new Set<string>()
  values.forEach((point, index) => {
    const fail = (message: string) => {
      throw new VmoError('INVALID_INPUT', `${label}: point ${index + 1} ${message}`, {
        details: { index },
      })
    }
    if (!isCalendarDate(point.date)) fail(`has date "${point.date}", not a YYYY-MM-DD date`)
    if (!Number.isFinite(point.value)) fail(`has value ${String(point.value)}, not a number`)
    if (seen.has(point.date)) fail(`repeats the date ${point.date}`)
    seen.add(point.date)
  })
}

/**
 * Checks a definition: category and direction from their lists, a finite target, a calendar
 * target date only with a target, a unit of 1–32 characters, and a percentage target in
 * [0, 100]. Throws `INVALID_INPUT` naming the field.
 */
export function checkResultDefinition(definition: ResultDefinition): void {
  const where = `result "${definition.metric}" of "${definition.stream}"`
  const fail = (message: string): never => {
    throw new VmoError('INVALID_INPUT', `${where}: ${message}`)
  }
  if (!RESULT_CATEGORIES.includes(definition.category))
    fail(`category "${definition.category}" is not one of ${RESULT_CATEGORIES.join(', ')}`)
  if (!RESULT_DIRECTIONS.includes(definition.direction))
    fail(`direction "${definition.direction}" is not one of ${RESULT_DIRECTIONS.join(', ')}`)
  const unit = definition.unit.trim()
  if (unit.length === 0 || unit.length > 32) fail('unit must have 1 to 32 characters')
  const { target, targetDate } = definition
  if (target !== null && !Number.isFinite(target)) fail(`target ${target} is not a number`)
  if (targetDate !== null && !isCalendarDate(targetDate))
    fail(`target date "${targetDate}" is not a YYYY-MM-DD date`)
  if (targetDate !== null && target === null) fail('a target date needs a target')
  if (isPercent(unit) && target !== null && (target < 0 || target > 100))
    fail(`target ${target} is not a percentage in ${unit} (0 to 100)`)
}

/** Whether a unit names a percentage (`%`, `percent`). */
export function isPercent(unit: string): boolean {
  return ['%', 'percent', 'pct'].includes(unit.trim().toLowerCase())
}
