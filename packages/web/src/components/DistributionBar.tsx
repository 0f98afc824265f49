import { Box, Group, Stack, Text, Tooltip } from '@mantine/core'
import { FLOW_ITEM_TYPES } from '@openvmo/core'
import type { FlowItemType } from '@openvmo/core'
import { TYPE_COLORS } from '../charts/palette'
import { MISSING, formatPercent } from '../format/numbers'

type Shares = Partial<Record<FlowItemType, number>> | null | undefined

function describe(shares: Shares): string {
  if (!shares) return 'none'
  return FLOW_ITEM_TYPES.filter((t) => shares[t] !== undefined)
    .map((t) => `${t} ${formatPercent(shares[t])}`)
    .join(', ')
}

function Bar(props: { shares: Shares; name: string; dashed?: boolean }) {
  const text = `${props.name}: ${describe(props.shares)}`
  if (!props.shares) {
    return (
      <Text size="xs" c="dimmed" aria-label={text}>
        {props.name} {MISSING}
      </Text>
    )
  }
  const shares = props.shares
  return (
    <Tooltip label={text}>
      <Group
        gap={0}
        wrap="nowrap"
        h={10}
        w="100%"
        role="img"
        aria-label={text}
        tabIndex={0}
        style={{
          borderRadius: 3,
          overflow: 'hidden',
          outline: props.dashed ? '1px dashed var(--mantine-color-dimmed)' : undefined,
        }}
      >
        {FLOW_ITEM_TYPES.map((type) => (
          <Box
            key={type}
            h="100%"
            w={`${(shares[type] ?? 0) * 100}%`}
            bg={TYPE_COLORS[type]}
            style={{ opacity: props.dashed ? 0.5 : 1 }}
          />
        ))}
      </Group>
    </Tooltip>
  )
}

/** Flow Distribution as a thin stacked bar, with the target as a second, paler bar. */
export function DistributionBar(props: { actual: Shares; target?: Shares }) {
  return (
    <Stack gap={3} miw={120}>
      <Bar shares={props.actual} name="Actual" />
      {props.target && <Bar shares={props.target} name="Target" dashed />}
    </Stack>
  )
}
