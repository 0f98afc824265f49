import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core'
import { IconFileDownload } from '@tabler/icons-react'
import { Link, useParams } from 'react-router'
import type { ExperimentReport } from '@openvmo/core'
import {
  changeText,
  experimentDistributionOption,
  experimentTimelineOption,
  intervalText,
} from '@openvmo/core'
import { useExperimentReportQuery } from '../../api/queries/use-experiment-queries'
import type { ExperimentReportResponse } from '../../api/types'
import { EChart } from '../../charts/EChart'
import { LoadingPanel } from '../../components/LoadingPanel'
import { PageHeader } from '../PageHeader'
import { downloadExperimentHtml } from './experiment-html-export'

const VERDICT = {
  supported: { label: 'Supported', color: 'green' },
  not_supported: { label: 'Not supported', color: 'red' },
  inconclusive: { label: 'Inconclusive', color: 'yellow' },
} as const

const figure = (value: number | null, digits = 1) => (value === null ? '–' : value.toFixed(digits))

function MetricsTable(props: { report: ExperimentReportResponse }) {
  const control = props.report.control !== null
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped aria-label="Before and after">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>metric</Table.Th>
            <Table.Th>before</Table.Th>
            <Table.Th>after</Table.Th>
            <Table.Th>change</Table.Th>
            {control && <Table.Th>control</Table.Th>}
            <Table.Th>{control ? 'net effect' : 'effect'} (95% interval)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.report.metrics.map((m) => (
            <Table.Tr key={m.metric}>
              <Table.Td>{m.metric}</Table.Td>
              <Table.Td>{figure(m.before, 2)}</Table.Td>
              <Table.Td>{figure(m.after, 2)}</Table.Td>
              <Table.Td>{changeText(m.change.estimate)}</Table.Td>
              {control && <Table.Td>{changeText(m.controlChange?.estimate ?? null)}</Table.Td>}
              <Table.Td>
                {changeText(m.effect.estimate)} ({intervalText(m.effect)})
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

function Summary(props: { report: ExperimentReportResponse }) {
  const { report } = props
  const d = report.definition
  const verdict = VERDICT[report.verdict]
  const { before, after } = report.windows
  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Badge size="xl" variant="light" color={verdict.color} data-testid="experiment-verdict">
            {verdict.label}
          </Badge>
          <Button
            variant="light"
            leftSection={<IconFileDownload size={16} aria-hidden />}
            onClick={() =>
              downloadExperimentHtml(report as unknown as ExperimentReport & { asOf: string })
            }
          >
            Download HTML report
          </Button>
        </Group>
        <Text>
          <strong>Hypothesis:</strong> {d.hypothesis}
        </Text>
        <Text size="sm">
          <strong>Change:</strong> {d.change} ({d.changeDate}
          {d.rolloutEndDate ? ` to ${d.rolloutEndDate}` : ''}) · scope {d.scope.stream}
          {d.control ? ` · control ${d.control.stream}` : ''}
        </Text>
        <Text size="sm" c="dimmed">
          Before {before.from} to {before.to}: {before.completed} items · after {after.from} to{' '}
          {after.to}: {after.completed} items · as of {report.asOf}
        </Text>
        <List size="sm" aria-label="Reasons">
          {report.reasons.map((r, i) => (
            <List.Item key={i}>{r.message}</List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  )
}

function Charts(props: { report: ExperimentReportResponse }) {
  const report = props.report as unknown as ExperimentReport
  const { histogram, weekly } = props.report
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <EChart
        title="Flow time before and after"
        description="Share of each window's completed items per flow time bin, before and after the change."
        option={experimentDistributionOption(report)}
        csv={{
          rows: histogram.binStartsDays.map((fromDays, i) => ({
            fromDays,
            before: histogram.before[i] ?? 0,
            after: histogram.after[i] ?? 0,
          })),
        }}
      />
      <EChart
        title="Weekly flow time, the change marked"
        description="Flow time p50 and p85 of the items completed each week, and their number, with the change marked."
        option={experimentTimelineOption(report)}
        csv={{ rows: weekly }}
      />
    </SimpleGrid>
  )
}

/** One experiment measured (stable URL `/experiments/:id`): verdict, reasons, metrics, charts. */
export default function ExperimentReportPage() {
  const { id = '' } = useParams()
  const query = useExperimentReportQuery(id)
  const { data } = query
  return (
    <>
      <PageHeader
        title={data?.definition.name ?? 'Experiment'}
        subtitle={
          <Anchor component={Link} to="/experiments" size="sm">
            All experiments
          </Anchor>
        }
      />
      <LoadingPanel {...query} height={480}>
        {data && (
          <Stack gap="md">
            <Summary report={data} />
            <MetricsTable report={data} />
            <Charts report={data} />
          </Stack>
        )}
      </LoadingPanel>
    </>
  )
}
