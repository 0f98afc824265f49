import { Box, Card, Group, Table, Text, Title, Tooltip } from '@mantine/core'
import type { StateStretch } from '../../api/types'
import { stateColor, stateLabel } from '../../charts/palette'
import { formatDate, formatDays } from '../../format/numbers'
import { timelineSegments } from './journey-shapes'

/**
 * The item's path through its tool states from creation to now (to its end for an ended item),
 * as a bar and as a table.
 */
export function StateTimeline(props: {
  timeline: readonly StateStretch[]
  asOf: string
  /** When the item ended: the bar stops there. */
  end: string | null
}) {
  const segments = timelineSegments(props.timeline, props.asOf, props.end)
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={3} size="h5" mb="sm">
        Timeline
      </Title>
      <Group
        gap={0}
        wrap="nowrap"
        h={28}
        pos="relative"
        style={{ borderRadius: 4, overflow: 'hidden' }}
        aria-hidden
      >
        {segments.map((s) => (
          <Tooltip
            key={s.from}
            label={`${s.status} (${stateLabel(s.flowState)}): ${formatDays(s.days)} d from ${formatDate(s.from)}`}
          >
            <Box
              h="100%"
              w={`${s.width * 100}%`}
              miw={2}
              bg={stateColor(s.flowState)}
              style={{ borderRight: '1px solid var(--mantine-color-body)' }}
            />
          </Tooltip>
        ))}
      </Group>
      <Group justify="space-between" mt={2} mb="sm">
        <Text size="xs" c="dimmed">
          {formatDate(segments[0]?.from)}
        </Text>
        <Text size="xs" c="dimmed">
          {props.end ? `ended ${formatDate(props.end)}` : `now (${formatDate(props.asOf)})`}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={480}>
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Flow state</Table.Th>
              <Table.Th scope="col">From</Table.Th>
              <Table.Th scope="col">To</Table.Th>
              <Table.Th scope="col" ta="right">
                Days
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {segments.map((s) => (
              <Table.Tr key={s.from}>
                <Table.Td fw={600}>{s.status}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Box
                      w={10}
                      h={10}
                      bg={stateColor(s.flowState)}
                      style={{ borderRadius: 2 }}
                      aria-hidden
                    />
                    {stateLabel(s.flowState)}
                  </Group>
                </Table.Td>
                <Table.Td>{formatDate(s.from)}</Table.Td>
                <Table.Td>{s.to ? formatDate(s.to) : 'now'}</Table.Td>
                <Table.Td ta="right">{formatDays(s.days)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  )
}
