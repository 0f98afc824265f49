import type {
  ExperimentDefinition,
  ExperimentDirection,
  ExperimentMetric,
  ExperimentTarget,
  FlowItemType,
} from '@openvmo/core'
import { EXPERIMENT_DIRECTIONS, EXPERIMENT_METRICS, VmoError } from '@openvmo/core'

/** The options of `vmo experiment add`, as commander gives them. */
export interface AddOptions {
  stream: string
  id: string
  name: string
  hypothesis: string
  change: string
  changeDate: string
  rolloutEnd?: string
  beforeDays: string
  afterDays: string
  team: string[]
  type: string[]
  target: string[]
  control?: string
  asOf?: string
  db?: string
}

/** Commander's collector of a repeatable option. */
export const collect = (value: string, previous: string[]) => [...previous, value]

/**
 * One `--target metric:direction[:percent]` (`flow_time_p85:decrease:33`); `INVALID_INPUT`
 * naming the option for anything else.
 */
export function parseTarget(text: string): ExperimentTarget {
  const [metric, direction, size, ...rest] = text.split(':')
  const bad = (why: string) =>
    new VmoError('INVALID_INPUT', `--target "${text}": ${why} (metric:direction[:percent])`)
  if (rest.length > 0 || direction === undefined) throw bad('expected two or three parts')
  if (!EXPERIMENT_METRICS.includes(metric as ExperimentMetric))
    throw bad(`metric must be one of ${EXPERIMENT_METRICS.join(', ')}`)
  if (!EXPERIMENT_DIRECTIONS.includes(direction as ExperimentDirection))
    throw bad(`direction must be one of ${EXPERIMENT_DIRECTIONS.join(', ')}`)
  const percent = size === undefined ? null : Number(size)
  if (percent !== null && (size?.trim() === '' || !Number.isFinite(percent)))
    throw bad(`"${size}" is not a percentage`)
  return {
    metric: metric as ExperimentMetric,
    direction: direction as ExperimentDirection,
    expectedChangePercent: percent,
  }
}

function days(text: string, option: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isInteger(value))
    throw new VmoError('INVALID_INPUT', `${option} "${text}" is not a whole number of days`)
  return value
}

/** The definition `vmo experiment add` records (checked afterwards against the store's model). */
export function definitionOf(options: AddOptions): ExperimentDefinition {
  if (options.target.length === 0)
    throw new VmoError('INVALID_INPUT', 'give at least one --target metric:direction[:percent]')
  return {
    id: options.id,
    name: options.name,
    hypothesis: options.hypothesis,
    change: options.change,
    changeDate: options.changeDate,
    rolloutEndDate: options.rolloutEnd ?? null,
    beforeDays: days(options.beforeDays, '--before-days'),
    afterDays: days(options.afterDays, '--after-days'),
    scope: {
      stream: options.stream,
      teams: options.team,
      types: options.type as FlowItemType[],
    },
    targets: options.target.map(parseTarget),
    control: options.control ? { stream: options.control, teams: [], types: [] } : null,
  }
}
