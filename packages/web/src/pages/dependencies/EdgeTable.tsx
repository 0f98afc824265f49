import { Card, Table, Text, Title, UnstyledButton } from '@mantine/core'
import type { DependencyGraphResponse } from '../../api/types'
import { SparkTrend } from '../../charts/SparkTrend'
import { groupName } from '../../charts/DependencyGraphChart'
import { formatCount, formatDays, formatPercent } from '../../format/numbers'

/** The edges of the dependency graph, heaviest first; a click on a row picks the edge. */
export function EdgeTable(props: {
  data: DependencyGraphResponse
  selected: number | undefined
  onPick: (edgeIndex: number) => void
}) {
  const { data, selected, onPick } = props
  const notOver = data.periods.at(-1)?.partial === true
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={3} size="h5" mb="xs">
        Heaviest dependencies first
      </Title>
      <Table.ScrollContainer minWidth={480}>
        <Table highlightOnHover verticalSpacing="xs" data-testid="dependency-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Held up by → waiting</Table.Th>
              <Table.Th scope="col" ta="right">
                Wait (d)
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Items
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Share
              </Table.Th>
              <Table.Th scope="col">Trend{notOver ? ' (last not over)' : ''}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.edges.map((edge, index) => {
              const label = `${groupName(edge.upstream)} → ${groupName(edge.downstream)}`
              return (
                <Table.Tr
                  key={label}
                  bg={index === selected ? 'var(--mantine-color-blue-light)' : undefined}
                >
                  <Table.Td>
                    <UnstyledButton
                      onClick={() => onPick(index)}
                      aria-pressed={index === selected}
                      data-testid="dependency-edge"
                    >
                      <Text size="sm" fw={500} td="underline">
                        {label}
                      </Text>
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td ta="right">{formatDays(edge.waitDays)}</Table.Td>
                  <Table.Td ta="right">{formatCount(edge.itemCount)}</Table.Td>
                  <Table.Td ta="right">{formatPercent(edge.shareOfDownstreamTime, 1)}</Table.Td>
                  <Table.Td>
                    <SparkTrend
                      values={edge.periodWaitDays}
                      label={`${label}: wait days per period`}
                    />
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
