import { Anchor, Badge, Card, Group, SimpleGrid, Text, Title } from '@mantine/core'
import { IconExternalLink } from '@tabler/icons-react'
import type { ItemJourneyResponse } from '../../api/types'
import { stateColor, stateLabel } from '../../charts/palette'
import { formatDate, formatDays } from '../../format/numbers'

function Fact(props: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      <Text size="sm" fw={600} component="div">
        {props.children}
      </Text>
    </div>
  )
}

/** Where the item is now: its status, flow state, since when, team, streams, and a link to its tool. */
export function ItemHeader(props: { journey: ItemJourneyResponse }) {
  const { item, flowState, timeline, start, end } = props.journey
  const current = timeline.at(-1)
  const sinceDays = current
    ? (Date.parse(props.journey.asOf) - Date.parse(current.from)) / 86_400_000
    : null
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" mb="sm">
        <div>
          <Group gap="xs">
            <Badge variant="outline" color="gray">
              {item.source}
            </Badge>
            <Badge variant="light">{props.journey.flowItem}</Badge>
            <Text size="sm" c="dimmed">
              {item.type}
            </Text>
          </Group>
          <Title order={2} mt={4}>
            {item.key}
            {item.title ? ` — ${item.title}` : ''}
          </Title>
        </div>
        {item.url && (
          <Anchor href={item.url} target="_blank" rel="noreferrer">
            <Group gap={4}>
              Open in {item.source}
              <IconExternalLink size={16} aria-hidden />
            </Group>
          </Anchor>
        )}
      </Group>
      <Text size="lg" mb="sm" data-testid="where-now">
        Now in <b>{item.status}</b>{' '}
        <Badge
          color="gray"
          variant="light"
          leftSection={
            <span
              aria-hidden
              style={{
                display: 'inline-block',
                width: 8,
                height: 8,
                borderRadius: 4,
                background: stateColor(flowState),
              }}
            />
          }
        >
          {stateLabel(flowState)}
        </Badge>
        {sinceDays !== null && (
          <>
            {' '}
            for {formatDays(sinceDays)} days (since {formatDate(current?.from)})
          </>
        )}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm">
        <Fact label="Created">{formatDate(item.created)}</Fact>
        <Fact label="Started">{formatDate(start)}</Fact>
        <Fact label="Ended">{end ? formatDate(end) : 'in progress'}</Fact>
        <Fact label="Team">{item.team ?? '—'}</Fact>
        <Fact label="Value streams">{props.journey.valueStreams.join(', ') || '—'}</Fact>
        <Fact label="Parent">{item.parent ?? '—'}</Fact>
      </SimpleGrid>
    </Card>
  )
}
