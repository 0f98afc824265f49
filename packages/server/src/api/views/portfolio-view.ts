import type { FlowInput, PeriodMetrics, Selection } from '../engine'
import { computeAgingWip, computeFlowMetricsReport, selectScope } from '../engine'
import type { AnalysisParams } from '../analysis-params'
import type { FlowSnapshot } from '../flow-snapshot'
import type { PortfolioResponse, PortfolioStreamResponse } from '../schemas/metrics-schemas'
import { instantText } from './view-context'
import { agingWarning, distributionWarnings, trendWarnings } from './portfolio-warnings'

/** When the selection's first item was created (epoch ms); Infinity for an empty selection. */
function firstCreatedMs(input: FlowInput, selection: Selection): number {
  let first = Infinity
  for (const i of selection) first = Math.min(first, input.dataset.createdMs[i] ?? Infinity)
  return first
}

function lastFullIndex(periods: readonly PeriodMetrics[]): number {
  for (let p = periods.length - 1; p >= 0; p--) {
    if (periods[p]?.partial === false) return p
  }
  return -1
}

function streamEntry(
  input: FlowInput,
  params: AnalysisParams,
  stream: { name: string; target: PortfolioStreamResponse['distribution']['target'] },
): PortfolioStreamResponse {
  const { valueStreams: _others, ...narrowing } = params.scope
  const report = computeFlowMetricsReport(input, {
    ...params,
    scope: { ...narrowing, valueStream: stream.name },
    timezone: params.zone,
  })
  const last = lastFullIndex(report.periods)
  const selection = selectScope(input, { ...narrowing, valueStream: stream.name })
  const aging = computeAgingWip(input, selection, report.total.flowTime)
  const warnings = [
    ...trendWarnings(report.periods, last, firstCreatedMs(input, selection)),
    ...distributionWarnings(report.periods, stream.target),
    ...agingWarning(
      aging.items.filter((item) => item.band === 'above_p95').length,
      report.total.flowTime?.p95 ?? null,
    ),
  ]
  if (report.littlesLaw.kind === 'check' && report.littlesLaw.flagged) {
    const reasons = report.littlesLaw.reasons.join('; ')
    warnings.push({ code: 'LITTLES_LAW_BROKEN', message: `little's law broken: ${reasons}` })
  }
  if (report.total.velocity.total === 0) {
    warnings.push({ code: 'NO_COMPLETIONS', message: 'no item completed in the range' })
  }
  for (const warning of report.warnings) {
    if (warning.code === 'UNMAPPED_VALUES') warnings.unshift({ ...warning, code: warning.code })
    if (warning.code === 'DATA_QUALITY') warnings.push({ ...warning, code: warning.code })
  }
  return {
    name: stream.name,
    lastPeriod: report.periods[last] ?? null,
    trend: report.periods,
    total: report.total,
    distribution: { actual: report.total.distribution.completed, target: stream.target },
    littlesLaw: report.littlesLaw,
    warnings,
  }
}

/** The streams the scope names (case-insensitive), or every stream when it names none. */
function scopeStreams<T extends { name: string }>(configs: readonly T[], params: AnalysisParams) {
  const { valueStream, valueStreams } = params.scope
  const names = [valueStream, ...(valueStreams ?? [])].filter(Boolean).map((n) => n?.toLowerCase())
  // a list of streams without `valueStream` is the whole scope (empty: no stream may be read)
  const narrowed = names.length > 0 || valueStreams !== undefined
  return narrowed ? configs.filter((c) => names.includes(c.name.toLowerCase())) : configs
}

/**
 * `GET /portfolio`: the Flow Metrics, trend, distribution and warnings of every value stream the
 * query names (all when it names none), each narrowed to the query's teams and Flow Item types.
 * The scope is checked as on every route (NOT_FOUND for an unknown stream or team).
 */
export function portfolioView(snapshot: FlowSnapshot, params: AnalysisParams): PortfolioResponse {
  const input = snapshot.input(params.asOfMs)
  selectScope(input, params.scope)
  const configs = scopeStreams(snapshot.mapping.config?.valueStreams ?? [], params)
  return {
    asOf: instantText(params.asOfMs),
    timezone: params.zone,
    period: params.period,
    from: params.from,
    to: params.to,
    streams: configs.map((config) =>
      streamEntry(input, params, {
        name: config.name,
        target: config.distributionTarget ?? null,
      }),
    ),
  }
}
