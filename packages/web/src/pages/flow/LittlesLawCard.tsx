import { Badge, Card, Group, List, SimpleGrid, Text, Title } from '@mantine/core'
import type { LittlesLawResponse } from '../../api/types'
import { METRIC_DEFINITIONS } from '../../format/metric-definitions'
import { formatDays, formatNumber, formatPercent } from '../../format/numbers'

function Figure(props: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      <Text fw={700} size="lg">
        {props.value}
      </Text>
    </div>
  )
}

/** Little's-law check: average load ÷ throughput against measured mean flow time. */
export function LittlesLawCard(props: { check: LittlesLawResponse }) {
  const { check } = props
  return (
    <Card withBorder radius="md" padding="md" h="100%">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          Little's law
        </Title>
        {check.kind === 'check' && (
          <Badge color={check.flagged ? 'orange' : 'teal'} variant="light">
            {check.flagged ? 'broken' : 'holds'}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {METRIC_DEFINITIONS.littlesLaw}
      </Text>
      {check.kind === 'insufficient_data' ? (
        <Text size="sm">Cannot check: {check.reason}</Text>
      ) : (
        <>
          <SimpleGrid cols={2} spacing="xs">
            <Figure label="Average load" value={formatNumber(check.averageLoad)} />
            <Figure label="Throughput per day" value={formatNumber(check.throughputPerDay, 2)} />
            <Figure
              label="Predicted flow time"
              value={`${formatDays(check.predictedFlowTimeDays)} d`}
            />
            <Figure
              label="Measured mean flow time"
              value={`${formatDays(check.meanFlowTimeDays)} d`}
            />
          </SimpleGrid>
          <Text size="sm" mt="sm">
            Divergence: <b>{formatPercent(check.divergence)}</b>
          </Text>
          {check.reasons.length > 0 && (
            <List size="sm" mt={4}>
              {check.reasons.map((reason) => (
                <List.Item key={reason}>{reason}</List.Item>
              ))}
            </List>
          )}
        </>
      )}
    </Card>
  )
}
