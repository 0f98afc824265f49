import { FLOW_ITEM_TYPES } from '@openvmo/core'
import type { FlowItemType } from '@openvmo/core'
import type { FlowMetricsReportResponse } from '../api/types'
import type { DistributionRow } from './metrics-series'
import { distributionRows } from './metrics-series'

/** A distribution target: a share per Flow Item type (types left out have no target). */
export type ByTypeTarget = Partial<Record<FlowItemType, number>>

/** A distribution row, or the target shown as one more bar. */
export type DistributionChartRow = DistributionRow & { isTarget: boolean }

/** The report's distribution rows followed by a `Target` row when a target is set. */
export function distributionChartRows(
  report: FlowMetricsReportResponse,
  target: ByTypeTarget | null,
): DistributionChartRow[] {
  const rows: DistributionChartRow[] = distributionRows(report).map((row) => ({
    ...row,
    isTarget: false,
  }))
  if (!target || FLOW_ITEM_TYPES.every((type) => target[type] === undefined)) return rows
  return [
    ...rows,
    {
      period: 'Target',
      start: '',
      completed: null,
      feature: target.feature ?? null,
      defect: target.defect ?? null,
      risk: target.risk ?? null,
      debt: target.debt ?? null,
      partial: false,
      isTarget: true,
    },
  ]
}
