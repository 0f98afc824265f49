import { Button, Card, Group, Progress, Table, Text, Title, UnstyledButton } from '@mantine/core'
import { IconFileSpreadsheet } from '@tabler/icons-react'
import { downloadText } from '../../charts/download'
import { toCsv } from '../../charts/to-csv'
import type { ChartCovers } from '../../charts/export-meta'
import { exportLines, exportMeta } from '../../charts/export-meta'
import { useFilters } from '../../state/use-filters'
import { formatCount, formatDays, formatPercent } from '../../format/numbers'
import type { BottleneckRow } from './bottleneck-rows'

/** The bottleneck finder: per waiting state, how many wait now, how long, and its wait share. */
export function BottleneckTable(props: {
  rows: readonly BottleneckRow[]
  selected: string | undefined
  onSelect: (row: BottleneckRow) => void
  /** What the time-in-state result covers, written into the export. */
  covers?: ChartCovers
}) {
  const { filters } = useFilters()
  const exportCsv = () => {
    const meta = exportMeta('Bottleneck finder', filters, props.covers)
    downloadText(toCsv(props.rows, undefined, exportLines(meta)), `${meta.fileStem}.csv`)
  }
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          Bottleneck finder — where work waits
        </Title>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconFileSpreadsheet size={14} aria-hidden />}
          onClick={exportCsv}
          aria-label="Export bottleneck table as CSV"
        >
          CSV
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={720}>
        <Table highlightOnHover verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">State</Table.Th>
              <Table.Th scope="col" ta="right">
                Waiting now
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Days there now (mean)
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Completed items that waited
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Per visit p50 / p85 (d)
              </Table.Th>
              <Table.Th scope="col">Wait share</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.rows.map((row) => {
              const id = `${row.source}:${row.status}`
              const active = props.selected === id
              return (
                <Table.Tr key={id} bg={active ? 'var(--mantine-primary-color-light)' : undefined}>
                  <Table.Th scope="row">
                    <UnstyledButton
                      onClick={() => props.onSelect(row)}
                      aria-pressed={active}
                      aria-label={`Show the items waiting in ${row.status} (${row.source}) now`}
                    >
                      <Text fw={600} size="sm" td="underline">
                        {row.status}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {row.source} · {row.flowState}
                      </Text>
                    </UnstyledButton>
                  </Table.Th>
                  <Table.Td ta="right">{formatCount(row.waitingNow)}</Table.Td>
                  <Table.Td ta="right">{formatDays(row.meanDaysInStatusNow)}</Table.Td>
                  <Table.Td ta="right">{formatCount(row.completedVisited)}</Table.Td>
                  <Table.Td ta="right">
                    {formatDays(row.p50VisitDays)} / {formatDays(row.p85VisitDays)}
                  </Table.Td>
                  <Table.Td miw={140}>
                    <Group gap="xs" wrap="nowrap">
                      <Progress
                        value={(row.waitShare ?? 0) * 100}
                        w={80}
                        color="orange"
                        aria-hidden
                      />
                      <Text size="sm">{formatPercent(row.waitShare, 1)}</Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  )
}
