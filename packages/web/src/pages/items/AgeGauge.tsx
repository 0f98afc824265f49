import { Badge, Box, Card, Group, Text, Title } from '@mantine/core'
import type { DurationSummaryResponse } from '../../api/types'
import { PERCENTILE_COLORS } from '../../charts/palette'
import { METRIC_DEFINITIONS } from '../../format/metric-definitions'
import { formatDays } from '../../format/numbers'
import type { AgeBand } from './journey-shapes'
import { ageBand } from './journey-shapes'

const BAND_TEXT: Record<AgeBand, { text: string; color: string }> = {
  below_p50: { text: 'younger than half of completed items', color: 'teal' },
  p50_p85: { text: 'older than half of completed items', color: 'yellow' },
  p85_p95: { text: 'older than 85% of completed items', color: 'orange' },
  above_p95: { text: 'older than 95% of completed items', color: 'red' },
}

/** The item's age on a scale with the stream's flow-time p50/p85/p95 marked. */
export function AgeGauge(props: {
  ageDays: number | null
  ended: boolean
  summary: DurationSummaryResponse | null
  streams: readonly string[]
}) {
  const { ageDays, summary } = props
  const band = ageBand(ageDays, summary)
  const max = Math.max(ageDays ?? 0, summary?.p95 ?? 0) * 1.1 || 1
  const at = (days: number) => `${Math.min((days / max) * 100, 100)}%`
  const scope = props.streams.length ? props.streams[0] : 'all items'
  return (
    <Card withBorder radius="md" padding="md" h="100%">
      <Title order={3} size="h5">
        {props.ended ? 'Flow time' : 'Age'} against {scope}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {METRIC_DEFINITIONS.age}
      </Text>
      {ageDays === null ? (
        <Text size="sm">Not started yet: the item is still in the backlog.</Text>
      ) : (
        <>
          <Group gap="xs" align="baseline">
            <Text fz={28} fw={700}>
              {formatDays(ageDays)}
            </Text>
            <Text c="dimmed">days</Text>
            {band && (
              <Badge color={BAND_TEXT[band].color} variant="light">
                {BAND_TEXT[band].text}
              </Badge>
            )}
          </Group>
          {summary ? (
            <Box
              pos="relative"
              h={30}
              mt="sm"
              role="img"
              aria-label={`Age ${formatDays(ageDays)} days; p50 ${formatDays(summary.p50)}, p85 ${formatDays(summary.p85)}, p95 ${formatDays(summary.p95)} days`}
            >
              <Box
                pos="absolute"
                top={14}
                left={0}
                right={0}
                h={8}
                bg="var(--mantine-color-default-border)"
                style={{ borderRadius: 4 }}
              />
              <Box
                pos="absolute"
                top={14}
                left={0}
                w={at(ageDays)}
                h={8}
                bg="var(--mantine-primary-color-filled)"
                style={{ borderRadius: 4 }}
              />
              {(['p50', 'p85', 'p95'] as const).map((p) => (
                <Box
                  key={p}
                  pos="absolute"
                  top={8}
                  left={at(summary[p])}
                  h={20}
                  w={2}
                  bg={PERCENTILE_COLORS[p]}
                />
              ))}
            </Box>
          ) : null}
          {summary ? (
            <Group gap="md" mt={4}>
              {(['p50', 'p85', 'p95'] as const).map((p) => (
                <Group key={p} gap={4} wrap="nowrap">
                  <Box
                    w={10}
                    h={10}
                    bg={PERCENTILE_COLORS[p]}
                    style={{ borderRadius: 2 }}
                    aria-hidden
                  />
                  <Text size="xs">
                    {p} {formatDays(summary[p])} d
                  </Text>
                </Group>
              ))}
              <Text size="xs" c="dimmed">
                flow time of {summary.count} completed items
              </Text>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              No completed items to compare with.
            </Text>
          )}
        </>
      )}
    </Card>
  )
}
