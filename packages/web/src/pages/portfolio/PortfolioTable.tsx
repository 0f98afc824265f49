import { Anchor, Badge, Button, Card, Group, Table, Text, Title, Tooltip } from '@mantine/core'
import { IconFileSpreadsheet } from '@tabler/icons-react'
import { Link } from 'react-router'
import type { PortfolioResponse, PortfolioStreamResponse } from '../../api/types'
import { SparkTrend } from '../../charts/SparkTrend'
import { TREND_METRICS, fullPeriodValues } from '../../charts/metrics-series'
import { periodLabel } from '../../charts/chart-common'
import { downloadText } from '../../charts/download'
import { toCsv } from '../../charts/to-csv'
import { exportLines, exportMeta } from '../../charts/export-meta'
import { DistributionBar } from '../../components/DistributionBar'
import { warningTitle } from '../../components/WarningList'
import { METRIC_DEFINITIONS } from '../../format/metric-definitions'
import { formatCount, formatDays, formatNumber, formatPercent } from '../../format/numbers'
import type { Filters } from '../../state/filters'
import { filtersSearch } from '../../state/filters'
import { portfolioCsvRows } from './portfolio-rows'

const [VELOCITY, FLOW_TIME, EFFICIENCY, LOAD] = TREND_METRICS

function Figure(props: { text: string; values: (number | null)[]; label: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Text fw={600} miw={44} ta="right" data-testid="portfolio-figure">
        {props.text}
      </Text>
      <SparkTrend values={props.values} label={props.label} />
    </Group>
  )
}

function StreamRow(props: { stream: PortfolioStreamResponse; filters: Filters }) {
  const { stream } = props
  const p = stream.lastPeriod
  const search = filtersSearch({ ...props.filters, streams: [stream.name] })
  const spark = (metric: (typeof TREND_METRICS)[number] | undefined) =>
    metric ? fullPeriodValues(stream.trend, metric) : []
  return (
    <Table.Tr>
      <Table.Th scope="row">
        <Anchor component={Link} to={`/stream${search}`} fw={600} data-testid="portfolio-stream">
          {stream.name}
        </Anchor>
      </Table.Th>
      <Table.Td>
        <Figure
          text={formatCount(p?.velocity.total)}
          values={spark(VELOCITY)}
          label={`${stream.name} velocity trend`}
        />
      </Table.Td>
      <Table.Td>
        <Figure
          text={formatDays(p?.flowTime?.p50)}
          values={spark(FLOW_TIME)}
          label={`${stream.name} flow time p50 trend`}
        />
      </Table.Td>
      <Table.Td>
        <Figure
          text={formatPercent(p?.flowEfficiency.pooled)}
          values={spark(EFFICIENCY)}
          label={`${stream.name} flow efficiency trend`}
        />
      </Table.Td>
      <Table.Td>
        <Figure
          text={formatNumber(p?.flowLoad.average)}
          values={spark(LOAD)}
          label={`${stream.name} flow load trend`}
        />
      </Table.Td>
      <Table.Td>
        <DistributionBar
          actual={p?.distribution.completed ?? null}
          target={stream.distribution.target}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {stream.warnings.length === 0 ? (
            <Text size="xs" c="dimmed">
              none
            </Text>
          ) : (
            stream.warnings.map((w) => (
              <Tooltip key={`${w.code}:${w.message}`} label={w.message} multiline w={300}>
                <Badge color="orange" variant="light" tabIndex={0} styles={WHOLE_BADGE}>
                  {warningTitle(w.code)}
                </Badge>
              </Tooltip>
            ))
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  )
}

/** Warning badges show their whole title, wrapping inside the cell rather than cut off with "…". */
const WHOLE_BADGE = {
  root: { height: 'auto', maxWidth: 'none', paddingBlock: 2 },
  label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip' },
} as const

const HEADERS = [
  ['Velocity', METRIC_DEFINITIONS.velocity],
  ['Flow time p50 (d)', METRIC_DEFINITIONS.flowTime],
  ['Efficiency', METRIC_DEFINITIONS.efficiency],
  ['Load (avg)', METRIC_DEFINITIONS.load],
  ['Distribution vs target', METRIC_DEFINITIONS.distribution],
] as const

function coverage(portfolio: PortfolioResponse): { heading: string; note: string } {
  const { period } = portfolio
  const trend = portfolio.streams[0]?.trend ?? []
  const last = portfolio.streams.find((s) => s.lastPeriod)?.lastPeriod
  const partial = trend.filter((p) => p.partial).map((p) => periodLabel(p.start, period))
  const heading = last
    ? `last full ${period}: ${periodLabel(last.start, period)}`
    : `no full ${period} in the range`
  const left = partial.length
    ? ` ${partial.join(', ')} is not over at the as-of date (partial) and is left out.`
    : ''
  return {
    heading,
    note: `Figures and distribution: the last full ${period}; sparklines: every full ${period} of the range.${left}`,
  }
}

/** Every value stream with its five Flow Metrics of the last full period, trends and warnings. */
export function PortfolioTable(props: { portfolio: PortfolioResponse; filters: Filters }) {
  const covered = coverage(props.portfolio)
  const exportCsv = () => {
    const meta = exportMeta(`Value streams — ${covered.heading}`, props.filters, props.portfolio)
    const csv = toCsv(portfolioCsvRows(props.portfolio), undefined, exportLines(meta))
    downloadText(csv, `${meta.fileStem}.csv`)
  }
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          Value streams — {covered.heading}
        </Title>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconFileSpreadsheet size={14} aria-hidden />}
          onClick={exportCsv}
          aria-label="Export value streams table as CSV"
        >
          CSV
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Value stream</Table.Th>
              {HEADERS.map(([name, definition]) => (
                <Table.Th key={name} scope="col">
                  <Tooltip label={definition} multiline w={280}>
                    <span tabIndex={0}>{name}</span>
                  </Tooltip>
                </Table.Th>
              ))}
              <Table.Th scope="col">Warnings</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.portfolio.streams.map((stream) => (
              <StreamRow key={stream.name} stream={stream} filters={props.filters} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" mt="xs" hiddenFrom="md" data-testid="scroll-cue">
        The table is wider than the screen: scroll it sideways for every column.
      </Text>
      <Text size="xs" c="dimmed" mt="xs" data-testid="portfolio-coverage">
        {covered.note}
      </Text>
    </Card>
  )
}
