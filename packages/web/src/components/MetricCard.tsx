import type { ReactNode } from 'react'
import { Card, Group, Text, Tooltip, UnstyledButton } from '@mantine/core'
import {
  IconArrowDownRight,
  IconArrowRight,
  IconArrowUpRight,
  IconInfoCircle,
} from '@tabler/icons-react'
import { MISSING, formatPercent } from '../format/numbers'
import type { Better } from './trend'
import { trendOf } from './trend'

export interface MetricCardProps {
  label: string
  /** The figure; null means "cannot compute" and shows as `—`, never 0. */
  value: number | null | undefined
  format: (value: number) => string
  unit?: string
  /** The same figure in the previous period, for the trend arrow. */
  previous?: number | null
  previousLabel?: string
  better?: Better
  /** The definition shown in the tooltip (FLOW-METRICS.md wording). */
  definition: string
  /** The period the figure covers, said on the card (`Oct 2026 (last full month)`). */
  covers?: string
  /** A small chart or note under the figure. */
  children?: ReactNode
}

const TONE_COLOR = {
  good: 'var(--mantine-color-teal-light-color)',
  bad: 'var(--mantine-color-red-light-color)',
  neutral: 'dimmed',
} as const
const ARROWS = { up: IconArrowUpRight, down: IconArrowDownRight, flat: IconArrowRight }

function TrendBadge(props: { value: number; previous: number; better: Better; label: string }) {
  const trend = trendOf(props.value, props.previous, props.better)
  if (!trend) return null
  const Arrow = ARROWS[trend.direction]
  const change =
    trend.change === null
      ? trend.direction
      : `${trend.change > 0 ? '+' : ''}${formatPercent(trend.change)}`
  return (
    <Group gap={2} c={TONE_COLOR[trend.tone]} wrap="nowrap">
      <Arrow size={16} aria-hidden />
      <Text size="xs" fw={600} c="inherit">
        {change}
        <Text span size="xs" c="dimmed" fw={400}>
          {' '}
          vs {props.label}
        </Text>
      </Text>
    </Group>
  )
}

/**
 * One Flow Metric as a card: the figure with its unit, an arrow comparing it with the previous
 * period (coloured by whether the change is good news) and the metric's definition in a tooltip.
 */
export function MetricCard(props: MetricCardProps) {
  const { label, value, format, unit, previous, better = 'neutral', definition, children } = props
  const missing = value === null || value === undefined || !Number.isFinite(value)
  return (
    <Card withBorder padding="md" radius="md">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={600} c="dimmed" tt="uppercase">
          {label}
        </Text>
        <Tooltip
          label={definition}
          multiline
          w={280}
          withArrow
          events={{ hover: true, focus: true, touch: true }}
        >
          <UnstyledButton
            aria-label={`Definition of ${label}`}
            c="dimmed"
            style={{ lineHeight: 0 }}
          >
            <IconInfoCircle size={16} aria-hidden />
          </UnstyledButton>
        </Tooltip>
      </Group>
      <Group gap={6} align="baseline" mt={4}>
        <Text fz={30} fw={700} lh={1.2} data-testid="metric-value">
          {missing ? MISSING : format(value)}
        </Text>
        {!missing && unit && (
          <Text size="sm" c="dimmed">
            {unit}
          </Text>
        )}
      </Group>
      {props.covers && (
        <Text size="xs" c="dimmed" data-testid="metric-covers">
          {props.covers}
        </Text>
      )}
      {missing ? (
        <Text size="xs" c="dimmed">
          cannot be computed for this range
        </Text>
      ) : (
        previous !== null &&
        previous !== undefined && (
          <TrendBadge
            value={value}
            previous={previous}
            better={better}
            label={props.previousLabel ?? 'previous period'}
          />
        )
      )}
      {children}
    </Card>
  )
}
