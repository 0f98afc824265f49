import { Button, Grid, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconPencil } from '@tabler/icons-react'
import { Link, useNavigate } from 'react-router'
import { useDailyFlowQuery, useFlowTimesQuery } from '../../api/queries/use-flow-queries'
import { useMetricsQuery } from '../../api/queries/use-metrics-query'
import { useBusinessResultsQuery, useValueStreamsQuery } from '../../api/queries/use-model-queries'
import type { ScopeParams } from '../../api/scope-query'
import { scopeParams } from '../../api/scope-query'
import type { FlowMetricsReportResponse, FlowTimesResponse } from '../../api/types'
import { BusinessResultsChart } from '../../charts/BusinessResultsChart'
import { useMeQuery } from '../../api/queries/use-auth-queries'
import { canEditStream } from '../../auth/can-edit'
import { AddResultPointForm } from './AddResultPointForm'
import { DistributionChart } from '../../charts/DistributionChart'
import { FlowTimeScatter } from '../../charts/FlowTimeScatter'
import { LoadChart } from '../../charts/LoadChart'
import { VelocityChart } from '../../charts/VelocityChart'
import { EmptyState } from '../../components/EmptyState'
import { LoadingPanel } from '../../components/LoadingPanel'
import { WarningList } from '../../components/WarningList'
import { formatRange } from '../../format/numbers'
import type { Filters } from '../../state/filters'
import { filtersSearch, scopeWords, singleStream } from '../../state/filters'
import { useFilters } from '../../state/use-filters'
import { PageHeader } from '../PageHeader'
import { dataQualityLink } from '../portfolio/portfolio-rows'
import { StreamPicker } from '../StreamPicker'
import { BlockedByOthersCard } from './BlockedByOthersCard'
import { StreamCards } from './StreamCards'
import { WhenForecastCard } from './WhenForecastCard'
import { CorrelationPanel } from './CorrelationPanel'
import { flowTimeNote } from './flow-time-note'
import { itemPath } from '../items/item-path'

/** Says what the scatter's lines cover and what the Flow Time card covers, so they can differ. */
function ScatterNote(props: { times: FlowTimesResponse; report: FlowMetricsReportResponse }) {
  const note = flowTimeNote(props.times, props.report)
  if (!note) return null
  return (
    <Text size="xs" mt={4} data-testid="flow-time-note">
      {note.lines} {note.card}
    </Text>
  )
}

function FlowPanels(props: {
  scope: ScopeParams
  filters: Filters
  report: FlowMetricsReportResponse
}) {
  const navigate = useNavigate()
  const times = useFlowTimesQuery(props.scope)
  const daily = useDailyFlowQuery(props.scope)
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <LoadingPanel
        {...times}
        height={360}
        isEmpty={(d) => d.points.length === 0}
        empty={<EmptyState title="No item completed in this range" />}
      >
        {times.data && (
          <FlowTimeScatter
            data={times.data}
            types={props.filters.types}
            onPick={(item) => navigate(itemPath(item, props.filters))}
            note={<ScatterNote times={times.data} report={props.report} />}
          />
        )}
      </LoadingPanel>
      <LoadingPanel {...daily} height={360} isEmpty={(d) => d.load.sampledDays === 0}>
        {daily.data && <LoadChart data={daily.data} types={props.filters.types} />}
      </LoadingPanel>
    </SimpleGrid>
  )
}

function BusinessPanel(props: { stream: string; report: FlowMetricsReportResponse }) {
  const results = useBusinessResultsQuery(props.stream)
  const me = useMeQuery()
  return (
    <LoadingPanel
      {...results}
      height={320}
      isEmpty={(d) => d.series.length === 0}
      empty={
        <EmptyState title="No business results recorded for this stream">
          Record value, cost, quality and happiness through the API or a CSV import to see them
          beside the flow metrics.
        </EmptyState>
      }
    >
      {results.data && (
        <Stack gap="xs">
          <BusinessResultsChart results={results.data} report={props.report} />
          {canEditStream(me.data, props.stream) && <AddResultPointForm results={results.data} />}
        </Stack>
      )}
    </LoadingPanel>
  )
}

function StreamView(props: {
  report: FlowMetricsReportResponse
  scope: ScopeParams
  filters: Filters
  stream: string
}) {
  const streams = useValueStreamsQuery()
  const target = streams.data?.valueStreams.find((s) => s.name === props.stream)?.distributionTarget
  return (
    <Stack gap="md">
      <StreamCards report={props.report} />
      <WarningList
        warnings={props.report.warnings.map((w) =>
          w.code === 'DATA_QUALITY' ? { ...w, link: dataQualityLink(props.filters) } : w,
        )}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <VelocityChart report={props.report} types={props.filters.types} />
        <DistributionChart report={props.report} target={target} />
      </SimpleGrid>
      <Title order={3} size="h4">
        Flow time and load
      </Title>
      <FlowPanels scope={props.scope} filters={props.filters} report={props.report} />
      <BlockedByOthersCard scope={props.scope} filters={props.filters} />
      <Title order={3} size="h4">
        Business results and forecast
      </Title>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <BusinessPanel stream={props.stream} report={props.report} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <WhenForecastCard scope={props.scope} />
        </Grid.Col>
      </Grid>
      <CorrelationPanel scope={props.scope} />
    </Stack>
  )
}

/** The team and type narrowing of the filters, as ` · team core · defect only`. */
function narrowed(filters: Filters): string {
  const words = scopeWords({ ...filters, streams: [] })
  return words ? ` · ${words}` : ''
}

/** Value stream (Product Value Stream Lead): the five metrics, their trends and business results. */
export default function ValueStreamPage() {
  const { filters } = useFilters()
  const me = useMeQuery()
  const scope = scopeParams(filters)
  const metrics = useMetricsQuery(scope)
  const { data } = metrics
  const stream = singleStream(filters)
  if (!stream) {
    return (
      <>
        <PageHeader
          title="Value stream"
          subtitle={
            filters.streams.length > 1
              ? `This view shows one value stream; the filter names ${filters.streams.length}`
              : 'The five Flow Metrics of one product value stream'
          }
        />
        <StreamPicker filters={filters} path="/stream" />
      </>
    )
  }
  return (
    <>
      <PageHeader
        title={stream}
        subtitle={
          data
            ? `Value stream${narrowed(filters)} · ${formatRange(data.from, data.to)} · by ${data.period} · ${data.timezone}`
            : 'Value stream'
        }
        right={
          canEditStream(me.data, stream) && (
            <Button
              component={Link}
              to={`/stream/definition${filtersSearch(filters)}`}
              variant="light"
              size="xs"
              leftSection={<IconPencil size={14} />}
            >
              Edit definition
            </Button>
          )
        }
      />
      <LoadingPanel {...metrics} height={480}>
        {data && <StreamView report={data} scope={scope} filters={filters} stream={stream} />}
      </LoadingPanel>
    </>
  )
}
