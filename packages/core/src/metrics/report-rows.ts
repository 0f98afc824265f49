import type { FlowMetricsReport, PeriodMetrics } from './flow-metrics-report'
import type { CsvCell } from '../format/csv'
import { FLOW_ITEM_TYPES } from '../model/flow-vocabulary'

const STATS = ['count', 'mean', 'p50', 'p85', 'p95', 'max'] as const

/** Column names of {@link metricsReportToRows}, in order. */
export const METRICS_CSV_HEADER: readonly string[] = [
  'period_start',
  'period_end',
  'velocity_total',
  ...FLOW_ITEM_TYPES.map((t) => `velocity_${t}`),
  ...STATS.map((s) => `flow_time_${s}`),
  ...STATS.map((s) => `lead_time_${s}`),
  'flow_efficiency_pooled',
  'flow_efficiency_mean_of_items',
  'flow_load_average',
  'flow_load_end',
  ...FLOW_ITEM_TYPES.map((t) => `flow_load_end_${t}`),
  ...FLOW_ITEM_TYPES.map((t) => `distribution_completed_${t}`),
  ...FLOW_ITEM_TYPES.map((t) => `distribution_in_progress_${t}`),
  'canceled',
  'reopened',
]

function periodRow(p: PeriodMetrics, label?: string): CsvCell[] {
  return [
    label ?? p.start,
    label ? `${p.start}/${p.end}` : p.end,
    p.velocity.total,
    ...FLOW_ITEM_TYPES.map((t) => p.velocity[t]),
    ...STATS.map((s) => p.flowTime?.[s]),
    ...STATS.map((s) => p.leadTime?.[s]),
    p.flowEfficiency.pooled,
    p.flowEfficiency.meanOfItems,
    p.flowLoad.average,
    p.flowLoad.end,
    ...FLOW_ITEM_TYPES.map((t) => p.flowLoad.endByType?.[t]),
    ...FLOW_ITEM_TYPES.map((t) => p.distribution.completed?.[t]),
    ...FLOW_ITEM_TYPES.map((t) => p.distribution.inProgress?.[t]),
    p.canceled,
    p.reopened,
  ]
}

/**
 * The metrics report as CSV rows (`vmo metrics --csv`): a header, one row per period, and a last
 * row `total` whose second cell is the covered range. Null figures are empty cells.
 */
export function metricsReportToRows(report: FlowMetricsReport): CsvCell[][] {
  return [
    [...METRICS_CSV_HEADER],
    ...report.periods.map((p) => periodRow(p)),
    periodRow(report.total, 'total'),
  ]
}
