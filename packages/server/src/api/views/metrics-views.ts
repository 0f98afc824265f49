import type { FlowMetricsReport, FlowInput } from '../engine'
import { computeFlowMetricsReport } from '../engine'
import type { AnalysisParams } from '../analysis-params'
import type { LittlesLawCheckResponse } from '../schemas/flow-schemas'
import { instantText, scopeWire } from './view-context'

/** `GET /metrics`: exactly `computeFlowMetricsReport` (docs/metrics.md ("The metrics JSON")). */
export function metricsReportView(input: FlowInput, params: AnalysisParams): FlowMetricsReport {
  return computeFlowMetricsReport(input, {
    from: params.from,
    to: params.to,
    period: params.period,
    scope: params.scope,
    timezone: params.zone,
  })
}

/** `GET /flow/littles-law`: the report's Little's-law check over the range. */
export function littlesLawView(input: FlowInput, params: AnalysisParams): LittlesLawCheckResponse {
  const report = metricsReportView(input, params)
  return {
    asOf: instantText(params.asOfMs),
    timezone: params.zone,
    from: params.from,
    to: params.to,
    scope: scopeWire(params.scope),
    littlesLaw: report.littlesLaw,
  }
}
