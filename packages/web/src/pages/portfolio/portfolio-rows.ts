import type {
  PeriodMetricsResponse,
  PortfolioResponse,
  PortfolioStreamResponse,
} from '../../api/types'
import type { CsvRow } from '../../charts/to-csv'
import { round } from '../../charts/chart-common'
import { isoDate } from '../../format/numbers'
import type { FlowItemType } from '@openvmo/core'
import type { Filters } from '../../state/filters'
import { filtersSearch } from '../../state/filters'

/** The period before the stream's last full period, for trend arrows (null when there is none). */
export function previousPeriod(stream: PortfolioStreamResponse): PeriodMetricsResponse | null {
  const last = stream.lastPeriod
  if (!last) return null
  const index = stream.trend.findIndex((p) => p.start === last.start)
  return index > 0 ? (stream.trend[index - 1] ?? null) : null
}

/** One stream of the portfolio table and its CSV export (figures of the last full period). */
export function portfolioCsvRows(portfolio: PortfolioResponse): CsvRow[] {
  return portfolio.streams.map((s) => {
    const p = s.lastPeriod
    return {
      stream: s.name,
      period_start: p ? isoDate(p.start) : null,
      velocity: p?.velocity.total ?? null,
      flow_time_p50_days: round(p?.flowTime?.p50),
      flow_time_p85_days: round(p?.flowTime?.p85),
      flow_efficiency: round(p?.flowEfficiency.pooled, 4),
      flow_load_avg: round(p?.flowLoad.average),
      feature_share: round(s.distribution.actual?.feature, 4),
      defect_share: round(s.distribution.actual?.defect, 4),
      risk_share: round(s.distribution.actual?.risk, 4),
      debt_share: round(s.distribution.actual?.debt, 4),
      warnings: s.warnings.map((w) => w.code).join(' '),
    }
  })
}

/** Portfolio counts for the headline: streams, streams with warnings, items completed in range. */
export function portfolioSummary(portfolio: PortfolioResponse) {
  return {
    streams: portfolio.streams.length,
    // data-quality notes are not flow problems: they link to the Data quality page instead
    withWarnings: portfolio.streams.filter((s) => s.warnings.some((w) => w.code !== 'DATA_QUALITY'))
      .length,
    completed: portfolio.streams.reduce((sum, s) => sum + s.total.velocity.total, 0),
  }
}

/** Where the items behind a stream's warning are listed: its aging work, its items of a type, its page. */
export function warningLink(
  stream: string,
  warning: { code: string; type?: FlowItemType },
  filters: Filters,
): { to: string; label: string } {
  const scoped = { ...filters, streams: [stream] }
  if (warning.code === 'DATA_QUALITY') return dataQualityLink(scoped)
  if (warning.code === 'AGING_BEYOND_P95')
    return { to: `/flow${filtersSearch(scoped)}`, label: 'See the aging items' }
  if (warning.code === 'DISTRIBUTION_OFF_TARGET' && warning.type)
    return {
      to: `/stream${filtersSearch({ ...scoped, types: [warning.type] })}`,
      label: `See the ${warning.type} items`,
    }
  return { to: `/stream${filtersSearch(scoped)}`, label: `Open ${stream}` }
}

/** The link of a data-quality warning: the Data quality page with the same filters. */
export function dataQualityLink(filters: Filters): { to: string; label: string } {
  return { to: `/data-quality${filtersSearch(filters)}`, label: 'See the findings and their items' }
}
