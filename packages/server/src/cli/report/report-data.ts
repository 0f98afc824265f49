import { metricsReportToRows } from '@openvmo/core'
import type { CsvCell, FlowInput } from '@openvmo/core'
import type { AnalysisParams } from '../../api/analysis-params'
import {
  agingView,
  cumulativeFlowView,
  dailyFlowView,
  dataQualityView,
  flowTimesView,
  timeInStateView,
} from '../../api/views/flow-views'
import { metricsReportView } from '../../api/views/metrics-views'
import { createViewContext, resultContext } from '../../api/views/view-context'
import { agingRows, timeInStateRows } from '../render/flow-csv'
import { forecastInline } from './report-forecasts'
import type { ReportRequest } from './report-forecasts'

export type { ReportQuestions } from './report-forecasts'

/**
 * The whole analysis of one scope and range, computed by the API's own views (so every figure
 * equals the dashboard's and `vmo metrics --json`'s for the same question). The forecasts are
 * asked of `request.forecaster` first and awaited last, so that a forecaster with a thread of its own
 * computes them while the other views are computed here.
 */
export async function computeReport(
  input: FlowInput,
  params: AnalysisParams,
  request: ReportRequest,
) {
  const ctx = createViewContext(input, params)
  const { forecaster = forecastInline, ...questions } = request
  const forecasts = forecaster(ctx, questions)
  const metrics = metricsReportView(input, params)
  const views = {
    metrics,
    littlesLaw: { ...resultContext(ctx), littlesLaw: metrics.littlesLaw },
    cfd: cumulativeFlowView(ctx),
    timeInState: timeInStateView(ctx),
    aging: agingView(ctx),
    flowTimes: flowTimesView(ctx),
    throughput: dailyFlowView(ctx),
    dataQuality: dataQualityView(ctx),
  }
  const { forecastWhen, forecastHowMany } = await forecasts
  return { ...views, forecastWhen, forecastHowMany }
}

/** The analysis written by `vmo report`. */
export type Report = Awaited<ReturnType<typeof computeReport>>

/** The report's data files: JSON for each part, CSV for the tabular ones. */
export function reportFiles(report: Report): { name: string; json?: unknown; csv?: CsvCell[][] }[] {
  const { cfd, throughput, flowTimes } = report
  return [
    { name: 'metrics', json: report.metrics, csv: metricsReportToRows(report.metrics) },
    {
      name: 'cfd',
      json: cfd,
      csv: [
        ['day', ...cfd.bands.map((b) => `${b.source}:${b.status} (${b.flowState})`), 'partial'],
        ...cfd.days.map((day, d) => [
          day,
          ...cfd.bands.map((b) => b.counts[d]),
          cfd.lastDayPartial && d === cfd.days.length - 1,
        ]),
      ],
    },
    {
      name: 'time-in-state',
      json: report.timeInState,
      csv: timeInStateRows(report.timeInState.states),
    },
    { name: 'aging', json: report.aging, csv: agingRows(report.aging.items) },
    {
      name: 'flow-times',
      json: flowTimes,
      csv: [
        ['source', 'key', 'title', 'flow_item', 'end', 'flow_time_days'],
        ...flowTimes.points.map((p) => [
          p.source,
          p.key,
          p.title,
          p.flowItem,
          p.end,
          p.flowTimeDays,
        ]),
      ],
    },
    {
      name: 'throughput',
      json: throughput,
      csv: [
        ['day', 'throughput', 'arrivals', 'flow_load'],
        ...throughput.days.map((day, d) => [
          day,
          throughput.throughput[d],
          throughput.arrivals[d],
          d < throughput.load.sampledDays ? throughput.load.total[d] : null,
        ]),
      ],
    },
    { name: 'littles-law', json: report.littlesLaw },
    { name: 'data-quality', json: report.dataQuality },
    { name: 'forecast-when', json: report.forecastWhen },
    { name: 'forecast-how-many', json: report.forecastHowMany },
  ]
}
