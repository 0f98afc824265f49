import { SimpleGrid, Stack } from '@mantine/core'
import { usePortfolioQuery } from '../../api/queries/use-metrics-query'
import { scopeParams } from '../../api/scope-query'
import type { PortfolioResponse } from '../../api/types'
import { StreamTrendChart } from '../../charts/StreamTrendChart'
import { EmptyState } from '../../components/EmptyState'
import { LoadingPanel } from '../../components/LoadingPanel'
import { MetricCard } from '../../components/MetricCard'
import { WarningList } from '../../components/WarningList'
import { formatCount, formatRange } from '../../format/numbers'
import type { Filters } from '../../state/filters'
import { useFilters } from '../../state/use-filters'
import { PageHeader } from '../PageHeader'
import { PortfolioTable } from './PortfolioTable'
import { portfolioSummary, warningLink } from './portfolio-rows'
import { resultWarnings } from './result-warnings'
import { useResultStatusQuery } from '../../api/queries/use-model-queries'

function Portfolio(props: { portfolio: PortfolioResponse; filters: Filters }) {
  const { portfolio } = props
  const summary = portfolioSummary(portfolio)
  const results = useResultStatusQuery()
  const warnings = [
    ...portfolio.streams.flatMap((s) =>
      s.warnings.map((w) => ({
        code: w.code,
        message: `${s.name}: ${w.message}`,
        link: warningLink(s.name, w, props.filters),
      })),
    ),
    ...resultWarnings(results.data, props.filters),
  ]
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <MetricCard
          label="Value streams"
          value={summary.streams}
          format={formatCount}
          definition="Value streams configured in the mapping (openvmo.yaml)."
        />
        <MetricCard
          label="Streams with warnings"
          value={summary.withWarnings}
          format={formatCount}
          definition="Streams whose load is rising, efficiency falling, Little's law broken, or with no completions in the range."
        />
        <MetricCard
          label="Items completed"
          value={summary.completed}
          format={formatCount}
          unit="in range"
          definition="Flow Velocity over the whole range, summed over the streams (an item in two streams counts in each)."
        />
      </SimpleGrid>
      <PortfolioTable portfolio={portfolio} filters={props.filters} />
      <StreamTrendChart streams={portfolio.streams} period={portfolio.period} covers={portfolio} />
      <WarningList warnings={warnings} />
    </Stack>
  )
}

/** Portfolio (Product Journey Champion): every value stream with its five Flow Metrics. */
export default function PortfolioPage() {
  const { filters } = useFilters()
  const scope = scopeParams(filters)
  const { data, error, isLoading } = usePortfolioQuery(scope)
  return (
    <>
      <PageHeader
        title="Portfolio"
        subtitle={
          data
            ? `${formatRange(data.from, data.to)} · by ${data.period} · ${data.timezone} · as of ${data.asOf}`
            : 'Every value stream and its five Flow Metrics'
        }
      />
      <LoadingPanel
        data={data}
        error={error}
        isLoading={isLoading}
        height={420}
        isEmpty={(p) => p.streams.length === 0}
        empty={
          <EmptyState title="No value streams configured">
            Add value streams under <code>valueStreams:</code> in the mapping to see them side by
            side here.
          </EmptyState>
        }
      >
        {data && <Portfolio portfolio={data} filters={filters} />}
      </LoadingPanel>
    </>
  )
}
