/** The five Flow Metrics and companions, defined in the words of FLOW-METRICS.md. */
export const METRIC_DEFINITIONS = {
  velocity:
    'Flow Velocity: number of items completed in the period, in total and per Flow Item type. Each item counts once, in the period of its end.',
  flowTime:
    'Flow Time: for each item completed in the period, end − start, in days. Time put back in the backlog after the start is inside flow time.',
  efficiency:
    'Flow Efficiency (pooled): time in active states between start and end divided by flow time, summed over the period’s completed items.',
  load: 'Flow Load: number of items started and not ended, sampled at the end of each day; the period’s average of daily samples.',
  distribution:
    'Flow Distribution: the share of each Flow Item type among items completed in the period. Shares sum to 100%; an empty period has none.',
  leadTime: 'Lead time: end − created for completed items, including time in the backlog.',
  littlesLaw:
    "Little's law: average load ÷ completed per day predicts mean flow time; a divergence over 25% is flagged.",
  age: 'Age of an item in progress: as-of time − start, against the flow-time percentiles of its stream.',
  waitShare:
    'Wait share: a state’s share of all waiting time (new after start and waiting states) of the completed items. The bottleneck candidates.',
} as const

export type MetricKey = keyof typeof METRIC_DEFINITIONS
