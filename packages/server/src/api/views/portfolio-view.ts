import type { FlowInput, PeriodMetrics } from '../engine'
import { computeFlowMetricsReport, selectScope } from '../engine'
import type { AnalysisParams } from '../analysis-params'
import type { FlowSnapshot } from '../flow-snapshot'
import type { PortfolioResponse, PortfolioStreamResponse } from '../schemas/metrics-schemas'
import { instantText } from './view-context'

type PortfolioWarning = PortfolioStreamResponse['warnings'][number]

/** A rise (or fall) against the mean of earlier periods counts when it exceeds this share. */
export const TREND_THRESHOLD = 0.2

function meanOf(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null)
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length
}

function lastFullIndex(periods: readonly PeriodMetrics[]): number {
  for (let p = periods.length - 1; p >= 0; p--) {
    if (periods[p]?.partial === false) return p
  }
  return -1
}

/**
 * The trend warnings of a stream: load rising (the last full period's average Flow Load above
 * the mean of the earlier periods by more than 20%), efficiency falling (pooled Flow Efficiency
 * below that mean by more than 20%).
 */
export function trendWarnings(periods: readonly PeriodMetrics[], last: number): PortfolioWarning[] {
  const current = periods[last]
  if (!current) return []
  const earlier = periods.slice(0, last)
  const out: PortfolioWarning[] = []
  const load = meanOf(earlier.map((p) => p.flowLoad.average))
  const loadNow = current.flowLoad.average
  if (load !== null && loadNow !== null && loadNow > load * (1 + TREND_THRESHOLD)) {
    const message = `flow load rising: ${loadNow.toFixed(1)} on average in the last full period against ${load.toFixed(1)} before`
    out.push({ code: 'LOAD_RISING', message })
  }
  const eff = meanOf(earlier.map((p) => p.flowEfficiency.pooled))
  const effNow = current.flowEfficiency.pooled
  if (eff !== null && effNow !== null && effNow < eff * (1 - TREND_THRESHOLD)) {
    const message = `flow efficiency falling: ${(effNow * 100).toFixed(0)}% in the last full period against ${(eff * 100).toFixed(0)}% before`
    out.push({ code: 'EFFICIENCY_FALLING', message })
  }
  return out
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
  const warnings = trendWarnings(report.periods, last)
  if (report.littlesLaw.kind === 'check' && report.littlesLaw.flagged) {
    const reasons = report.littlesLaw.reasons.join('; ')
    warnings.push({ code: 'LITTLES_LAW_BROKEN', message: `little's law broken: ${reasons}` })
  }
  if (report.total.velocity.total === 0) {
    warnings.push({ code: 'NO_COMPLETIONS', message: 'no item completed in the range' })
  }
  for (const warning of report.warnings) {
    if (warning.code === 'UNMAPPED_VALUES') warnings.unshift({ ...warning, code: warning.code })
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
  const { valueStream, valueStreams = [] } = params.scope
  const names = [valueStream, ...valueStreams].filter(Boolean).map((n) => n?.toLowerCase())
  return names.length ? configs.filter((c) => names.includes(c.name.toLowerCase())) : configs
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
