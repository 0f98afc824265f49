import { Card, Progress, Stack, Text, Title, Tooltip } from '@mantine/core'
import type { TimeInStateResponse } from '../../api/types'
import { STATE_COLORS } from '../../charts/palette'
import { formatCount, formatDays, formatPercent } from '../../format/numbers'

const PARTS = [
  { key: 'active', label: 'Active (flow efficiency)' },
  { key: 'waiting', label: 'Waiting' },
  { key: 'new', label: 'Back in new after start' },
] as const

/** How the completed items' flow time splits into active, waiting and new: efficiency by flow state. */
export function EfficiencyByState(props: { data: TimeInStateResponse }) {
  const { flowStates, completedItems, flowDays } = props.data
  return (
    <Card withBorder radius="md" padding="md" h="100%">
      <Title order={3} size="h5" mb={4}>
        Flow time by flow state
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {formatCount(completedItems)} completed items, {formatDays(flowDays)} days of flow time in
        total.
      </Text>
      <Progress.Root size={22}>
        {PARTS.map((part) => (
          <Tooltip
            key={part.key}
            label={`${part.label}: ${formatPercent(flowStates[part.key].share, 1)}`}
          >
            <Progress.Section
              aria-label={`${part.label}: ${formatPercent(flowStates[part.key].share, 1)}`}
              value={(flowStates[part.key].share ?? 0) * 100}
              color={STATE_COLORS[part.key]}
            />
          </Tooltip>
        ))}
      </Progress.Root>
      <Stack gap={4} mt="sm">
        {PARTS.map((part) => (
          <Text key={part.key} size="sm">
            <span
              aria-hidden
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                borderRadius: 2,
                background: STATE_COLORS[part.key],
                marginRight: 6,
              }}
            />
            {part.label}: <b>{formatPercent(flowStates[part.key].share, 1)}</b> (
            {formatDays(flowStates[part.key].totalDays)} d)
          </Text>
        ))}
      </Stack>
    </Card>
  )
}
